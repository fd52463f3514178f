#include <gtest/gtest.h>

#include "api/http_server.hh"

using namespace hoist;

namespace {

std::string parsed(const std::string& in) {
  std::string error;
  GObj<GSocketAddress> a(parse_listen_address(in, error));
  if (!a) return "error: " + error;
  auto* inet = G_INET_SOCKET_ADDRESS(a.get());
  GCharPtr host(g_inet_address_to_string(g_inet_socket_address_get_address(inet)));
  return std::string(host.get()) + " " + std::to_string(g_inet_socket_address_get_port(inet));
}

}  // namespace

TEST(ListenAddress, Parses) {
  EXPECT_EQ(parsed("127.0.0.1:8647"), "127.0.0.1 8647");
  EXPECT_EQ(parsed("[::1]:80"), "::1 80");
  EXPECT_EQ(parsed("0.0.0.0:65535"), "0.0.0.0 65535");
}

TEST(ListenAddress, NamesWhatIsWrong) {
  EXPECT_EQ(parsed("8647"), "error: \"8647\" is not HOST:PORT or [IPV6-ADDRESS]:PORT");
  EXPECT_EQ(parsed("127.0.0.1:"), "error: \"127.0.0.1:\" has port \"\", which is empty");
  EXPECT_EQ(parsed("127.0.0.1:0"), "error: \"127.0.0.1:0\" has port \"0\", which is out of range (1 to 65535)");
  EXPECT_EQ(parsed("127.0.0.1:70000"),
            "error: \"127.0.0.1:70000\" has port \"70000\", which is out of range (1 to 65535)");
  EXPECT_EQ(parsed("127.0.0.1:80x"), "error: \"127.0.0.1:80x\" has port \"80x\", which is not a number");
  EXPECT_EQ(parsed("localhost:80"), "error: \"localhost\" is not an IP address (no host names here)");
  EXPECT_EQ(parsed("::1:80"),
            "error: \"::1:80\" has an IPv6 address without brackets: write [ADDRESS]:PORT");
}
