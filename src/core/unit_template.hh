// Unit file templates (issue "unit files under repo control"): an app's unit
// files and drop-ins, kept in its repository (UnitsPath=) or in
// /etc/hoist/units/APP/, with @NAME@ placeholders filled from the app's
// definition. Pure: reading a template directory and rendering text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app_config.hh"

namespace hoist {

// One file of a template set, by its path relative to the unit directory:
// "api.service", or a drop-in "api.service.d/env.conf".
struct UnitFile {
  std::string name;
  std::string content;

  bool operator==(const UnitFile&) const = default;
};

// The values of the placeholders for app, with release the release being
// rendered for ("" before the first one): APP, USER, GROUP, DIRECTORY,
// CURRENT (DIRECTORY/current), RELEASE (DIRECTORY/releases/NAME, or CURRENT
// without one), then the app's Set= entries.
std::map<std::string, std::string> template_values(const AppConfig& app, const std::string& release);

// Why name cannot be a Set= key: not [A-Z][A-Z0-9_]*, or a built-in name
// (APP, USER, GROUP, DIRECTORY, CURRENT, RELEASE); empty when it can.
std::string placeholder_name_problem(std::string_view name);

// text with every @NAME@ (NAME: [A-Z][A-Z0-9_]*) replaced by its value and
// "@@" by "@"; any other '@' stays (getty@tty1.service). An unknown NAME is
// an error naming file, line and the known names: nullopt.
std::optional<std::string> render_template(std::string_view text, std::string_view file,
                                           const std::map<std::string, std::string>& values,
                                           std::string& error);

// Whether name may be a file of a template set: a valid unit name (a
// template unit "x@.service" too), or UNIT.d/NAME.conf for such a unit.
bool is_unit_file_name(std::string_view name);

// The files of a template directory: unit files at its top and *.conf files
// in its UNIT.d/ directories, sorted by name; anything else (a README) is
// left out. nullopt with error if the directory cannot be read.
std::optional<std::vector<UnitFile>> read_unit_templates(const std::string& dir, std::string& error);

// Every file rendered (render_template on each); nullopt at the first error.
std::optional<std::vector<UnitFile>> render_unit_templates(const std::vector<UnitFile>& templates,
                                                           const std::map<std::string, std::string>& values,
                                                           std::string& error);

}  // namespace hoist
