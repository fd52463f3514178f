// Reading PID 1's unit properties (the a{sv} of Properties.GetAll on a unit
// object, for org.freedesktop.systemd1.Unit and the type's own interface).
#pragma once

#include <systemd/sd-bus.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "systemd/unit_status.hh"

namespace hoist {

// Walks an a{sv} dictionary: fn is called with each key and the message
// positioned at its variant; it returns 1 when it read the variant, 0 to have
// it skipped, or a negative errno.
int read_dict(sd_bus_message* m, const std::function<int(std::string_view key, sd_bus_message* m)>& fn);

// Fills the fields of s that the a{sv} carries; other properties are skipped.
// Returns a negative errno on malformed input.
int read_unit_properties(sd_bus_message* m, UnitStatus& s);

// The dependency properties of org.freedesktop.systemd1.Unit that order a
// rollout, by property name ("After" → the units it lists).
inline constexpr const char* kDependencyProperties[] = {"After", "Before", "Requires",
                                                        "BindsTo", "Wants", "PartOf"};
using UnitDependencies = std::map<std::string, std::vector<std::string>>;

// read_unit_properties() that also reads the kDependencyProperties.
int read_unit_properties(sd_bus_message* m, UnitStatus& s, UnitDependencies& dependencies);

// The type-specific interface that carries Result/NRestarts/MainPID for a
// unit name ("org.freedesktop.systemd1.Service"), empty if the type has none.
std::string unit_type_interface(std::string_view unit);

// "0123…" (32 hex digits) from InvocationID's bytes; "" for none or all zero.
std::string invocation_id_to_string(const uint8_t* bytes, size_t n);

}  // namespace hoist
