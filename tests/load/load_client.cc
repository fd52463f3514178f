// hoist-load: a bounded HTTP load client for the system tests and
// tools/bench. N clients send requests (GET, or any method with headers and
// a body) back to back, each on a new connection, until a time is up or a
// file exists; then it prints what happened. Not installed. See usage() below.
#include <glib-unix.h>
#include <libsoup/soup.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/glib_ptr.hh"
#include "load_args.hh"
#include "load_stats.hh"

using namespace hoist;
using namespace hoist::load;

namespace {

void usage() {
  fputs(R"(NAME
    hoist-load - a bounded HTTP load client (requests back to back)

SYNOPSIS
    hoist-load --url URL [--method METHOD] [--header 'NAME: VALUE']...
               [--body-file FILE] [--concurrency N] [--duration SEC]
               [--until-file PATH] [--timeout-ms MS] [--json]
    hoist-load --help

DESCRIPTION
    N clients each send a request to URL (GET unless --method says
    otherwise), wait for the whole answer, and send the next request at
    once, until the time is up or PATH exists. Every request goes on a new
    connection ("Connection: close"): it measures connect and answer, as a
    new visitor would see them during a restart. Redirects are not followed
    and no proxy is used. Then hoist-load waits for the requests still in
    flight (each at most --timeout-ms) and prints a summary.

    Every request is the same except where a --header value holds {n}: that
    is replaced by the request's number (1, 2, 3, ... in the order the
    requests are sent, across all clients), e.g. to give each webhook
    delivery its own id.

    A request is ok when it is answered with a 2xx status (and, with
    --expect-body, a body holding that text). It failed when the connection
    could not be made or broke, when no whole answer came within
    --timeout-ms, when the status was not 2xx or the body not as expected.

    Written for tests and tools/bench, on loopback: a test starts it in the
    background with --until-file, restarts or deploys an app, then creates
    the file and reads the summary.

OPTIONS
    --url URL
        The http:// or https:// URL to send the requests to. Required.

    --method METHOD
        The request method (an HTTP token such as GET, HEAD or POST);
        default GET.

    --header 'NAME: VALUE'
        Adds this header to every request; may be given many times. Each {n}
        in VALUE becomes the request's number. Connection, Content-Length,
        Host and Transfer-Encoding are hoist-load's own and refused.

    --body-file FILE
        Sends FILE's content (at most 16 MiB, read once at the start) as the
        body of every request, with Content-Type application/octet-stream
        unless a --header sets one.

    --concurrency N
        How many clients run at once, 1 to 64; default 4.

    --duration SEC
        How long to send requests, in seconds (decimals allowed), above 0
        and at most 600; default 10. With --until-file, the most it waits
        for the file (default 600).

    --until-file PATH
        Stop sending requests as soon as PATH exists (checked every 20 ms).
        If PATH exists at the start, no request is sent.

    --timeout-ms MS
        The most one request may take, connect to the last byte of the body,
        1 to 60000; default 5000. A request that takes longer is cancelled
        and counted as failed ("timeout after MS ms").

    --expect-body TEXT
        A 2xx answer whose body does not contain TEXT counts as failed
        ("unexpected body"), e.g. '"status":"accepted"' for a webhook.

    --json
        Print the summary as one JSON object on one line (see OUTPUT).

    -h, --help
        Show this help and exit.

OUTPUT
    Without --json, a few lines for people. With --json, one object:

        requests        finished requests (ok + failed)
        ok              answered 2xx (with the --expect-body text)
        failed          connection errors, timeouts, non-2xx answers,
                        answers without the --expect-body text
        max_latency_ms  the slowest 2xx answer, exact (microseconds)
        p50_latency_ms, p99_latency_ms
                        nearest-rank percentiles of the 2xx answers, within
                        1 % (exact below 0.256 ms); all three are 0 when no
                        request was ok
        errors          {"message": count} of the failures, at most 10
                        distinct messages ("HTTP 503 Service Unavailable",
                        "timeout after 5000 ms", connection errors as GIO
                        words them)
        bodies          {"body": count} of every answer whatever its status,
                        white space trimmed, cut to 100 bytes, at most 10
                        distinct bodies (which versions of an app answered)
        errors_other, bodies_other
                        failures and answers beyond those 10 distinct ones
        ok_per_s        ok divided by duration_s (0 when duration_s is 0)
        url, method, concurrency, duration_s
                        what ran, and for how long (first request to the
                        last answer)

    SIGINT and SIGTERM stop it like --until-file: the summary is printed.

EXIT STATUS
    0 when no request failed (also when none was sent), 1 when any request
    failed, 2 on a usage error (the message names the option).

EXAMPLES
    hoist-load --url http://127.0.0.1:8080/ --duration 5
    hoist-load --url http://127.0.0.1:8080/ --concurrency 8 \
        --until-file /run/stop-load --json > load.json &
    systemctl restart app.service; touch /run/stop-load; wait
    hoist-load --url http://127.0.0.1:8080/hooks/github --method POST \
        --body-file push.json --header 'Content-Type: application/json' \
        --header 'X-GitHub-Delivery: load-{n}' --duration 10 --json
)",
        stdout);
}

