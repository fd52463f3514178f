#include "core/health_probe.hh"

namespace hoist {

struct HealthProber::Run {
  ProbeSpec spec;
  DoneFn fn;
  unsigned attempts = 0;
  GObj<GCancellable> cancellable;
  GObj<SoupMessage> message;
  guint timeout_source = 0;
  guint retry_source = 0;
  bool timed_out = false;
};

namespace {

std::string error_text(GError* e) { return e ? e->message : "unknown error"; }

}  // namespace

// What a GIO callback gets: the prober (if still alive) and the run.
struct HealthProber::Ctx {
  HealthProber* self;
  std::weak_ptr<bool> alive;
  std::shared_ptr<Run> run;
  bool prober_gone() const { return alive.expired() || !*alive.lock(); }
};

HealthProber::Ctx* HealthProber::start_attempt(const std::shared_ptr<Run>& run) {
  run->cancellable.reset(g_cancellable_new());
  guint ms = static_cast<guint>(run->spec.timeout_usec / 1000);
  run->timeout_source = g_timeout_add(ms ? ms : 1, [](gpointer data) -> gboolean {
    auto* r = static_cast<Run*>(data);
    r->timeout_source = 0;
    r->timed_out = true;
    g_cancellable_cancel(r->cancellable.get());
    return G_SOURCE_REMOVE;
  }, run.get());
  return new Ctx{this, alive_, run};
}

// Probes go straight to the app: a proxy in hoistd's environment (http_proxy
// for the forges, say) is not for them, and GIO's proxy resolver would load
// its modules (libproxy, GSettings) into hoistd at the first probe.
HealthProber::HealthProber(StepRunner* steps)
    : steps_(steps),
      session_(soup_session_new_with_options("proxy-resolver", nullptr, nullptr)),
      socket_client_(g_socket_client_new()) {
  g_socket_client_set_enable_proxy(socket_client_.get(), FALSE);
}

HealthProber::~HealthProber() {
  *alive_ = false;
  for (auto& weak : runs_)
    if (auto run = weak.lock()) {
      if (run->cancellable) g_cancellable_cancel(run->cancellable.get());
      if (run->timeout_source) g_source_remove(run->timeout_source);
      if (run->retry_source) g_source_remove(run->retry_source);
      run->timeout_source = run->retry_source = 0;
    }
}

void HealthProber::probe(const ProbeSpec& spec, DoneFn fn) {
  if (spec.kind == ProbeSpec::Kind::None) return fn({true, 0, "no probe configured"});
  auto run = std::make_shared<Run>();
  run->spec = spec;
  run->fn = std::move(fn);
  runs_.remove_if([](const std::weak_ptr<Run>& w) { return w.expired(); });
  runs_.push_back(run);
  attempt(run);
}

void HealthProber::attempt(std::shared_ptr<Run> run) {
  run->attempts++;
  run->timed_out = false;
  switch (run->spec.kind) {
    case ProbeSpec::Kind::Http:
      return attempt_http(run);
    case ProbeSpec::Kind::Tcp:
      return attempt_tcp(run);
    case ProbeSpec::Kind::Exec:
      return attempt_exec(run);
    case ProbeSpec::Kind::None:
      break;
  }
}

void HealthProber::attempt_http(std::shared_ptr<Run> run) {
  run->message.reset(soup_message_new(SOUP_METHOD_GET, run->spec.target.c_str()));
  if (!run->message) return attempt_done(run, false, "invalid URL " + run->spec.target);
  // Each attempt is a fresh look: no kept-alive connection to a process that
  // is about to be restarted.
  soup_message_headers_replace(soup_message_get_request_headers(run->message.get()), "Connection",
                               "close");
  Ctx* ctx = start_attempt(run);
  soup_session_send_and_read_async(
      session_.get(), run->message.get(), G_PRIORITY_DEFAULT, run->cancellable.get(),
      [](GObject* source, GAsyncResult* res, gpointer data) {
        std::unique_ptr<Ctx> p(static_cast<Ctx*>(data));
        GError* e = nullptr;
        GBytes* body = soup_session_send_and_read_finish(SOUP_SESSION(source), res, &e);
        if (body) g_bytes_unref(body);
        const auto& r = p->run;
        if (p->prober_gone()) {
          if (e) g_error_free(e);
          return;
        }
        guint status = soup_message_get_status(r->message.get());
        std::string detail = e ? (r->timed_out ? "no answer within the timeout" : error_text(e))
                               : "HTTP " + std::to_string(status);
        if (e) g_error_free(e);
        p->self->attempt_done(r, !e && status >= 200 && status < 300, detail);
      },
      ctx);
}

void HealthProber::attempt_tcp(std::shared_ptr<Run> run) {
  Ctx* ctx = start_attempt(run);
  g_socket_client_connect_to_host_async(
      socket_client_.get(), run->spec.target.c_str(), 0, run->cancellable.get(),
      [](GObject* source, GAsyncResult* res, gpointer data) {
        std::unique_ptr<Ctx> p(static_cast<Ctx*>(data));
        GError* e = nullptr;
        GSocketConnection* c = g_socket_client_connect_to_host_finish(G_SOCKET_CLIENT(source), res, &e);
        if (c) {
          g_io_stream_close(G_IO_STREAM(c), nullptr, nullptr);
          g_object_unref(c);
        }
        const auto& r = p->run;
        if (p->prober_gone()) {
          if (e) g_error_free(e);
          return;
        }
        std::string detail = e ? (r->timed_out ? "no connection within the timeout" : error_text(e))
                               : "connected to " + r->spec.target;
        if (e) g_error_free(e);
        p->self->attempt_done(r, c != nullptr, detail);
      },
      ctx);
}

void HealthProber::attempt_exec(std::shared_ptr<Run> run) {
  if (!steps_) return attempt_done(run, false, "command probes are not available here");
  StepSpec step;
  // Unit names are never reused (the step's output is found by name too).
  step.unit = run->spec.unit_prefix + "-" + std::to_string(g_get_real_time()) + "-" +
              std::to_string(++exec_counter_) + ".service";
  step.description = "hoist health probe";
  step.argv = run->spec.argv;
  step.user = run->spec.user;
  step.timeout_usec = run->spec.timeout_usec;
  step.output_max_bytes = 4096;
  std::weak_ptr<bool> alive = alive_;
  steps_->run(step, [this, run, alive](const StepOutcome& o) {
    if (alive.expired() || !*alive.lock()) return;
    std::string detail = o.describe();
    if (!o.ok() && !o.output.empty()) {
      std::string last = o.output.substr(0, o.output.size() - 1);
      detail += ": " + last.substr(last.rfind('\n') == std::string::npos ? 0 : last.rfind('\n') + 1);
    }
    attempt_done(run, o.ok(), detail);
  });
}

void HealthProber::attempt_done(std::shared_ptr<Run> run, bool passed, std::string detail) {
  if (run->timeout_source) g_source_remove(run->timeout_source);
  run->timeout_source = 0;
  if (passed || run->attempts >= run->spec.retries) {
    DoneFn fn = std::move(run->fn);
    return fn({passed, run->attempts, detail});
  }
  struct Retry {
    HealthProber* self;
    std::shared_ptr<Run> run;
  };
  run->retry_source = g_timeout_add_full(
      G_PRIORITY_DEFAULT, run->spec.retry_interval_msec,
      [](gpointer data) -> gboolean {
        auto* r = static_cast<Retry*>(data);
        r->run->retry_source = 0;
        r->self->attempt(r->run);
        return G_SOURCE_REMOVE;
      },
      new Retry{this, run}, [](gpointer data) { delete static_cast<Retry*>(data); });
}

}  // namespace hoist
