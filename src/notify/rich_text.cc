#include "notify/rich_text.hh"

#include <glib.h>

#include "common/glib_ptr.hh"
#include "common/str_cat.hh"

namespace hoist {
namespace {

// After an '@' that starts a word, so that "@channel" or "@here" in a commit
// message mentions nobody.
constexpr std::string_view kZeroWidthSpace = "\u200b";

// Characters Markdown (CommonMark, Discord) would take as markup in text.
constexpr std::string_view kMarkdownSpecial = "\\`*_~[]<>|#";

std::string replace_newlines(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string slack_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

bool is_word_char(char c) {
  return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

std::string markdown_escape(std::string_view s) {
  std::string out;
  char previous = ' ';
  for (char c : s) {
    if (kMarkdownSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
    // A mention starts a word ("@channel"); "acme/api@1a2b3c4" is none.
    if (c == '@' && !is_word_char(previous)) out += kZeroWidthSpace;
    previous = c;
  }
  return out;
}

std::string html_escape(std::string_view s) {
  const GCharPtr escaped(g_markup_escape_text(s.data(), static_cast<gssize>(s.size())));
  return escaped.get();
}

// Inline code cannot hold a backtick in any of the markups.
std::string without_backticks(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '`') c = '\'';
  return out;
}

// No run of three backticks, which would end a fenced code block.
std::string break_fences(std::string_view s) {
  std::string out;
  size_t run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    if (run == 3) {
      out += kZeroWidthSpace;
      run = 1;
    }
    out += c;
  }
  return out;
}

// url if it is an http(s) URL, with what could end a link in any markup
// ("()<>|\"' ") percent-encoded; "" otherwise.
std::string link_url(std::string_view url) {
  if (url.substr(0, 7) != "http://" && url.substr(0, 8) != "https://") return {};
  for (char c : url)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return {};
  const std::string copy(url);
  const GCharPtr escaped(g_uri_escape_string(copy.c_str(), "!#$&*+,/:;=?@[]~%", TRUE));
  return escaped.get();
}

std::string escape(Markup markup, std::string_view s) {
  switch (markup) {
    case Markup::Slack: return slack_escape(s);
    case Markup::Markdown: return markdown_escape(s);
    case Markup::Html: return html_escape(s);
    case Markup::Plain: break;
  }
  return std::string(s);
}

std::string render_link(Markup markup, const std::string& label, const std::string& url) {
  const std::string target = link_url(url);
  if (target.empty()) return escape(markup, label);
  switch (markup) {
    case Markup::Slack: return str_cat({"<", target, "|", slack_escape(label), ">"});
    case Markup::Markdown: return str_cat({"[", markdown_escape(label), "](", target, ")"});
    case Markup::Html:
      return str_cat({"<a href=\"", html_escape(target), "\">", html_escape(label), "</a>"});
    case Markup::Plain: break;
  }
  return label == url ? url : label + " (" + url + ")";
}

std::string render_bold(Markup markup, const std::string& text) {
  switch (markup) {
    case Markup::Slack: return str_cat({"*", slack_escape(text), "*"});
    case Markup::Markdown: return str_cat({"**", markdown_escape(text), "**"});
    case Markup::Html: return str_cat({"<strong>", html_escape(text), "</strong>"});
    case Markup::Plain: break;
  }
  return text;
}

std::string render_code(Markup markup, const std::string& text) {
  const std::string code = without_backticks(text);
  switch (markup) {
    case Markup::Slack: return str_cat({"`", slack_escape(code), "`"});
    case Markup::Html: return str_cat({"<code>", html_escape(code), "</code>"});
    case Markup::Markdown:
    case Markup::Plain: break;
  }
  return "`" + code + "`";
}

}  // namespace

RichText& RichText::add(Kind kind, std::string_view text, std::string_view url) {
  parts_.push_back({kind, replace_newlines(text), std::string(url)});
  return *this;
}

RichText& RichText::text(std::string_view s) { return add(Kind::Text, s); }
RichText& RichText::bold(std::string_view s) { return add(Kind::Bold, s); }
RichText& RichText::code(std::string_view s) { return add(Kind::Code, s); }
RichText& RichText::link(std::string_view label, std::string_view url) {
  return add(Kind::Link, label, url);
}
RichText& RichText::line_break() { return add(Kind::Break, ""); }
RichText& RichText::quote(std::string_view s) { return add(Kind::Quote, s); }

std::string RichText::render(Markup markup) const {
  std::string out;
  for (const Part& part : parts_) {
    switch (part.kind) {
      case Kind::Text: out += escape(markup, part.text); break;
      case Kind::Bold: out += render_bold(markup, part.text); break;
      case Kind::Code: out += render_code(markup, part.text); break;
      case Kind::Link: out += render_link(markup, part.text, part.url); break;
      case Kind::Break: out += markup == Markup::Html ? "<br>" : "\n"; break;
      case Kind::Quote:
        if (markup == Markup::Html) {
          out += "<blockquote>" + html_escape(part.text) + "</blockquote>";
        } else {
          if (!out.empty()) out += "\n";
          out += "> " + escape(markup, part.text);
        }
        break;
    }
  }
  return out;
}

std::string render_output_block(Markup markup, std::string_view output, size_t cut_chars) {
  if (output.empty() && cut_chars == 0) return {};
  std::string text;
  if (cut_chars > 0)
    text = "… " + std::to_string(cut_chars) + (cut_chars == 1 ? " character" : " characters") +
           " cut" + (output.empty() ? "" : "\n");
  text += output;
  switch (markup) {
    case Markup::Slack: return "\n```\n" + slack_escape(break_fences(text)) + "\n```";
    case Markup::Markdown: return "\n```\n" + break_fences(text) + "\n```";
    case Markup::Html: return "<pre><code>" + html_escape(text) + "</code></pre>";
    case Markup::Plain: break;
  }
  return "\n" + text;
}

}  // namespace hoist
