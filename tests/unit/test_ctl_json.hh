// JSON in hoistctl's tests: reading what a command printed, and deploy
// records written as hoistd sends them.
#pragma once

#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <string>

#include "common/glib_ptr.hh"
#include "ctl/deploy_info.hh"

namespace hoist::test {

// The text must be JSON (a failure of the test otherwise).
inline JsonNodePtr parse_json(const std::string& text) {
  JsonParserPtr parser(json_parser_new());
  EXPECT_TRUE(json_parser_load_from_data(parser.get(), text.c_str(), -1, nullptr)) << text;
  JsonNode* root = json_parser_get_root(parser.get());
  return JsonNodePtr(root ? json_node_copy(root) : json_node_new(JSON_NODE_NULL));
}

// The record text must parse (a failure of the test otherwise).
inline ctl::DeployInfo record_from_json(const std::string& text) {
  std::string error;
  auto d = ctl::parse_deploy_record(text, error);
  EXPECT_TRUE(d) << error << "\n" << text;
  return d ? std::move(*d) : ctl::DeployInfo{};
}

}  // namespace hoist::test
