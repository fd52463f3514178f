// Reading one app definition, /etc/hoist/apps/NAME.app (docs/configuration.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/app_config.hh"

namespace hoist {

class ConfigFile;

// Parses the text of NAME.app read from path. Every problem is appended to
// errors (all of them, not just the first) and unknown groups and keys to
// warnings; the app is returned only if there was no error. Defaults that
// depend on the daemon (Directory=, [Build] StepTimeoutSec=) come from daemon.
// Pure: no I/O, nothing about other apps (see app_graph.hh).
std::optional<AppConfig> parse_app(const std::string& name, const std::string& path,
                                   const std::string& text, const DaemonConfig& daemon,
                                   std::vector<ConfigProblem>& errors,
                                   std::vector<ConfigProblem>& warnings);

// [Webhook] SecretFile= and SecretCredential= (at most one of them): of an
// app file, and in hoist.conf the defaults of every app.
void read_webhook_secret_keys(ConfigFile& file, WebhookConfig& webhook);

}  // namespace hoist
