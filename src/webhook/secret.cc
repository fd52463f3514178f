// Reading an app's webhook secret from a root-only file or a systemd
// credential (webhook.hh). Errors name the file or credential, never its
// content.
#include "core/config_values.hh"
#include "webhook/secret_file.hh"
#include "webhook/webhook.hh"

namespace hoist {
namespace {

struct SecretSource {
  bool is_file = false;
  std::string name;  // a path, or a credential name
};

SecretSource secret_source(const WebhookConfig& app, const WebhookConfig& defaults) {
  for (const WebhookConfig* c : {&app, &defaults}) {
    if (!c->secret_file.empty()) return {true, c->secret_file};
    if (!c->secret_credential.empty()) return {false, c->secret_credential};
  }
  return {false, kDefaultWebhookCredential};
}

std::string describe(const SecretSource& source) {
  return (source.is_file ? "webhook secret file " : "webhook secret credential ") + source.name;
}

}  // namespace

std::optional<std::string> read_webhook_secret(const WebhookConfig& app,
                                               const WebhookConfig& defaults,
                                               const std::string& credentials_dir,
                                               std::string& error) {
  error.clear();
  const SecretSource source = secret_source(app, defaults);
  std::string problem;
  std::optional<std::string> secret;
  if (source.is_file) {
    secret = read_secret_file(source.name, true, problem);
  } else if (auto p = credential_name_problem(source.name); !p.empty()) {
    problem = p;
  } else if (credentials_dir.empty()) {
    problem =
        "is not available: $CREDENTIALS_DIRECTORY is not set (give hoistd.service "
        "LoadCredential=" + source.name + ":PATH, or set [Webhook] SecretFile=)";
  } else {
    secret = read_secret_file(credentials_dir + "/" + source.name, false, problem);
    if (!secret && problem == "does not exist")
      problem = "does not exist in " + credentials_dir + " (give hoistd.service LoadCredential=" +
                source.name + ":PATH, or set [Webhook] SecretFile=)";
  }
  if (!secret) error = describe(source) + " " + problem;
  return secret;
}

}  // namespace hoist