// The content of path, at most kMaxBodyBytes; null and why if it cannot be read.
GBytesPtr read_body(const std::string& path, std::string& why) {
  gchar* data = nullptr;
  gsize size = 0;
  GError* error = nullptr;
  if (!g_file_get_contents(path.c_str(), &data, &size, &error)) {
    why = GErrorPtr(error)->message;
    return nullptr;
  }
  if (size > kMaxBodyBytes) {
    g_free(data);
    why = path + " is larger than " + std::to_string(kMaxBodyBytes / (1024 * 1024)) + " MiB";
    return nullptr;
  }
  return GBytesPtr(g_bytes_new_take(data, size));
}

class Load {
 public:
  // body: sent with every request (null: none).
  Load(const LoadOptions& o, GBytesPtr body)
      : opt_(o), body_(std::move(body)), loop_(g_main_loop_new(nullptr, FALSE)) {
    summary_.url = o.url;
    summary_.method = o.method;
    summary_.concurrency = o.concurrency;
    for (const auto& h : o.headers)
      has_content_type_ |= g_ascii_strcasecmp(h.name.c_str(), "Content-Type") == 0;
    session_.reset(soup_session_new_with_options("max-conns", o.concurrency, "max-conns-per-host", o.concurrency,
                                                 "user-agent", "hoist-load", nullptr));
    soup_session_set_proxy_resolver(session_.get(), nullptr);
  }

  int run() {
    start_usec_ = g_get_monotonic_time();
    deadline_usec_ = start_usec_ + static_cast<gint64>(opt_.duration_sec * G_USEC_PER_SEC);
    check_stop();
    for (unsigned i = 0; i < opt_.concurrency && !stopping_; i++) send();
    guint tick = g_timeout_add(20, on_tick, this);
    guint sigint = g_unix_signal_add(SIGINT, on_signal, this);
    guint sigterm = g_unix_signal_add(SIGTERM, on_signal, this);
    if (in_flight_ > 0) g_main_loop_run(loop_.get());
    g_source_remove(tick);
    g_source_remove(sigint);
    g_source_remove(sigterm);
    summary_.duration_sec = static_cast<double>(last_answer_usec_ - start_usec_) / G_USEC_PER_SEC;
    if (summary_.duration_sec < 0) summary_.duration_sec = 0;
    fputs((opt_.json ? summary_json(summary_) + "\n" : summary_text(summary_)).c_str(), stdout);
    return summary_.failed == 0 ? 0 : 1;
  }

 private:
  struct Request {
    Load* load;
    GObj<SoupMessage> message;
    GObj<GCancellable> cancellable;
    gint64 sent_usec = 0;
    guint timer = 0;
    bool timed_out = false;
  };

  static gboolean on_tick(gpointer data) {
    static_cast<Load*>(data)->check_stop();
    return G_SOURCE_CONTINUE;
  }

  static gboolean on_signal(gpointer data) {
    static_cast<Load*>(data)->stop();
    return G_SOURCE_CONTINUE;
  }

  void check_stop() {
    if (stopping_) return;
    if (g_get_monotonic_time() >= deadline_usec_ ||
        (!opt_.until_file.empty() && access(opt_.until_file.c_str(), F_OK) == 0))
      stop();
  }

  void stop() {
    stopping_ = true;
    if (in_flight_ == 0) g_main_loop_quit(loop_.get());
  }

