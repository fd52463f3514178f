// Reading webhook secrets (webhook/webhook.hh read_webhook_secret): root-only
// files, systemd credentials, which one wins, and each refusal.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "temp_dir.hh"
#include "webhook/webhook.hh"

using namespace hoist;
using hoist::testing::TempDir;
using hoist::testing::write_file;

namespace {

struct Read {
  std::optional<std::string> secret;
  std::string error;
};

Read read(const WebhookConfig& app, const WebhookConfig& defaults = {},
          const std::string& credentials_dir = "") {
  Read r;
  r.secret = read_webhook_secret(app, defaults, credentials_dir, r.error);
  EXPECT_EQ(r.secret.has_value(), r.error.empty()) << r.error;
  return r;
}

WebhookConfig file_config(const std::string& path) {
  WebhookConfig c;
  c.secret_file = path;
  return c;
}

WebhookConfig credential_config(const std::string& name) {
  WebhookConfig c;
  c.secret_credential = name;
  return c;
}

std::string secret_file(const TempDir& dir, const std::string& name, const std::string& content,
                        mode_t mode = 0600) {
  const std::string path = dir / name;
  write_file(path, content);
  EXPECT_EQ(chmod(path.c_str(), mode), 0);
  return path;
}

}  // namespace

TEST(WebhookSecret, RootOnlyFile) {
  const TempDir dir;
  EXPECT_EQ(read(file_config(secret_file(dir, "s", "hunter2\n"))).secret, "hunter2");
  EXPECT_EQ(read(file_config(secret_file(dir, "r", "hunter2\r\n", 0400))).secret, "hunter2");
  EXPECT_EQ(read(file_config(secret_file(dir, "n", "hunter2"))).secret, "hunter2");
  EXPECT_EQ(read(file_config(secret_file(dir, "nn", "hunter2\n\n"))).secret, "hunter2\n");
  EXPECT_EQ(read(file_config(secret_file(dir, "sp", " a b "))).secret, " a b ");
}

TEST(WebhookSecret, FileReadableByOthersIsRefused) {
  const TempDir dir;
  const std::string path = secret_file(dir, "secret", "hunter2\n", 0644);
  auto r = read(file_config(path));
  EXPECT_FALSE(r.secret);
  EXPECT_EQ(r.error, "webhook secret file " + path +
                         " is accessible by group or others (mode 0644); make it mode 0600 or "
                         "0400");
  EXPECT_EQ(r.error.find("hunter2"), std::string::npos);
  ASSERT_EQ(chmod(path.c_str(), 0640), 0);
  EXPECT_NE(read(file_config(path)).error.find("(mode 0640)"), std::string::npos);
  ASSERT_EQ(chmod(path.c_str(), 0602), 0);
  EXPECT_FALSE(read(file_config(path)).secret);
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  EXPECT_EQ(read(file_config(path)).secret, "hunter2");
}

TEST(WebhookSecret, FileOfAnotherUserIsRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to chown";
  const TempDir dir;
  const std::string path = secret_file(dir, "secret", "hunter2\n");
  ASSERT_EQ(chown(path.c_str(), 65534, 65534), 0);
  EXPECT_EQ(read(file_config(path)).error,
            "webhook secret file " + path + " is owned by uid 65534, not by root");
}

TEST(WebhookSecret, FileRefusals) {
  const TempDir dir;
  const std::string target = secret_file(dir, "target", "hunter2\n");
  const std::string link = dir / "link";
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  EXPECT_EQ(read(file_config(link)).error,
            "webhook secret file " + link + " is a symbolic link; name the file itself");
  EXPECT_EQ(read(file_config(dir / "missing")).error,
            "webhook secret file " + (dir / "missing") + " does not exist");
  ASSERT_EQ(mkdir((dir / "sub").c_str(), 0700), 0);
  EXPECT_EQ(read(file_config(dir / "sub")).error,
            "webhook secret file " + (dir / "sub") + " is not a regular file");
  EXPECT_EQ(read(file_config(secret_file(dir, "empty", ""))).error,
            "webhook secret file " + (dir / "empty") + " is empty");
  EXPECT_EQ(read(file_config(secret_file(dir, "newline", "\n"))).error,
            "webhook secret file " + (dir / "newline") + " is empty");
  EXPECT_EQ(read(file_config(secret_file(dir, "big", std::string(4097, 'x')))).error,
            "webhook secret file " + (dir / "big") + " is larger than 4 KiB");
  EXPECT_EQ(read(file_config(secret_file(dir, "max", std::string(4096, 'x')))).secret,
            std::string(4096, 'x'));
}

TEST(WebhookSecret, Credential) {
  const TempDir credentials;
  // systemd makes credentials readable by the service only; their mode is
  // not hoist's to check.
  secret_file(credentials, "api-hook", "from-credential\n", 0444);
  secret_file(credentials, kDefaultWebhookCredential, "default-credential\n", 0400);
  EXPECT_EQ(read(credential_config("api-hook"), {}, credentials.path).secret, "from-credential");
  EXPECT_EQ(read({}, {}, credentials.path).secret, "default-credential");
  EXPECT_EQ(read(credential_config("nope"), {}, credentials.path).error,
            "webhook secret credential nope does not exist in " + credentials.path +
                " (give hoistd.service LoadCredential=nope:PATH, or set [Webhook] SecretFile=)");
  EXPECT_EQ(read(credential_config("api-hook")).error,
            "webhook secret credential api-hook is not available: $CREDENTIALS_DIRECTORY is not "
            "set (give hoistd.service LoadCredential=api-hook:PATH, or set [Webhook] "
            "SecretFile=)");
  EXPECT_EQ(read(credential_config("../api-hook"), {}, credentials.path).error,
            "webhook secret credential ../api-hook is not a credential name (A-Z, a-z, 0-9, '_', "
            "'.', '-')");
  secret_file(credentials, "blank", "", 0400);
  EXPECT_EQ(read(credential_config("blank"), {}, credentials.path).error,
            "webhook secret credential blank is empty");
}

TEST(WebhookSecret, WhichSourceWins) {
  const TempDir dir;
  const TempDir credentials;
  const std::string app_file = secret_file(dir, "app", "app-file");
  const std::string default_file = secret_file(dir, "default", "default-file");
  secret_file(credentials, "app-cred", "app-credential", 0400);
  secret_file(credentials, "default-cred", "default-credential", 0400);
  secret_file(credentials, kDefaultWebhookCredential, "webhook-secret", 0400);
  const std::string& creds = credentials.path;
  EXPECT_EQ(read(file_config(app_file), file_config(default_file), creds).secret, "app-file");
  EXPECT_EQ(read(credential_config("app-cred"), file_config(default_file), creds).secret,
            "app-credential");
  EXPECT_EQ(read({}, file_config(default_file), creds).secret, "default-file");
  EXPECT_EQ(read({}, credential_config("default-cred"), creds).secret, "default-credential");
  EXPECT_EQ(read({}, {}, creds).secret, "webhook-secret");
  // Only the secret keys count: an app with just a Name= takes the defaults.
  WebhookConfig named;
  named.name = "acme/api";
  named.require_confirmation = true;
  EXPECT_EQ(read(named, {}, creds).secret, "webhook-secret");
}
