// Delivering notifications (notify/notifiers.hh) to a fake receiver: a
// libsoup server in this process that records each request and answers
// with the statuses a test gives it.
#include <gtest/gtest.h>
#include <libsoup/soup.h>
#include <sys/stat.h>

#include <deque>
#include <functional>

#include "loopback_server.hh"
#include "notify/notifiers.hh"
#include "notify/notify_delivery.hh"
#include "test_notify_events.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

using Type = NotifierConfig::Type;

// Short times: a retry 20 ms after a failure, attempts of 2 s at most.
constexpr NotifierTiming kFast{2000, 20, 2};

struct Received {
  std::string method;
  std::string path;
  std::string authorization;
  std::string content_type;
  std::string body;
};

class Receiver {
 public:
  std::deque<unsigned> statuses;  // answers in order; 200 when empty; 0: never answer
  std::vector<Received> requests;
  std::string base;

  Receiver() {
    soup_server_add_handler(server_.get(), nullptr, on_request, this, nullptr);
    base = listen_on_loopback(server_.get());
  }

 private:
  static void on_request(SoupServer*, SoupServerMessage* msg, const char*, GHashTable*, gpointer data) {
    auto* self = static_cast<Receiver*>(data);
    SoupMessageHeaders* headers = soup_server_message_get_request_headers(msg);
    auto header = [&](const char* name) {
      const char* v = soup_message_headers_get_one(headers, name);
      return std::string(v ? v : "");
    };
    SoupMessageBody* body = soup_server_message_get_request_body(msg);
    self->requests.push_back({soup_server_message_get_method(msg),
                              g_uri_get_path(soup_server_message_get_uri(msg)),
                              header("Authorization"), header("Content-Type"),
                              std::string(body->data, static_cast<size_t>(body->length))});
    unsigned status = 200;
    if (!self->statuses.empty()) {
      status = self->statuses.front();
      self->statuses.pop_front();
    }
    if (status == 0) return soup_server_message_pause(msg);
    soup_server_message_set_status(msg, status, nullptr);
  }

  GObj<SoupServer> server_{soup_server_new(nullptr, nullptr)};
};

const auto config = notifier_config;

// Sends event and runs the main loop until every delivery is over.
void deliver(Notifiers& n, const NotifyEvent& event) {
  n.notify(event);
  ASSERT_TRUE(run_until([&] { return n.in_flight() == 0; }));
}

}  // namespace

TEST(NotifyDelivery, PostsWithoutBlockingTheCaller) {
  Receiver r;
  Notifiers n({config("chat", Type::Slack, r.base + "/services/T0/B0/secret")}, "", kFast);
  n.notify(sample_event(NotifyKind::DeployStarted));
  // notify() returned before anything was sent: it is all in the main loop.
  EXPECT_TRUE(r.requests.empty());
  EXPECT_EQ(n.in_flight(), 1u);
  ASSERT_TRUE(run_until([&] { return n.in_flight() == 0; }));
  ASSERT_EQ(r.requests.size(), 1u);
  EXPECT_EQ(r.requests[0].method, "POST");
  EXPECT_EQ(r.requests[0].path, "/services/T0/B0/secret");
  EXPECT_EQ(r.requests[0].content_type, "application/json");
  EXPECT_EQ(r.requests[0].authorization, "");
  const Payload p(r.requests[0].body);
  EXPECT_NE(p.str("text").find("🚀 *api* on web1: deploying"), std::string::npos);
  EXPECT_FALSE(n.failing("chat"));
}

TEST(NotifyDelivery, RetriesAfterAServerError) {
  Receiver r;
  r.statuses = {500, 503};
  Notifiers n({config("hook", Type::Webhook, r.base + "/hook")}, "", kFast);
  deliver(n, sample_event(NotifyKind::DeployFailed));
  ASSERT_EQ(r.requests.size(), 3u);
  EXPECT_EQ(r.requests[1].body, r.requests[0].body);
  EXPECT_EQ(r.requests[2].body, r.requests[0].body);
  EXPECT_EQ(Payload(r.requests[2].body).str("event"), "deploy-failed");
  EXPECT_FALSE(n.failing("hook"));
}

size_t count(const std::string& s, const std::string& part) {
  size_t n = 0;
  for (size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) n++;
  return n;
}

