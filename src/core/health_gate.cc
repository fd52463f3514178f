#include "core/health_gate.hh"

namespace hoist {

struct HealthGate::Run {
  GateSpec spec;
  DoneFn fn;
  bool stabilize = true;
  std::map<std::string, UnitStatus> before;  // first snapshot
  std::map<std::string, UnitStatus> now;     // latest snapshot
  std::string probe_detail;
};

std::string unit_health_problem(const UnitStatus& s) {
  if (s.load_state != "loaded") return s.name + " is " + (s.load_state.empty() ? "unknown" : s.load_state);
  if (s.active_state == "active" || s.active_state == "reloading") return "active";
  std::string what = s.name + " is " + s.active_state;
  if (!s.sub_state.empty() && s.sub_state != s.active_state) what += " (" + s.sub_state + ")";
  if (!s.result.empty() && s.result != "success") what += ", result " + s.result;
  return what;
}

HealthGate::~HealthGate() {
  *alive_ = false;
  for (guint t : timers_) g_source_remove(t);
}

void HealthGate::check(const GateSpec& spec, DoneFn fn) { start(spec, true, std::move(fn)); }

void HealthGate::check_now(const GateSpec& spec, DoneFn fn) { start(spec, false, std::move(fn)); }

void HealthGate::start(const GateSpec& spec, bool stabilize, DoneFn fn) {
  auto run = std::make_shared<Run>();
  run->spec = spec;
  run->stabilize = stabilize;
  run->fn = std::move(fn);
  snapshot(run, [this](std::shared_ptr<Run> r) {
    r->before = r->now;
    std::weak_ptr<bool> alive = alive_;
    prober_.probe(r->spec.probe, [this, r, alive](const ProbeResult& p) {
      if (alive.expired()) return;
      r->probe_detail = p.detail;
      if (!p.passed)
        return finish(r, false, "probe failed after " + std::to_string(p.attempts) +
                                    " attempt(s): " + p.detail);
      if (!r->stabilize) return finish(r, true, "");
      after_probe(r);
    });
  });
}

// Reads every unit's status into run->now; any unit not active ends the gate.
void HealthGate::snapshot(std::shared_ptr<Run> run, std::function<void(std::shared_ptr<Run>)> next) {
  auto pending = std::make_shared<size_t>(run->spec.units.size());
  auto failed = std::make_shared<bool>(false);
  if (*pending == 0) return next(run);
  std::weak_ptr<bool> alive = alive_;
  for (const auto& unit : run->spec.units) {
    pid1_.unit_status(unit, [this, run, next, pending, failed, alive, unit](
                                const UnitStatus* s, const sd_bus_error* e) {
      if (alive.expired() || *failed) return;
      std::string problem = e ? unit + ": " + (e->message ? e->message : e->name)
                              : unit_health_problem(*s);
      if (problem != "active") {
        *failed = true;
        return finish(run, false, problem);
      }
      run->now[unit] = *s;
      if (--*pending == 0) next(run);
    });
  }
}

void HealthGate::after_probe(std::shared_ptr<Run> run) {
  guint ms = static_cast<guint>(run->spec.stabilize_usec / 1000);
  if (ms == 0) return finish(run, true, "");
  struct Wait {
    HealthGate* self;
    std::shared_ptr<Run> run;
    guint id;
  };
  auto* w = new Wait{this, run, 0};
  guint id = g_timeout_add_full(
      G_PRIORITY_DEFAULT, ms,
      [](gpointer data) -> gboolean {
        auto* wait = static_cast<Wait*>(data);
        HealthGate* self = wait->self;
        auto r = wait->run;
        std::erase(self->timers_, wait->id);
        self->snapshot(r, [self](std::shared_ptr<Run> again) {
          for (const auto& [unit, then] : again->before) {
            const UnitStatus& now = again->now[unit];
            if (now.n_restarts != then.n_restarts)
              return self->finish(again, false,
                                  unit + " restarted " + std::to_string(now.n_restarts - then.n_restarts) +
                                      " time(s) while stabilizing (crash loop)");
            if (now.invocation_id != then.invocation_id)
              return self->finish(again, false, unit + " was started anew while stabilizing");
          }
          self->finish(again, true, "");
        });
        return G_SOURCE_REMOVE;
      },
      w, [](gpointer data) { delete static_cast<Wait*>(data); });
  w->id = id;
  timers_.push_back(id);
}

void HealthGate::finish(std::shared_ptr<Run> run, bool healthy, std::string reason) {
  if (!run->fn) return;
  DoneFn fn = std::move(run->fn);
  run->fn = nullptr;
  fn({healthy, std::move(reason), run->probe_detail});
}

}  // namespace hoist
