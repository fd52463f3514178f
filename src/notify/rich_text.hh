// A chat message as parts (text, bold, code, links, quotes, line breaks)
// that each platform's markup writes its own way, escaping what the part's
// text could otherwise mean to that markup:
//   Slack      mrkdwn: *bold*, `code`, <url|label>, "&<>" as entities;
//   Markdown   Mattermost and Discord: **bold**, `code`, [label](url),
//              markdown punctuation escaped with '\', "@" kept from
//              mentioning anyone;
//   Html       Matrix's org.matrix.custom.html: <strong>, <code>, <a href>;
//   Plain      Matrix's body and generic webhooks: no markup, "label (url)".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hoist {

enum class Markup { Slack, Markdown, Html, Plain };

class RichText {
 public:
  RichText& text(std::string_view s);
  RichText& bold(std::string_view s);
  RichText& code(std::string_view s);
  // Only http:// and https:// URLs are linked; otherwise the label alone.
  RichText& link(std::string_view label, std::string_view url);
  RichText& line_break();
  // A quoted line of its own (a commit message).
  RichText& quote(std::string_view s);

  std::string render(Markup markup) const;

 private:
  enum class Kind { Text, Bold, Code, Link, Break, Quote };
  struct Part {
    Kind kind;
    std::string text;
    std::string url;
  };
  RichText& add(Kind kind, std::string_view text, std::string_view url = {});

  std::vector<Part> parts_;
};

// A code block of a step's output whose first cut_chars code points were
// cut: a line "… N characters cut" comes first. Begins with a line break.
std::string render_output_block(Markup markup, std::string_view output, size_t cut_chars);

}  // namespace hoist
