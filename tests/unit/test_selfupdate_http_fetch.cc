// The self-update's HTTP GETs (selfupdate/http_fetch.hh) against a local
// libsoup server: ETag and If-None-Match, errors with the status, the size
// limit, downloading to a file with its SHA-256, and cancelling.
#include <fcntl.h>
#include <gtest/gtest.h>

#include <optional>

#include "file_server.hh"
#include "selfupdate/http_fetch.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

// Runs the main loop until the fetch started by start(fn) calls back.
FetchResult await(const std::function<void(FetchFn)>& start) {
  std::optional<FetchResult> result;
  start([&result](FetchResult r) { result = std::move(r); });
  EXPECT_TRUE(run_until([&result] { return result.has_value(); }));
  return result.value_or(FetchResult{});
}

}  // namespace

TEST(HttpFetch, TextWithETagThenNotModified) {
  FileServer server;
  server.files["/release"] = {R"({"tag_name": "v0.2.0"})", "\"abc\""};
  HttpFetcher http(5);
  const std::string url = server.url("/release");
  FetchResult r = await([&](FetchFn fn) { http.get_text(url, "", "application/json", 1024, std::move(fn)); });
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, R"({"tag_name": "v0.2.0"})");
  EXPECT_EQ(r.size, r.body.size());
  EXPECT_EQ(r.etag, "\"abc\"");
  EXPECT_EQ(r.sha256, "") << "only download() hashes";

  r = await([&](FetchFn fn) { http.get_text(url, "\"abc\"", nullptr, 1024, std::move(fn)); });
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.status, 304u);
  EXPECT_EQ(r.body, "");

  ASSERT_EQ(server.requests.size(), 2u);
  EXPECT_EQ(server.requests[0].accept, "application/json");
  EXPECT_EQ(server.requests[0].if_none_match, "");
  EXPECT_EQ(server.requests[1].if_none_match, "\"abc\"");
}

TEST(HttpFetch, ErrorsNameTheStatus) {
  FileServer server;
  server.files["/gone"] = {"", "", 410};
  HttpFetcher http(5);
  FetchResult r = await([&](FetchFn fn) { http.get_text(server.url("/missing"), "", nullptr, 1024, std::move(fn)); });
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.error, "GET " + server.url("/missing") + ": 404 Not Found");
  r = await([&](FetchFn fn) { http.get_text(server.url("/gone"), "", nullptr, 1024, std::move(fn)); });
  EXPECT_EQ(r.error, "GET " + server.url("/gone") + ": 410 Gone");
}

TEST(HttpFetch, RefusesWhatIsNoUrl) {
  HttpFetcher http(5);
  const FetchResult r = await([&](FetchFn fn) { http.get_text("not a url", "", nullptr, 1024, std::move(fn)); });
  EXPECT_EQ(r.status, 0u);
  EXPECT_EQ(r.error, "\"not a url\" is not a URL hoist can fetch");
}

TEST(HttpFetch, StopsAtTheLimit) {
  FileServer server;
  server.files["/big"] = {std::string(300 * 1024, 'x')};
  server.files["/exact"] = {std::string(1000, 'y')};
  HttpFetcher http(5);
  FetchResult r = await([&](FetchFn fn) { http.get_text(server.url("/big"), "", nullptr, 1000, std::move(fn)); });
  EXPECT_EQ(r.error, "GET " + server.url("/big") + ": larger than 1000 bytes");
  r = await([&](FetchFn fn) { http.get_text(server.url("/exact"), "", nullptr, 1000, std::move(fn)); });
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.size, 1000u);
}

TEST(HttpFetch, DownloadsToAFileWithItsSha256) {
  FileServer server;
  std::string body;
  for (int i = 0; i < 40000; i++) body += std::to_string(i);  // several reads
  server.files["/hoist.tar.gz"] = {body};
  TempDir tmp;
  const Fd fd(open((tmp / "download").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  ASSERT_TRUE(fd);
  HttpFetcher http(5);
  const FetchResult r =
      await([&](FetchFn fn) { http.download(server.url("/hoist.tar.gz"), fd.get(), 1 << 20, std::move(fn)); });
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.size, body.size());
  EXPECT_EQ(r.body, "") << "the body went to the file";
  const GCharPtr expected(g_compute_checksum_for_string(G_CHECKSUM_SHA256, body.data(), body.size()));
  EXPECT_EQ(r.sha256, expected.get());
  EXPECT_EQ(read_file(tmp / "download"), body);
  ASSERT_EQ(server.requests.size(), 1u);
  EXPECT_EQ(server.requests[0].accept, "application/octet-stream");

  const FetchResult big =
      await([&](FetchFn fn) { http.download(server.url("/hoist.tar.gz"), fd.get(), 1000, std::move(fn)); });
  EXPECT_NE(big.error.find("larger than 1000 bytes"), std::string::npos) << big.error;
  EXPECT_EQ(big.sha256, "") << "no checksum of a part";
}

TEST(HttpFetch, NoCallbackAfterTheFetcherIsGone) {
  FileServer server;
  server.files["/release"] = {"{}"};
  bool called = false;
  {
    HttpFetcher http(5);
    http.get_text(server.url("/release"), "", nullptr, 1024, [&called](const FetchResult&) { called = true; });
  }
  // The server still answers; the cancelled request never calls back.
  HttpFetcher other(5);
  const FetchResult r =
      await([&](FetchFn fn) { other.get_text(server.url("/release"), "", nullptr, 1024, std::move(fn)); });
  EXPECT_EQ(r.error, "");
  run_pending();
  EXPECT_FALSE(called);
}
