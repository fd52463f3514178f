// fuzz-version: up to three lines of the input as semantic versions
// (parse_version), compared with each other (compare_versions).
//
// Properties: a refused version says why; to_string() of a version parses
// back to the same text and an equal version; precedence is reflexive,
// antisymmetric and transitive.
#include <optional>
#include <string>
#include <vector>

#include "fuzz_check.hh"
#include "selfupdate/version.hh"

using namespace hoist;

namespace {

int sign(int c) { return c < 0 ? -1 : c > 0 ? 1 : 0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = fuzz::text_of(data, size);
  std::vector<Version> versions;
  for (int i = 0; i < 3 && (i == 0 || !rest.empty()); i++) {
    const std::string_view line = fuzz::next_line(rest);
    std::string error;
    const auto v = parse_version(line, error);
    if (!v) {
      FUZZ_CHECK(!error.empty());
      continue;
    }
    const std::string text = v->to_string();
    const auto again = parse_version(text, error);
    FUZZ_CHECK(again);
    FUZZ_CHECK(again->to_string() == text);
    FUZZ_CHECK(compare_versions(*v, *again) == 0);
    FUZZ_CHECK(again->build == v->build);
    FUZZ_CHECK(compare_versions(*v, *v) == 0);
    versions.push_back(*v);
  }
  for (const auto& a : versions)
    for (const auto& b : versions) {
      FUZZ_CHECK(sign(compare_versions(a, b)) == -sign(compare_versions(b, a)));
      for (const auto& c : versions)
        if (compare_versions(a, b) <= 0 && compare_versions(b, c) <= 0)
          FUZZ_CHECK(compare_versions(a, c) <= 0);
    }
  return 0;
}
