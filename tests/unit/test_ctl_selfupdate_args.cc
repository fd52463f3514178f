// "hoistctl self-update" on the command line and in --help.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "ctl/args.hh"
#include "ctl/help.hh"

using namespace hoist::ctl;

namespace {

ParseResult parse_line(std::initializer_list<const char*> words) {
  std::vector<char*> argv{const_cast<char*>("hoistctl")};
  for (const char* w : words) argv.push_back(const_cast<char*>(w));
  argv.push_back(nullptr);
  return parse_args(static_cast<int>(argv.size() - 1), argv.data());
}

}  // namespace

TEST(CtlSelfUpdateArgs, VerbAndOptions) {
  auto r = parse_line({"self-update"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::SelfUpdate);
  EXPECT_FALSE(r.options.check);
  EXPECT_FALSE(r.options.no_block);
  EXPECT_STREQ(verb_name(Verb::SelfUpdate), "self-update");

  r = parse_line({"--json", "self-update", "--check"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.options.check);
  EXPECT_TRUE(r.options.json);

  r = parse_line({"self-update", "--no-block"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.options.no_block);
  EXPECT_TRUE(parse_line({"rollout", "--no-block", "api"}).ok());
}

TEST(CtlSelfUpdateArgs, Refusals) {
  EXPECT_EQ(parse_line({"self-update", "now"}).error, "'self-update' takes no arguments");
  EXPECT_EQ(parse_line({"status", "--check"}).error,
            "option '--check' is only valid with 'self-update'");
  EXPECT_EQ(parse_line({"deploy", "hello", "--no-block"}).error,
            "option '--no-block' is only valid with 'rollout' and 'self-update'");
  EXPECT_EQ(parse_line({"self-update", "--check", "--no-block"}).error,
            "options '--check' and '--no-block' cannot be combined");
  EXPECT_EQ(parse_line({"self-update", "--dry-run"}).error,
            "option '--dry-run' is only valid with 'deploy', 'rollout' and 'apply'");
}

TEST(CtlSelfUpdateArgs, Help) {
  std::string help = help_text();
  EXPECT_NE(help.find("\n  self-update                Make hoistd look for a newer release"),
            std::string::npos);
  EXPECT_NE(help.find("\n  self-update --check        "), std::string::npos);
  EXPECT_NE(help.find("\nOptions of self-update:\n     --check "), std::string::npos);
  EXPECT_NE(help.find("\n  self-update                {enabled, mode, "), std::string::npos);
}
