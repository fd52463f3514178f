// The Matrix access token of a notifier, read when the configuration is
// (re)loaded: from TokenCredential= in $CREDENTIALS_DIRECTORY (systemd's
// LoadCredential=/SetCredentialEncrypted=), or from TokenFile=, which must be
// a regular file (not a symbolic link) of root's (or hoistd's user) that
// group and others have no access to: the rules of webhook secrets
// (webhook/secret_file.hh, which reads both, at most 4 KiB). The token
// is never in the configuration, argv or the environment, and never logged.
#pragma once

#include <optional>
#include <string>

#include "notify/notifier_config.hh"

namespace hoist {

// The token (its trailing newline dropped), or nullopt with problem set to
// words naming the file or credential and what is wrong with it (never its
// contents): "access token file /etc/hoist/matrix-token is accessible by
// group or others (mode 0644); make it mode 0600 or 0400".
std::optional<std::string> read_notifier_token(const NotifierConfig& config,
                                               const std::string& credentials_dir,
                                               std::string& problem);

}  // namespace hoist
