#include "systemd/pid1.hh"

#include <algorithm>
#include <cstring>

#include "common/log.hh"
#include "systemd/unit_properties.hh"

namespace hoist {
namespace {

constexpr const char* kDest = "org.freedesktop.systemd1";
constexpr const char* kPath = "/org/freedesktop/systemd1";
constexpr const char* kManager = "org.freedesktop.systemd1.Manager";
constexpr const char* kUnitIface = "org.freedesktop.systemd1.Unit";
// Outstanding calls per batch: dbus-daemon limits pending replies per connection.
constexpr size_t kWindow = 64;
constexpr size_t kFinishedEarlyMax = 128;
constexpr uint64_t kReloadTimeoutUsec = 90ull * 1000 * 1000;

struct Kind {
  const char* method;
  const char* verb;
};

constexpr Kind kKinds[] = {
    {"StartUnit", "start"},   {"StopUnit", "stop"},
    {"RestartUnit", "restart"}, {"ReloadUnit", "reload"},
    {"ReloadOrRestartUnit", "reload-or-restart"}, {"TryRestartUnit", "try-restart"},
};

BusMessagePtr unit_method_call(sd_bus* bus, const std::string& unit, const char* interface,
                               const char* method) {
  char* path = nullptr;
  if (sd_bus_path_encode("/org/freedesktop/systemd1/unit", unit.c_str(), &path) < 0) return nullptr;
  sd_bus_message* m = nullptr;
  int r = sd_bus_message_new_method_call(bus, &m, kDest, path, interface, method);
  free(path);
  return r < 0 ? nullptr : BusMessagePtr(m);
}

}  // namespace

const char* job_method(JobKind k) { return kKinds[static_cast<int>(k)].method; }
const char* job_verb(JobKind k) { return kKinds[static_cast<int>(k)].verb; }

struct Pid1::Batch {
  std::vector<UnitStatus> units;
  std::vector<std::pair<size_t, std::string>> calls;  // unit index, interface
  size_t next = 0;
  size_t in_flight = 0;
  std::string error_name, error_message;
  ListFn fn;
};

int Pid1::subscribe() {
  sd_bus_slot* slot = nullptr;
  int r = sd_bus_match_signal_async(bus_, &slot, kDest, kPath, kManager, "JobRemoved",
                                    on_job_removed, nullptr, this);
  if (r < 0) return r;
  job_removed_slot_.reset(slot);
  BusMessagePtr msg = manager_call("Subscribe");
  if (!msg) return -ENOMEM;
  return calls_.call(bus_, msg.get(), [](sd_bus_message*, const sd_bus_error* e) {
    // "AlreadySubscribed" only means another part of this connection did it.
    if (e && !sd_bus_error_has_name(e, "org.freedesktop.systemd1.AlreadySubscribed"))
      log::warning(std::string("Failed to subscribe to PID 1's signals: ") +
                   (e->message ? e->message : e->name));
  });
}

int Pid1::on_job_removed(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* self = static_cast<Pid1*>(userdata);
  uint32_t id = 0;
  const char *path = nullptr, *unit = nullptr, *result = nullptr;
  if (sd_bus_message_read(m, "uoss", &id, &path, &unit, &result) < 0) return 0;
  self->job_finished(path, result);
  return 0;
}

void Pid1::job_finished(const std::string& path, const std::string& result) {
  auto it = jobs_.find(path);
  if (it == jobs_.end()) {
    finished_early_.emplace_back(path, result);
    if (finished_early_.size() > kFinishedEarlyMax) finished_early_.pop_front();
    return;
  }
  JobFn fn = std::move(it->second);
  jobs_.erase(it);
  fn(result, nullptr);
}

BusMessagePtr Pid1::manager_call(const char* method) {
  sd_bus_message* m = nullptr;
  if (sd_bus_message_new_method_call(bus_, &m, kDest, kPath, kManager, method) < 0) return nullptr;
  return BusMessagePtr(m);
}

void Pid1::run_job(JobKind kind, const std::string& unit, JobFn fn) {
  BusMessagePtr m = manager_call(job_method(kind));
  if (!m || sd_bus_message_append(m.get(), "ss", unit.c_str(), "replace") < 0) {
    BusError err;
    sd_bus_error_set(&err, SD_BUS_ERROR_NO_MEMORY, "Failed to build the job request");
    return fn({}, &err.e);
  }
  await_job(m.get(), std::move(fn));
}

void Pid1::await_job(sd_bus_message* m, JobFn fn) {
  int r = calls_.call(bus_, m, [this, fn](sd_bus_message* reply, const sd_bus_error* e) {
    const char* path = nullptr;
    if (e) return fn({}, e);
    if (sd_bus_message_read(reply, "o", &path) < 0) {
      BusError err;
      sd_bus_error_set(&err, SD_BUS_ERROR_INVALID_ARGS, "PID 1 returned no job path");
      return fn({}, &err.e);
    }
    auto early = std::find_if(finished_early_.begin(), finished_early_.end(),
                              [&](const auto& p) { return p.first == path; });
    if (early != finished_early_.end()) {
      std::string result = early->second;
      finished_early_.erase(early);
      return fn(result, nullptr);
    }
    jobs_.emplace(path, fn);
  });
  if (r < 0) {
    BusError err;
    sd_bus_error_set_errno(&err, r);
    fn({}, &err.e);
  }
}

void Pid1::unit_status(const std::string& unit, StatusFn fn) {
  fetch_status({unit}, [fn, unit](std::vector<UnitStatus> units, const sd_bus_error* e) {
    if (e) return fn(nullptr, e);
    if (units.empty() || units[0].load_state == "not-found") {
      BusError err;
      sd_bus_error_setf(&err, kSystemdNoSuchUnit, "Unit %s not found.", unit.c_str());
      return fn(nullptr, &err.e);
    }
    fn(&units[0], nullptr);
  });
}

void Pid1::list_units(const std::vector<std::string>& patterns, ListFn fn) {
  BusMessagePtr m = manager_call("ListUnitsByPatterns");
  int r = m ? sd_bus_message_append_strv(m.get(), nullptr) : -ENOMEM;
  if (r >= 0) {
    std::vector<const char*> v;
    for (const auto& p : patterns) v.push_back(p.c_str());
    v.push_back(nullptr);
    r = sd_bus_message_append_strv(m.get(), const_cast<char**>(v.data()));
  }
  if (r >= 0)
    r = calls_.call(bus_, m.get(), [this, fn](sd_bus_message* reply, const sd_bus_error* e) {
      if (e) return fn({}, e);
      std::vector<std::string> names;
      int q = sd_bus_message_enter_container(reply, 'a', "(ssssssouso)");
      const char* name = nullptr;
      while (q > 0 &&
             (q = sd_bus_message_read(reply, "(ssssssouso)", &name, nullptr, nullptr, nullptr,
                                      nullptr, nullptr, nullptr, nullptr, nullptr, nullptr)) > 0)
        names.emplace_back(name);
      if (q < 0) {
        BusError err;
        sd_bus_error_set_errno(&err, q);
        return fn({}, &err.e);
      }
      std::sort(names.begin(), names.end());
      fetch_status(std::move(names), fn);
    });
  if (r < 0) {
    BusError err;
    sd_bus_error_set_errno(&err, r);
    fn({}, &err.e);
  }
}

void Pid1::fetch_status(std::vector<std::string> names, ListFn fn) {
  auto batch = std::make_shared<Batch>();
  batch->fn = std::move(fn);
  batch->units.resize(names.size());
  for (size_t i = 0; i < names.size(); i++) {
    batch->units[i].name = names[i];
    batch->calls.emplace_back(i, kUnitIface);
    if (auto iface = unit_type_interface(names[i]); !iface.empty())
      batch->calls.emplace_back(i, iface);
  }
  pump(batch);
}

void Pid1::pump(const std::shared_ptr<Batch>& batch) {
  auto finish_if_done = [](const std::shared_ptr<Batch>& b) {
    if (b->in_flight > 0 || b->next < b->calls.size() || !b->fn) return;
    ListFn fn = std::move(b->fn);
    if (b->error_name.empty()) return fn(std::move(b->units), nullptr);
    BusError err;
    sd_bus_error_set(&err, b->error_name.c_str(), b->error_message.c_str());
    fn({}, &err.e);
  };
  while (batch->in_flight < kWindow && batch->next < batch->calls.size() &&
         batch->error_name.empty()) {
    size_t index = batch->calls[batch->next].first;
    std::string iface = batch->calls[batch->next].second;
    batch->next++;
    BusMessagePtr m = unit_method_call(bus_, batch->units[index].name,
                                       "org.freedesktop.DBus.Properties", "GetAll");
    int r = m ? sd_bus_message_append(m.get(), "s", iface.c_str()) : -ENOMEM;
    if (r >= 0)
      r = calls_.call(bus_, m.get(),
                      [this, batch, index](sd_bus_message* reply, const sd_bus_error* e) {
                        batch->in_flight--;
                        int q = e ? 0 : read_unit_properties(reply, batch->units[index]);
                        if (batch->error_name.empty() && (e || q < 0)) {
                          BusError err;
                          if (!e) sd_bus_error_set_errno(&err, q);
                          const sd_bus_error* src = e ? e : &err.e;
                          batch->error_name = src->name;
                          batch->error_message = src->message ? src->message : "";
                          batch->next = batch->calls.size();
                        }
                        pump(batch);
                      });
    if (r < 0) {
      batch->error_name = SD_BUS_ERROR_FAILED;
      batch->error_message = std::string("Failed to ask PID 1: ") + strerror(-r);
      batch->next = batch->calls.size();
      break;
    }
    batch->in_flight++;
  }
  finish_if_done(batch);
}

void Pid1::get_all(const std::string& unit, const std::string& interface, ReplyFn fn) {
  BusMessagePtr m = unit_method_call(bus_, unit, "org.freedesktop.DBus.Properties", "GetAll");
  int r = m ? sd_bus_message_append(m.get(), "s", interface.c_str()) : -ENOMEM;
  if (r >= 0) r = calls_.call(bus_, m.get(), fn);
  if (r < 0) {
    BusError err;
    sd_bus_error_set_errno(&err, r);
    fn(nullptr, &err.e);
  }
}

void Pid1::unit_call(const std::string& unit, const char* method, DoneFn fn) {
  BusMessagePtr m = unit_method_call(bus_, unit, kUnitIface, method);
  int r = m ? calls_.call(bus_, m.get(), [fn](sd_bus_message*, const sd_bus_error* e) { fn(e); })
            : -ENOMEM;
  if (r < 0) {
    BusError err;
    sd_bus_error_set_errno(&err, r);
    fn(&err.e);
  }
}

void Pid1::daemon_reload(DoneFn fn) {
  BusMessagePtr m = manager_call("Reload");
  int r = -ENOMEM;
  if (m)
    r = calls_.call(
        bus_, m.get(), [fn](sd_bus_message*, const sd_bus_error* e) { fn(e); }, kReloadTimeoutUsec);
  if (r < 0) {
    BusError err;
    sd_bus_error_set_errno(&err, r);
    fn(&err.e);
  }
}

void Pid1::enable_unit_files(const std::vector<std::string>& files, bool enable, DoneFn fn) {
  BusMessagePtr m = manager_call(enable ? "EnableUnitFiles" : "DisableUnitFiles");
  int r = m ? sd_bus_message_open_container(m.get(), 'a', "s") : -ENOMEM;
  for (size_t i = 0; r >= 0 && i < files.size(); i++) r = sd_bus_message_append(m.get(), "s", files[i].c_str());
  if (r >= 0) r = sd_bus_message_close_container(m.get());
  // runtime false: in /etc; force (enable only) true: replace links that point elsewhere.
  if (r >= 0) r = enable ? sd_bus_message_append(m.get(), "bb", 0, 1) : sd_bus_message_append(m.get(), "b", 0);
  if (r >= 0) r = calls_.call(bus_, m.get(), [fn](sd_bus_message*, const sd_bus_error* e) { fn(e); });
  if (r < 0) {
    BusError err;
    sd_bus_error_set_errno(&err, r);
    fn(&err.e);
  }
}

}  // namespace hoist
