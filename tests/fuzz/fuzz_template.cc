// fuzz-template: a unit template rendered with a fixed app's placeholders
// (render_template, render_unit_templates), and the input's first line as a
// template file name (is_unit_file_name).
//
// Properties: a refused template names the file and the line; a text
// without '@' renders as itself; the text with every '@' doubled renders
// as the text.
#include <string>
#include <vector>

#include "core/unit_template.hh"
#include "fuzz_check.hh"

using namespace hoist;

namespace {

std::map<std::string, std::string> fixed_values() {
  AppConfig app;
  app.name = "web";
  app.user = "web";
  app.group = "www-data";
  app.directory = "/srv/hoist/web";
  app.unit_values = {{"PORT", "8080"}, {"HOST", "127.0.0.1"}, {"EMPTY", ""}, {"AT", "@APP@"}};
  return template_values(app, "20260101T000000Z-0123456");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto values = fixed_values();
  const std::string_view text = fuzz::text_of(data, size);

  std::string error;
  const auto rendered = render_template(text, "web.service", values, error);
  if (rendered)
    FUZZ_CHECK(text.find('@') != std::string_view::npos || *rendered == text);
  else
    FUZZ_CHECK(error.starts_with("web.service:"));

  std::string escaped;
  for (const char c : text) escaped += c == '@' ? "@@" : std::string(1, c);
  const auto literal = render_template(escaped, "web.service", values, error);
  FUZZ_CHECK(literal && *literal == text);

  std::string_view rest = text;
  const std::string name(fuzz::next_line(rest));
  is_unit_file_name(name);
  const std::vector<UnitFile> files = {{name, std::string(rest)}, {"web.socket", std::string(text)}};
  if (const auto out = render_unit_templates(files, values, error)) FUZZ_CHECK(out->size() == files.size());
  return 0;
}
