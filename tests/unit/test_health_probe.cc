// Health probes against real loopback servers in this process.
#include <gtest/gtest.h>

#include "core/health_probe.hh"

using namespace hoist;

namespace {

ProbeResult run_probe(HealthProber& prober, const ProbeSpec& spec) {
  GMainLoopPtr loop(g_main_loop_new(nullptr, FALSE));
  ProbeResult result;
  bool done = false;
  prober.probe(spec, [&](const ProbeResult& r) {
    result = r;
    done = true;
    g_main_loop_quit(loop.get());
  });
  guint deadline = g_timeout_add_seconds(10, [](gpointer l) -> gboolean {
    ADD_FAILURE() << "probe did not finish";
    g_main_loop_quit(static_cast<GMainLoop*>(l));
    return G_SOURCE_REMOVE;
  }, loop.get());
  if (!done) g_main_loop_run(loop.get());
  g_source_remove(deadline);
  return result;
}

// Answers 503 to the first `failures` requests, then 200; /hang never answers.
struct HttpServerFixture {
  GObj<SoupServer> server{soup_server_new(nullptr, nullptr)};
  int failures = 0;
  int requests = 0;
  std::string base;
  HttpServerFixture() {
    soup_server_add_handler(server.get(), nullptr,
                            [](SoupServer*, SoupServerMessage* msg, const char* path, GHashTable*,
                               gpointer data) {
                              auto* self = static_cast<HttpServerFixture*>(data);
                              if (std::string(path) == "/hang") return soup_server_message_pause(msg);
                              self->requests++;
                              soup_server_message_set_status(
                                  msg, self->requests <= self->failures ? 503 : 200, nullptr);
                            },
                            this, nullptr);
    EXPECT_TRUE(soup_server_listen_local(server.get(), 0, SOUP_SERVER_LISTEN_IPV4_ONLY, nullptr));
    GSList* uris = soup_server_get_uris(server.get());
    GCharPtr s(g_uri_to_string(static_cast<GUri*>(uris->data)));
    base = s.get();
    if (!base.empty() && base.back() == '/') base.pop_back();
    g_slist_free_full(uris, reinterpret_cast<GDestroyNotify>(g_uri_unref));
  }
};

ProbeSpec http(const std::string& url, unsigned retries, uint64_t timeout_ms = 2000) {
  ProbeSpec p;
  p.kind = ProbeSpec::Kind::Http;
  p.target = url;
  p.retries = retries;
  p.timeout_usec = timeout_ms * 1000;
  p.retry_interval_msec = 10;
  return p;
}

// A loopback port nothing listens on.
guint16 closed_port() {
  GObj<GSocketListener> l(g_socket_listener_new());
  guint16 port = g_socket_listener_add_any_inet_port(l.get(), nullptr, nullptr);
  g_socket_listener_close(l.get());
  return port;
}

}  // namespace

TEST(HealthProbe, NoProbePasses) {
  HealthProber prober(nullptr);
  auto r = run_probe(prober, ProbeSpec{});
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.attempts, 0u);
}

TEST(HealthProbe, HttpPassesOn2xx) {
  HttpServerFixture srv;
  HealthProber prober(nullptr);
  auto r = run_probe(prober, http(srv.base + "/health", 3));
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.attempts, 1u);
  EXPECT_EQ(r.detail, "HTTP 200");
}

TEST(HealthProbe, HttpRetriesUntilHealthy) {
  HttpServerFixture srv;
  srv.failures = 2;
  HealthProber prober(nullptr);
  auto r = run_probe(prober, http(srv.base + "/health", 3));
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.attempts, 3u);
}

TEST(HealthProbe, HttpFailsAfterRetries) {
  HttpServerFixture srv;
  srv.failures = 5;
  HealthProber prober(nullptr);
  auto r = run_probe(prober, http(srv.base + "/health", 2));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.attempts, 2u);
  EXPECT_EQ(r.detail, "HTTP 503");
  EXPECT_EQ(srv.requests, 2);
}

TEST(HealthProbe, HttpTimesOut) {
  HttpServerFixture srv;
  HealthProber prober(nullptr);
  auto r = run_probe(prober, http(srv.base + "/hang", 1, 200));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "no answer within the timeout");
}

TEST(HealthProbe, HttpRefusedAndInvalid) {
  HealthProber prober(nullptr);
  auto r = run_probe(prober, http("http://127.0.0.1:" + std::to_string(closed_port()) + "/", 1));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.detail.find("refused"), std::string::npos) << r.detail;
  r = run_probe(prober, http("not a url", 1));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "invalid URL not a url");
}

TEST(HealthProbe, Tcp) {
  GObj<GSocketListener> l(g_socket_listener_new());
  guint16 port = g_socket_listener_add_any_inet_port(l.get(), nullptr, nullptr);
  ASSERT_NE(port, 0);
  HealthProber prober(nullptr);
  ProbeSpec p;
  p.kind = ProbeSpec::Kind::Tcp;
  p.target = "127.0.0.1:" + std::to_string(port);
  p.retries = 1;
  auto r = run_probe(prober, p);
  EXPECT_TRUE(r.passed) << r.detail;
  p.target = "127.0.0.1:" + std::to_string(closed_port());
  p.retries = 2;
  p.retry_interval_msec = 10;
  r = run_probe(prober, p);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.attempts, 2u);
}

TEST(HealthProbe, ExecNeedsAStepRunner) {
  HealthProber prober(nullptr);
  ProbeSpec p;
  p.kind = ProbeSpec::Kind::Exec;
  p.argv = {"true"};
  p.retries = 1;
  auto r = run_probe(prober, p);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "command probes are not available here");
}

TEST(HealthProbe, DestroyingTheProberCancelsQuietly) {
  HttpServerFixture srv;
  GMainLoopPtr loop(g_main_loop_new(nullptr, FALSE));
  bool called = false;
  {
    HealthProber prober(nullptr);
    prober.probe(http(srv.base + "/hang", 1, 5000), [&](const ProbeResult&) { called = true; });
    g_main_context_iteration(nullptr, FALSE);
  }
  for (int i = 0; i < 20; i++) g_main_context_iteration(nullptr, FALSE);
  EXPECT_FALSE(called);
}