TEST(NotifyDelivery, FailuresAreLoggedOnceWithoutTheSecretUrl) {
  Receiver r;
  r.statuses = {500, 500, 500, 404};
  Notifiers n({config("chat", Type::Slack, r.base + "/services/T0/B0/secret")}, "", kFast);
  ::testing::internal::CaptureStderr();
  n.notify(sample_event(NotifyKind::DeployStarted));
  deliver(n, sample_event(NotifyKind::DeployStarted));
  deliver(n, sample_event(NotifyKind::DeployStarted));
  const std::string log = ::testing::internal::GetCapturedStderr();
  // The first two deliveries interleave: one fails (a 500, then a 404),
  // the other succeeds at its third attempt; the third delivery succeeds.
  EXPECT_EQ(r.requests.size(), 6u);
  EXPECT_EQ(count(log, "notifier chat: cannot deliver to " + r.base + ": "), 1u) << log;
  EXPECT_EQ(count(log, "notifier chat: delivers to " + r.base + " again"), 1u) << log;
  EXPECT_EQ(log.find("secret"), std::string::npos) << log;
}

TEST(NotifyDelivery, GivesUpAfterTwoRetriesAndRecovers) {
  Receiver r;
  r.statuses = {500, 500, 500, 502, 502, 502};
  Notifiers n({config("hook", Type::Webhook, r.base + "/hook")}, "", kFast);
  deliver(n, sample_event(NotifyKind::DeployStarted));
  EXPECT_EQ(r.requests.size(), 3u);
  EXPECT_TRUE(n.failing("hook"));
  // A second failure is not logged again; the notifier stays failing.
  deliver(n, sample_event(NotifyKind::DeployStarted));
  EXPECT_EQ(r.requests.size(), 6u);
  EXPECT_TRUE(n.failing("hook"));
  // A reload with the same configuration keeps that state.
  EXPECT_TRUE(n.configure({config("hook", Type::Webhook, r.base + "/hook")}).empty());
  EXPECT_TRUE(n.failing("hook"));
  deliver(n, sample_event(NotifyKind::DeploySucceeded));
  EXPECT_EQ(r.requests.size(), 7u);
  EXPECT_FALSE(n.failing("hook"));
}

TEST(NotifyDelivery, NoRetryOnAClientError) {
  Receiver r;
  r.statuses = {404};
  Notifiers n({config("chat", Type::Discord, r.base + "/api/webhooks/1/gone")}, "", kFast);
  deliver(n, sample_event(NotifyKind::DeployStarted));
  EXPECT_EQ(r.requests.size(), 1u);
  EXPECT_TRUE(n.failing("chat"));
}

TEST(NotifyDelivery, AnAttemptTimesOut) {
  Receiver r;
  r.statuses = {0, 200};  // the first request is never answered
  Notifiers n({config("chat", Type::Mattermost, r.base + "/hooks/x")}, "", NotifierTiming{200, 20, 2});
  deliver(n, sample_event(NotifyKind::DeployStarted));
  EXPECT_EQ(r.requests.size(), 2u);
  EXPECT_FALSE(n.failing("chat"));
}

TEST(NotifyDelivery, MatrixPutsWithTheBearerToken) {
  Receiver r;
  r.statuses = {502};  // retried with the same transaction id
  TempDir dir;
  NotifierConfig m = config("room", Type::Matrix, r.base + "/");
  m.room = "!room:example.org";
  m.token_file = dir / "token";
  write_file(m.token_file, "syt_secret\n");
  ASSERT_EQ(chmod(m.token_file.c_str(), 0600), 0);
  Notifiers n({m}, "", kFast);
  n.notify(sample_event(NotifyKind::DeploySucceeded));
  deliver(n, sample_event(NotifyKind::DeployFailed));
  ASSERT_EQ(r.requests.size(), 3u);
  // (libsoup's server hands the path decoded; matrix_send_url's encoding is
  // checked in test_notify_format.cc.)
  const std::string prefix = "/_matrix/client/v3/rooms/!room:example.org/send/m.room.message/";
  for (const Received& q : r.requests) {
    EXPECT_EQ(q.method, "PUT");
    EXPECT_EQ(q.path.rfind(prefix, 0), 0u) << q.path;
    EXPECT_EQ(q.authorization, "Bearer syt_secret");
    EXPECT_EQ(Payload(q.body).str("msgtype"), "m.notice");
  }
  // The retry of the first message has its transaction id; the second message a new one.
  std::vector<std::string> succeeded, failed;
  for (const Received& q : r.requests)
    (Payload(q.body).str("body").find("deployed") != std::string::npos ? succeeded : failed)
        .push_back(q.path);
  ASSERT_EQ(succeeded.size() + failed.size(), 3u);
  const auto& twice = succeeded.size() == 2 ? succeeded : failed;
  const auto& once = succeeded.size() == 2 ? failed : succeeded;
  ASSERT_EQ(twice.size(), 2u);
  EXPECT_EQ(twice[0], twice[1]);
  EXPECT_NE(once[0], twice[0]);
}

