// Reading a secret (a webhook secret, an access token) from a file: a
// root-only file named in the configuration, or a systemd credential in
// $CREDENTIALS_DIRECTORY. Problems are phrased to follow the file's name
// ("/etc/hoist/secret is empty") and never quote its content.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace hoist {

// Secrets longer than this are refused.
inline constexpr size_t kSecretFileMaxBytes = 4096;

// The content of the file at path without one trailing "\n" or "\r\n", or
// nullopt with problem set. The file is opened with O_NOFOLLOW (a symbolic
// link is refused) and must be a regular file of at most
// kSecretFileMaxBytes, not empty. With must_be_private (a file named in the
// configuration, not a credential: systemd protects those) it must also be
// owned by root or hoistd's user and give group and others no access (no
// bit of mode 077).
std::optional<std::string> read_secret_file(const std::string& path, bool must_be_private,
                                            std::string& problem);

}  // namespace hoist
