#include "notify/message_format.hh"

#include "common/str_cat.hh"
#include "core/git_names.hh"
#include "core/utf8_text.hh"
#include "notify/truncate.hh"

namespace hoist {
namespace {

// How much of each free-text field a message shows, in code points: enough
// for people, and little enough that the step output keeps most of a
// Discord message's 2000.
constexpr size_t kCommitMessageChars = 300;
constexpr size_t kErrorChars = 500;
constexpr size_t kNameChars = 100;
// Longer links are shown as text without the link.
constexpr size_t kUrlMaxChars = 500;

std::string field(std::string_view s, size_t max_chars = kNameChars) {
  return utf8_shorten(make_valid_utf8(s), max_chars);
}

std::string first_line(std::string_view s) {
  const size_t end = s.find_first_of("\r\n");
  return std::string(s.substr(0, end));
}

std::string url_of(std::string_view url) {
  const std::string valid = make_valid_utf8(url);
  return utf8_length(valid) <= kUrlMaxChars ? valid : std::string();
}

// "🚀 **api** on web1: "
void headline_start(RichText& t, std::string_view emoji, const NotifyEvent& e) {
  t.text(std::string(emoji) + " ").bold(e.app.empty() ? "hoist" : field(e.app));
  if (!e.host.empty()) t.text(" on " + field(e.host));
  t.text(": ");
}

// "acme/api@1a2b3c4" (linked to the commit if its URL is known), then
// " (`main`)" if with_branch.
void subject(RichText& t, const NotifyEvent& e, bool with_branch) {
  const std::string rev = field(short_revision(e.revision));
  const std::string repo = field(repository_display_name(e.repository));
  const std::string label = repo.empty() ? rev : rev.empty() ? repo : repo + "@" + rev;
  if (label.empty()) {
    if (e.branch.empty()) t.text("the branch head");
    else t.text("the head of ").code(field(e.branch));
    return;
  }
  t.link(label, url_of(e.commit_url));
  if (with_branch && !e.branch.empty()) t.text(" (").code(field(e.branch)).text(")");
}

void deploy_id(RichText& t, const NotifyEvent& e) {
  if (!e.deploy_id.empty()) t.text(", deploy ").code(field(e.deploy_id));
}

// "deploy `ID` of acme/api@1a2b3c4 failed at step `build`: why"
void failure(RichText& t, const NotifyEvent& e) {
  t.text("deploy ");
  if (!e.deploy_id.empty()) t.code(field(e.deploy_id)).text(" ");
  t.text("of ");
  subject(t, e, true);
  t.text(" failed");
  if (!e.step.empty()) t.text(" at step ").code(field(e.step));
  if (!e.error.empty()) t.text(": " + field(first_line(e.error), kErrorChars));
}

void webhook_received(RichText& t, const NotifyEvent& e) {
  t.text("push");
  if (!e.branch.empty()) t.text(" to ").code(field(e.branch));
  if (!e.author.empty()) t.text(" by " + field(e.author));
  t.text(": ");
  subject(t, e, false);
  if (const std::string compare = url_of(e.compare_url); !compare.empty())
    t.text(" (").link("compare", compare).text(")");
  if (const std::string message = first_line(make_valid_utf8(e.message)); !message.empty())
    t.quote(utf8_shorten(message, kCommitMessageChars));
}

}  // namespace

std::string short_revision(std::string_view revision) {
  if ((revision.size() == 40 || revision.size() == 64) && is_commit_id(revision))
    return std::string(revision.substr(0, 7));
  return std::string(revision);
}

std::string repository_display_name(std::string_view repository) {
  std::string_view r = repository;
  while (!r.empty() && r.back() == '/') r.remove_suffix(1);
  if (r.size() > 4 && r.substr(r.size() - 4) == ".git") r.remove_suffix(4);
  if (const size_t scheme = r.find("://"); scheme != std::string_view::npos) {
    r.remove_prefix(scheme + 3);
    const size_t path = r.find('/');
    r = path == std::string_view::npos ? std::string_view() : r.substr(path + 1);
  } else if (!r.empty() && r.front() == '/') {
    r = r.substr(r.rfind('/') + 1);  // a local path: its last component
  } else if (const size_t colon = r.find(':'); colon != std::string_view::npos) {
    r.remove_prefix(colon + 1);  // scp-like "git@host:owner/name"
  }
  return std::string(r.empty() ? repository : r);
}

std::string format_duration(uint64_t usec) {
  const uint64_t ms = usec / 1000, s = usec / 1000000, min = s / 60, h = min / 60;
  if (s == 0) return std::to_string(ms) + "ms";
  if (min == 0) return std::to_string(s) + "s";
  if (h == 0)
    return str_cat({std::to_string(min), "min", s % 60 ? str_cat({" ", std::to_string(s % 60), "s"}) : ""});
  return str_cat(
      {std::to_string(h), "h", min % 60 ? str_cat({" ", std::to_string(min % 60), "min"}) : ""});
}

bool notification_shows_output(const NotifyEvent& event) {
  return event.kind == NotifyKind::DeployFailed || event.kind == NotifyKind::RolledBack;
}

RichText notification_text(const NotifyEvent& e) {
  RichText t;
  switch (e.kind) {
    case NotifyKind::WebhookReceived:
      headline_start(t, "📥", e);
      webhook_received(t, e);
      break;
    case NotifyKind::DeployStarted:
      headline_start(t, "🚀", e);
      t.text("deploying ");
      subject(t, e, true);
      deploy_id(t, e);
      break;
    case NotifyKind::DeploySucceeded:
      headline_start(t, "✅", e);
      t.text("deployed ");
      subject(t, e, true);
      if (e.duration_usec) t.text(" in " + format_duration(e.duration_usec));
      deploy_id(t, e);
      break;
    case NotifyKind::DeployFailed:
      headline_start(t, "❌", e);
      failure(t, e);
      t.text(". The previous release still serves.");
      break;
    case NotifyKind::RolledBack:
      if (e.failed) {
        headline_start(t, "🚨", e);
        t.bold("ROLLBACK FAILED").text(": ");
        failure(t, e);
        t.text(", and the previous release could not be restored. ").bold("The app may be down.");
      } else {
        headline_start(t, "↩️", e);
        failure(t, e);
        t.text(". Rolled back to the previous release.");
      }
      break;
    case NotifyKind::PendingConfirmation:
      headline_start(t, "⏸️", e);
      subject(t, e, true);
      t.text(" waits for confirmation: run ").code("hoistctl confirm " + field(e.app));
      deploy_id(t, e);
      break;
    case NotifyKind::UnitsDrifted:
      headline_start(t, "⚠️", e);
      t.text("unit files drifted from the templates: " + field(e.error, 1000) + ". ");
      t.text("See ").code("hoistctl diff " + field(e.app)).text(", fix with ").code("hoistctl apply " + field(e.app));
      break;
    case NotifyKind::UpdateAvailable:
      headline_start(t, "⬆️", e);
      if (e.version.empty()) t.text("an update is available");
      else t.text("version ").code(field(e.version)).text(" is available");
      break;
    case NotifyKind::UpdateApplied:
      headline_start(t, "⬆️", e);
      t.text("updated");
      if (!e.version.empty()) t.text(" to version ").code(field(e.version));
      if (!e.revision.empty()) t.text(" (was ").code(field(e.revision)).text(")");
      break;
    case NotifyKind::UpdateFailed:
      headline_start(t, "⚠️", e);
      t.text("update to version ").code(field(e.version)).text(" failed: " + field(e.error, 1000) + ". ");
      if (!e.revision.empty()) t.text("Back on version ").code(field(e.revision)).text(".");
      break;
  }
  return t;
}

}  // namespace hoist