TEST(NotifyDelivery, MatrixWithoutAReadableTokenSendsNothing) {
  Receiver r;
  TempDir dir;
  NotifierConfig m = config("room", Type::Matrix, r.base);
  m.room = "!room:example.org";
  m.token_file = dir / "token";
  write_file(m.token_file, "syt_secret\n");
  ASSERT_EQ(chmod(m.token_file.c_str(), 0644), 0);
  Notifiers n({}, "", kFast);
  const auto problems = n.configure({m});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "notifier room: access token file " + m.token_file +
                             " is accessible by group or others (mode 0644); make it mode 0600 or "
                             "0400");
  n.notify(sample_event(NotifyKind::DeployStarted));
  EXPECT_EQ(n.in_flight(), 0u);
  // Fixed and reloaded: it sends.
  ASSERT_EQ(chmod(m.token_file.c_str(), 0600), 0);
  EXPECT_TRUE(n.configure({m}).empty());
  deliver(n, sample_event(NotifyKind::DeployStarted));
  EXPECT_EQ(r.requests.size(), 1u);
}

TEST(NotifyDelivery, EventsAndAppsSelect) {
  Receiver r;
  NotifierConfig failures = config("failures", Type::Webhook, r.base + "/failures");
  failures.events = {"deploy-failed", "rolled-back"};
  NotifierConfig web = config("web", Type::Webhook, r.base + "/web");
  web.apps = {"web"};
  Notifiers n({failures, web}, "", kFast);
  n.notify(sample_event(NotifyKind::DeployStarted));  // app api: neither
  EXPECT_EQ(n.in_flight(), 0u);
  n.notify(sample_event(NotifyKind::DeployFailed));  // failures only
  NotifyEvent started = sample_event(NotifyKind::DeployStarted);
  started.app = "web";
  n.notify(started);  // web only
  n.notify(sample_event(NotifyKind::UpdateAvailable));  // no app: web
  ASSERT_TRUE(run_until([&] { return n.in_flight() == 0; }));
  std::vector<std::string> seen;
  for (const Received& q : r.requests) seen.push_back(q.path + " " + Payload(q.body).str("event"));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"/failures deploy-failed", "/web deploy-started",
                                            "/web update-available"}));
}

TEST(NotifyDelivery, DestroyedWithDeliveriesInFlight) {
  Receiver r;
  r.statuses = {0};
  {
    Notifiers n({config("chat", Type::Slack, r.base + "/x")}, "", kFast);
    n.notify(sample_event(NotifyKind::DeployStarted));
    ASSERT_TRUE(run_until([&] { return !r.requests.empty(); }));
  }
  // The canceled request's callback finds nothing to touch.
  for (int i = 0; i < 10; i++) g_main_context_iteration(nullptr, FALSE);
  EXPECT_EQ(r.requests.size(), 1u);
}

TEST(NotifyDelivery, ConnectionRefused) {
  GObj<GSocketListener> l(g_socket_listener_new());
  const guint16 port = g_socket_listener_add_any_inet_port(l.get(), nullptr, nullptr);
  g_socket_listener_close(l.get());
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  Notifiers n({config("chat", Type::Discord, base + "/api/webhooks/1/secret")}, "", kFast);
  ::testing::internal::CaptureStderr();
  deliver(n, sample_event(NotifyKind::DeployStarted));
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(n.failing("chat"));
  EXPECT_NE(log.find("notifier chat: cannot deliver to " + base + ": "), std::string::npos) << log;
  EXPECT_NE(log.find("(3 attempts)"), std::string::npos) << log;
  EXPECT_EQ(log.find("secret"), std::string::npos) << log;
}

TEST(NotifyDelivery, LogsShowOnlySchemeAndHost) {
  EXPECT_EQ(url_endpoint("https://hooks.slack.com/services/T0/B0/secret"), "https://hooks.slack.com");
  EXPECT_EQ(url_endpoint("https://user:pw@chat.example.org:8443/hooks/x?token=y"),
            "https://chat.example.org:8443");
  EXPECT_EQ(url_endpoint("http://[::1]:9000/x"), "http://[::1]:9000");
}