  void send() {
    auto* r = new Request{this, GObj<SoupMessage>(soup_message_new(opt_.method.c_str(), opt_.url.c_str())),
                          GObj<GCancellable>(g_cancellable_new())};
    soup_message_add_flags(r->message.get(),
                           static_cast<SoupMessageFlags>(SOUP_MESSAGE_NEW_CONNECTION | SOUP_MESSAGE_NO_REDIRECT));
    SoupMessageHeaders* headers = soup_message_get_request_headers(r->message.get());
    soup_message_headers_replace(headers, "Connection", "close");
    const uint64_t number = ++sent_;
    for (const auto& h : opt_.headers)
      soup_message_headers_append(headers, h.name.c_str(), with_request_number(h.value, number).c_str());
    if (body_)
      soup_message_set_request_body_from_bytes(r->message.get(),
                                                has_content_type_ ? nullptr : "application/octet-stream", body_.get());
    r->timer = g_timeout_add(opt_.timeout_ms, on_timeout, r);
    r->sent_usec = g_get_monotonic_time();
    in_flight_++;
    soup_session_send_and_read_async(session_.get(), r->message.get(), G_PRIORITY_DEFAULT, r->cancellable.get(),
                                     on_answer, r);
  }

  static gboolean on_timeout(gpointer data) {
    auto* r = static_cast<Request*>(data);
    r->timer = 0;
    r->timed_out = true;
    g_cancellable_cancel(r->cancellable.get());
    return G_SOURCE_REMOVE;
  }

  static void on_answer(GObject* source, GAsyncResult* result, gpointer data) {
    std::unique_ptr<Request> r(static_cast<Request*>(data));
    GError* error = nullptr;
    GBytesPtr body(soup_session_send_and_read_finish(SOUP_SESSION(source), result, &error));
    GErrorPtr error_ptr(error);
    r->load->answered(*r, body.get(), error);
  }

  void answered(Request& r, GBytes* body, const GError* error) {
    gint64 now = g_get_monotonic_time();
    if (r.timer) g_source_remove(r.timer);
    last_answer_usec_ = now;
    summary_.requests++;
    guint status = error ? 0 : soup_message_get_status(r.message.get());
    std::string_view text;
    if (body) {
      gsize size = 0;
      const auto* data = static_cast<const char*>(g_bytes_get_data(body, &size));
      if (data) text = std::string_view(data, size);
      summary_.bodies.add(body_key(data ? data : "", size));
    }
    if (error) {
      summary_.failed++;
      summary_.errors.add(r.timed_out ? "timeout after " + std::to_string(opt_.timeout_ms) + " ms" : error->message);
    } else if (status < 200 || status > 299) {
      summary_.failed++;
      const char* reason = soup_message_get_reason_phrase(r.message.get());
      summary_.errors.add("HTTP " + std::to_string(status) + (reason && *reason ? std::string(" ") + reason : ""));
    } else if (text.find(opt_.expect_body) == std::string_view::npos) {
      summary_.failed++;
      summary_.errors.add("unexpected body");
    } else {
      summary_.ok++;
      summary_.latency.record(static_cast<uint64_t>(now - r.sent_usec));
    }
    in_flight_--;
    check_stop();
    if (!stopping_)
      send();
    else if (in_flight_ == 0)
      g_main_loop_quit(loop_.get());
  }

  LoadOptions opt_;
  GBytesPtr body_;
  bool has_content_type_ = false;
  uint64_t sent_ = 0;
  GMainLoopPtr loop_;
  GObj<SoupSession> session_;
  LoadSummary summary_;
  gint64 start_usec_ = 0, deadline_usec_ = 0, last_answer_usec_ = 0;
  unsigned in_flight_ = 0;
  bool stopping_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  LoadArgs parsed = parse_load_args(args);
  if (!parsed.ok()) {
    fprintf(stderr, "hoist-load: %s\nTry 'hoist-load --help'.\n", parsed.error.c_str());
    return 2;
  }
  if (parsed.options.help) {
    usage();
    return 0;
  }
  GBytesPtr body;
  if (!parsed.options.body_file.empty()) {
    std::string why;
    body = read_body(parsed.options.body_file, why);
    if (!body) {
      fprintf(stderr, "hoist-load: --body-file: %s\n", why.c_str());
      return 2;
    }
  }
  Load load(parsed.options, std::move(body));
  return load.run();
}
