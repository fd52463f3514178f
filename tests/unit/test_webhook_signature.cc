// Webhook authentication (webhook/webhook.hh): every forge's signature or
// token, good, bad, missing and expired. The expected signatures were
// computed independently with openssl, as each comment shows, never with
// the code under test.
#include <gtest/gtest.h>

#include <string>

#include "webhook/webhook.hh"
#include "webhook_fixtures.hh"
#include "temp_dir.hh"

using namespace hoist;
using hoist::testing::read_file;

namespace {

constexpr const char* kSecret = "hoist-test-secret";
constexpr uint64_t kSecond = 1000000;

std::string fixture(const std::string& name) {
  return read_file(std::string(HOIST_WEBHOOK_FIXTURES) + "/" + name);
}

WebhookRequest request(Forge forge, std::string body,
                       std::map<std::string, std::string> headers) {
  WebhookRequest r;
  r.forge = forge;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

AuthResult verify(const WebhookRequest& r, const std::string& secret = kSecret) {
  std::string why;
  const AuthResult result = verify_webhook(r, secret, why);
  EXPECT_EQ(why.empty(), result == AuthResult::Ok) << why;
  if (!secret.empty()) {
    EXPECT_EQ(why.find(secret), std::string::npos) << why;
  }
  return result;
}

// Standard Webhooks' example: https://www.standardwebhooks.com/ spec.
//   key=$(printf %s MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 100)
//   printf %s 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' |
//     openssl dgst -sha256 -mac HMAC -macopt hexkey:$key -binary | base64
constexpr const char* kWhsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kStandardId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr const char* kStandardTimestamp = "1614265330";
constexpr const char* kStandardBody = "{\"test\": 2432232314}";
constexpr const char* kStandardSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

WebhookRequest standard(const std::string& signature, uint64_t now_seconds = 1614265330) {
  auto r = request(Forge::Generic, kStandardBody,
                   {{"webhook-id", kStandardId},
                    {"webhook-timestamp", kStandardTimestamp},
                    {"webhook-signature", signature}});
  r.now_usec = now_seconds * kSecond;
  return r;
}

}  // namespace

TEST(WebhookForge, Names) {
  EXPECT_EQ(forge_from_path_name("github"), Forge::GitHub);
  EXPECT_EQ(forge_from_path_name("gitea"), Forge::Gitea);
  EXPECT_EQ(forge_from_path_name("gitlab"), Forge::GitLab);
  EXPECT_EQ(forge_from_path_name("generic"), Forge::Generic);
  EXPECT_EQ(forge_from_path_name("GitHub"), std::nullopt);
  EXPECT_EQ(forge_from_path_name("forgejo"), std::nullopt);
  EXPECT_EQ(forge_from_path_name(""), std::nullopt);
  for (auto forge : {Forge::GitHub, Forge::Gitea, Forge::GitLab, Forge::Generic})
    EXPECT_EQ(forge_from_path_name(forge_name(forge)), forge);
  EXPECT_EQ(auth_result_name(AuthResult::Expired), "expired");
}

TEST(WebhookForge, DeliveryIds) {
  EXPECT_EQ(delivery_id(request(Forge::GitHub, "", {{"x-github-delivery", "72d3162e"}})),
            "72d3162e");
  EXPECT_EQ(delivery_id(request(Forge::Gitea, "", {{"x-gitea-delivery", "g1"}})), "g1");
  EXPECT_EQ(delivery_id(request(Forge::Gitea, "",
                                {{"x-gitea-delivery", "g1"}, {"x-forgejo-delivery", "f1"}})),
            "f1");
  EXPECT_EQ(delivery_id(request(Forge::GitLab, "", {{"x-gitlab-event-uuid", "u1"}})), "u1");
  EXPECT_EQ(delivery_id(request(Forge::GitLab, "", {{"webhook-id", "w1"}})), "w1");
  EXPECT_EQ(delivery_id(request(Forge::Generic, "", {{"webhook-id", "msg_1"}})), "msg_1");
  EXPECT_EQ(delivery_id(request(Forge::GitHub, "", {{"webhook-id", "msg_1"}})), "");
  EXPECT_EQ(delivery_id(request(Forge::Generic, "", {})), "");
}

TEST(WebhookSignature, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(WebhookSignature, GitHubDocumentationVector) {
  // GitHub's own example ("Validating webhook deliveries"), and:
  //   printf %s 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"
  const auto r = request(
      Forge::GitHub, "Hello, World!",
      {{"x-hub-signature-256",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"}});
  EXPECT_EQ(verify(r, "It's a Secret to Everybody"), AuthResult::Ok);
  EXPECT_EQ(verify(r, "It's a Secret to Everybody!"), AuthResult::Bad);
}

TEST(WebhookSignature, GitHubPushFixture) {
  // openssl dgst -sha256 -hmac hoist-test-secret < github-push-1.json
  constexpr const char* kHex = "87dc5225371696ad94fd02e00ecc708ce8916e29a85b44ddd038c3a4d7f3bff2";
  const std::string body = fixture("github-push-1.json");
  EXPECT_EQ(verify(request(Forge::GitHub, body, {{"x-hub-signature-256", std::string("sha256=") + kHex}})),
            AuthResult::Ok);
  // Upper-case hex is the same signature.
  std::string upper = kHex;
  for (auto& c : upper) c = static_cast<char>(g_ascii_toupper(c));
  EXPECT_EQ(verify(request(Forge::GitHub, body, {{"x-hub-signature-256", "sha256=" + upper}})),
            AuthResult::Ok);
  // One byte more in the body, or another secret: bad.
  EXPECT_EQ(verify(request(Forge::GitHub, body + " ", {{"x-hub-signature-256", std::string("sha256=") + kHex}})),
            AuthResult::Bad);
  EXPECT_EQ(verify(request(Forge::GitHub, body, {{"x-hub-signature-256", std::string("sha256=") + kHex}}),
                   "another-secret"),
            AuthResult::Bad);
}

TEST(WebhookSignature, GitHubMalformedAndMissing) {
  const std::string hex = "87dc5225371696ad94fd02e00ecc708ce8916e29a85b44ddd038c3a4d7f3bff2";
  const std::string body = fixture("github-push-1.json");
  EXPECT_EQ(verify(request(Forge::GitHub, body, {})), AuthResult::Missing);
  EXPECT_EQ(verify(request(Forge::GitHub, body, {{"x-hub-signature", "sha1=0123"}})),
            AuthResult::Missing);
  EXPECT_EQ(verify(request(Forge::GitHub, body, {{"x-hub-signature-256", hex}})),
            AuthResult::Bad);  // no sha256= prefix
  EXPECT_EQ(verify(request(Forge::GitHub, body, {{"x-hub-signature-256", "sha256=" + hex.substr(2)}})),
            AuthResult::Bad);  // too short
  EXPECT_EQ(verify(request(Forge::GitHub, body, {{"x-hub-signature-256", "sha256=zz" + hex.substr(2)}})),
            AuthResult::Bad);  // not hex
  EXPECT_EQ(verify(request(Forge::GitHub, body, {{"x-hub-signature-256", "sha256=" + hex}}), ""),
            AuthResult::Bad);  // no secret verifies nothing
}

TEST(WebhookSignature, GitHubFormBody) {
  // The signature is over the raw form body:
  //   printf %s 'payload=%7B...%7D' | openssl dgst -sha256 -hmac hoist-test-secret
  const std::string body =
      "payload=%7B%22ref%22%3A%22refs%2Fheads%2Fmain%22%2C%22after%22%3A%22abc%22%2C%22head_"
      "commit%22%3A%7B%22message%22%3A%22fix+the+bug%22%7D%7D";
  EXPECT_EQ(verify(request(Forge::GitHub, body,
                           {{"x-hub-signature-256",
                             "sha256=2aa08ca01219fb3363e6288102dacbce10236f44961072acc9fe4cf7505c92d7"}})),
            AuthResult::Ok);
}

TEST(WebhookSignature, GiteaAndForgejo) {
  // openssl dgst -sha256 -hmac hoist-test-secret < gitea-push-1.json
  const std::string gitea_hex = "e387eddff2089d44ba4e956e098f1534011a502463b72ada252884ac39062395";
  // openssl dgst -sha256 -hmac hoist-test-secret < forgejo-push-1.json
  const std::string forgejo_hex = "a307e8015a04fad849520aad217c18dc82a5fed402a47a0a907efc650808db01";
  const std::string gitea = fixture("gitea-push-1.json");
  const std::string forgejo = fixture("forgejo-push-1.json");
  EXPECT_EQ(verify(request(Forge::Gitea, gitea, {{"x-gitea-signature", gitea_hex}})), AuthResult::Ok);
  EXPECT_EQ(verify(request(Forge::Gitea, forgejo, {{"x-forgejo-signature", forgejo_hex}})),
            AuthResult::Ok);
  // Forgejo sends both headers, Gitea X-Hub-Signature-256 too: all must match.
  EXPECT_EQ(verify(request(Forge::Gitea, forgejo,
                           {{"x-forgejo-signature", forgejo_hex},
                            {"x-gitea-signature", forgejo_hex},
                            {"x-hub-signature-256", "sha256=" + forgejo_hex}})),
            AuthResult::Ok);
  EXPECT_EQ(verify(request(Forge::Gitea, forgejo,
                           {{"x-forgejo-signature", forgejo_hex}, {"x-gitea-signature", gitea_hex}})),
            AuthResult::Bad);
  EXPECT_EQ(verify(request(Forge::Gitea, gitea, {{"x-gitea-signature", forgejo_hex}})),
            AuthResult::Bad);
  EXPECT_EQ(verify(request(Forge::Gitea, gitea, {{"x-gitea-signature", gitea_hex}}), "other"),
            AuthResult::Bad);
  EXPECT_EQ(verify(request(Forge::Gitea, gitea, {{"x-gitea-signature", "not hex"}})),
            AuthResult::Bad);
  EXPECT_EQ(verify(request(Forge::Gitea, gitea, {{"x-gitea-event", "push"}})),
            AuthResult::Missing);
}

TEST(WebhookSignature, GitLabToken) {
  const std::string body = fixture("gitlab-push-1.json");
  EXPECT_EQ(verify(request(Forge::GitLab, body, {{"x-gitlab-token", kSecret}})), AuthResult::Ok);
  EXPECT_EQ(verify(request(Forge::GitLab, body, {{"x-gitlab-token", "hoist-test-secre"}})),
            AuthResult::Bad);
  EXPECT_EQ(verify(request(Forge::GitLab, body, {{"x-gitlab-token", "hoist-test-secret "}})),
            AuthResult::Bad);
  EXPECT_EQ(verify(request(Forge::GitLab, body, {{"x-gitlab-event", "Push Hook"}})),
            AuthResult::Missing);
}

TEST(WebhookSignature, GitLabSigningToken) {
  // GitLab's signing token sends Standard Webhooks headers:
  //   key=$(printf %s MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 100)
  //   (printf %s 'c3a1b4a6-1d0e-4f5e-9a57-7a1f6f7b1e01.1700000000.'; cat gitlab-push-1.json) |
  //     openssl dgst -sha256 -mac HMAC -macopt hexkey:$key -binary | base64
  auto r = request(Forge::GitLab, fixture("gitlab-push-1.json"),
                   {{"webhook-id", "c3a1b4a6-1d0e-4f5e-9a57-7a1f6f7b1e01"},
                    {"webhook-timestamp", "1700000000"},
                    {"webhook-signature", "v1,nCfEhCfNymAq5K0rOkHOJ2B0vkOe3OICxwdCmUoWWks="}});
  r.now_usec = 1700000100 * kSecond;
  EXPECT_EQ(verify(r, kWhsec), AuthResult::Ok);
  // When signed, the signature is what counts, not a token sent alongside.
  r.headers["x-gitlab-token"] = kWhsec;
  r.headers["webhook-signature"] = "v1,AAAAhCfNymAq5K0rOkHOJ2B0vkOe3OICxwdCmUoWWks=";
  EXPECT_EQ(verify(r, kWhsec), AuthResult::Bad);
  r.headers["webhook-signature"] = "v1,nCfEhCfNymAq5K0rOkHOJ2B0vkOe3OICxwdCmUoWWks=";
  r.now_usec = 1700000400 * kSecond;
  EXPECT_EQ(verify(r, kWhsec), AuthResult::Expired);
}

TEST(WebhookSignature, StandardWebhooksSpecVector) {
  EXPECT_EQ(verify(standard(kStandardSignature), kWhsec), AuthResult::Ok);
  // Several signatures (a secret being rotated): one must match.
  EXPECT_EQ(verify(standard("v1,Zm9vYmFy v1a,c2lnbmVk " + std::string(kStandardSignature)), kWhsec),
            AuthResult::Ok);
  EXPECT_EQ(verify(standard("v1,Zm9vYmFy"), kWhsec), AuthResult::Bad);
  EXPECT_EQ(verify(standard("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), kWhsec),
            AuthResult::Bad);
  EXPECT_EQ(verify(standard("v1,not base64!"), kWhsec), AuthResult::Bad);
  EXPECT_EQ(verify(standard(kStandardSignature), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx"),
            AuthResult::Bad);
  EXPECT_EQ(verify(standard(kStandardSignature), "whsec_%%%"), AuthResult::Bad);
  // The raw secret is not the decoded key.
  EXPECT_EQ(verify(standard(kStandardSignature), "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            AuthResult::Bad);
}

TEST(WebhookSignature, StandardWebhooksRawSecret) {
  //   printf %s 'msg_2Y1.1700000000.{"ref":"refs/heads/main","after":"abc"}' |
  //     openssl dgst -sha256 -hmac hoist-test-secret -binary | base64
  auto r = request(Forge::Generic, R"({"ref":"refs/heads/main","after":"abc"})",
                   {{"webhook-id", "msg_2Y1"},
                    {"webhook-timestamp", "1700000000"},
                    {"webhook-signature", "v1,zpMoHo3XrAypO96I/35N95sXaMq5Hymz2fmVSRZC/50="}});
  r.now_usec = 1700000000 * kSecond;
  EXPECT_EQ(verify(r), AuthResult::Ok);
  r.headers["webhook-id"] = "msg_2Y2";  // the id is signed
  EXPECT_EQ(verify(r), AuthResult::Bad);
}

TEST(WebhookSignature, StandardWebhooksTolerance) {
  constexpr uint64_t kSigned = 1614265330;
  EXPECT_EQ(verify(standard(kStandardSignature, kSigned + 300), kWhsec), AuthResult::Ok);
  EXPECT_EQ(verify(standard(kStandardSignature, kSigned - 300), kWhsec), AuthResult::Ok);
  EXPECT_EQ(verify(standard(kStandardSignature, kSigned + 301), kWhsec), AuthResult::Expired);
  EXPECT_EQ(verify(standard(kStandardSignature, kSigned - 301), kWhsec), AuthResult::Expired);
  // now_usec 0 is the real time: a signature of 2021 is long expired.
  EXPECT_EQ(verify(standard(kStandardSignature, 0), kWhsec), AuthResult::Expired);
  // An expired request with a wrong signature is just bad.
  EXPECT_EQ(verify(standard("v1,Zm9vYmFy", kSigned + 3600), kWhsec), AuthResult::Bad);
}

TEST(WebhookSignature, StandardWebhooksMissingHeaders) {
  auto r = standard(kStandardSignature);
  r.headers.erase("webhook-signature");
  EXPECT_EQ(verify(r, kWhsec), AuthResult::Missing);
  r = standard(kStandardSignature);
  r.headers.erase("webhook-id");
  EXPECT_EQ(verify(r, kWhsec), AuthResult::Bad);
  r = standard(kStandardSignature);
  r.headers["webhook-timestamp"] = "2021-02-25";
  EXPECT_EQ(verify(r, kWhsec), AuthResult::Bad);
  r.headers["webhook-timestamp"] = "-1614265330";
  EXPECT_EQ(verify(r, kWhsec), AuthResult::Bad);
}

TEST(WebhookSignature, WhyNeverHoldsTheSecret) {
  // verify() checks every why for the secret; these are the messages most
  // likely to quote a value.
  const std::string secret = "s3cr3t-value";
  const auto cases = {
      request(Forge::GitHub, "x", {{"x-hub-signature-256", "sha256=s3cr3t-value"}}),
      request(Forge::GitLab, "x", {{"x-gitlab-token", "s3cr3t-valu"}}),
      request(Forge::Gitea, "x", {{"x-gitea-signature", secret}}),
      request(Forge::Generic, "x",
              {{"webhook-id", "1"}, {"webhook-timestamp", "1"}, {"webhook-signature", secret}}),
  };
  for (const auto& r : cases) {
    std::string why;
    EXPECT_EQ(verify_webhook(r, secret, why), AuthResult::Bad);
    EXPECT_FALSE(why.empty());
    EXPECT_EQ(why.find(secret), std::string::npos) << why;
  }
}
