#include "selfupdate/release.hh"

#include <glib.h>
#include <json-glib/json-glib.h>

#include <algorithm>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "common/str_cat.hh"
#include "common/text.hh"
#include "core/json_object.hh"
#include "selfupdate/version.hh"

namespace hoist {
namespace {

bool is_sha256(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

}  // namespace

namespace {

JsonNode* parse_root(JsonParser* parser, std::string_view json, std::string& error) {
  // What a forge (or whoever answers for it) sends is checked before
  // json-glib, which recurses, sees it (common/json.hh).
  if (const std::string problem = json_text_problem(json); !problem.empty()) {
    error = "the release " + problem;
    return nullptr;
  }
  GError* e = nullptr;
  if (!json_parser_load_from_data(parser, json.data(), static_cast<gssize>(json.size()), &e)) {
    error = str_cat({"the release is not JSON: ", e->message});
    g_error_free(e);
    return nullptr;
  }
  JsonNode* root = json_parser_get_root(parser);
  if (!root) error = "the release is empty";
  return root;
}

std::optional<ForgeRelease> release_from(JsonObject* object, std::string& error) {
  const JsonObjectReader r(object);
  ForgeRelease release;
  release.tag = r.string("tag_name");
  if (release.tag.empty()) {
    error = "the release has no \"tag_name\"";
    return std::nullopt;
  }
  release.name = r.string("name");
  release.html_url = r.string("html_url");
  release.prerelease = r.boolean("prerelease");
  release.draft = r.boolean("draft");
  if (JsonArray* assets = r.array("assets"))
    for (guint i = 0; i < json_array_get_length(assets); i++) {
      JsonNode* n = json_array_get_element(assets, i);
      if (!JSON_NODE_HOLDS_OBJECT(n)) continue;
      const JsonObjectReader a(json_node_get_object(n));
      ReleaseAsset asset{a.string("name"), a.string("browser_download_url"), a.usec("size")};
      if (!asset.name.empty() && !asset.url.empty()) release.assets.push_back(std::move(asset));
    }
  return release;
}

}  // namespace

std::optional<ForgeRelease> parse_release_json(std::string_view json, std::string& error) {
  JsonParserPtr parser(json_parser_new());
  JsonNode* root = parse_root(parser.get(), json, error);
  if (!root) return std::nullopt;
  if (!JSON_NODE_HOLDS_OBJECT(root)) {
    error = "the release is not a JSON object";
    return std::nullopt;
  }
  return release_from(json_node_get_object(root), error);
}

std::optional<ForgeRelease> newest_release(std::string_view json, bool prerelease, std::string& error) {
  JsonParserPtr parser(json_parser_new());
  JsonNode* root = parse_root(parser.get(), json, error);
  if (!root) return std::nullopt;
  if (JSON_NODE_HOLDS_OBJECT(root)) return release_from(json_node_get_object(root), error);
  if (!JSON_NODE_HOLDS_ARRAY(root)) {
    error = "the releases are neither a JSON object nor an array";
    return std::nullopt;
  }
  std::optional<ForgeRelease> best;
  std::optional<Version> best_version;
  JsonArray* all = json_node_get_array(root);
  for (guint i = 0; i < json_array_get_length(all); i++) {
    JsonNode* n = json_array_get_element(all, i);
    std::string ignored;
    auto r = JSON_NODE_HOLDS_OBJECT(n) ? release_from(json_node_get_object(n), ignored) : std::nullopt;
    if (!r || r->draft || (r->prerelease && !prerelease)) continue;
    auto v = parse_version(r->tag, ignored);
    if (!v || (best_version && compare_versions(*v, *best_version) <= 0)) continue;
    best = std::move(r);
    best_version = v;
  }
  if (!best) error = "no release with a semantic version tag";
  return best;
}

const ReleaseAsset* find_asset(const ForgeRelease& release, std::string_view pattern) {
  const std::string p(pattern);
  for (const auto& a : release.assets)
    if (g_pattern_match_simple(p.c_str(), a.name.c_str())) return &a;
  return nullptr;
}

std::optional<std::string> checksum_for(std::string_view sums, std::string_view asset, std::string& error) {
  std::string found, bad;
  unsigned times = 0;
  for_each_line(sums, [&](std::string_view line) {
    const size_t space = line.find(' ');
    if (space == std::string_view::npos || line.size() < space + 2) return;
    std::string_view name = line.substr(space + 1);
    if (name.front() == ' ' || name.front() == '*') name.remove_prefix(1);
    if (name != asset) return;
    const std::string_view hex = line.substr(0, space);
    if (!is_sha256(hex) && bad.empty()) bad.assign(hex);
    found.assign(hex);
    std::transform(found.begin(), found.end(), found.begin(), [](char c) { return g_ascii_tolower(c); });
    times++;
  });
  if (!bad.empty()) {
    error = str_cat({"the checksum of ", asset, " is not a SHA-256: \"", bad, "\""});
    return std::nullopt;
  }
  if (times != 1) {
    error = times ? str_cat({"the checksum file names ", asset, " more than once"})
                  : str_cat({"the checksum file has no line for ", asset});
    return std::nullopt;
  }
  return found;
}

}  // namespace hoist
