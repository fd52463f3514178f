// Ref names, revisions and repository addresses (core/git_names.hh). The ref
// name cases follow git-check-ref-format(1) and git's t1402 test.
#include <gtest/gtest.h>

#include <string>

#include "core/git_names.hh"

using namespace hoist;

TEST(RefName, Valid) {
  for (const char* ok :
       {"main", "foo/bar/baz", "refs/heads/main", "release/1.x", "v1.2.3", "feature-x", "a@b",
        "foo/bar@", "with.dot", "x.lockx", "@x", "caf\xc3\xa9", "foo./bar", "HEAD", "}{"})
    EXPECT_EQ(ref_name_problem(ok), "") << ok;
  EXPECT_EQ(ref_name_problem(std::string(255, 'a')), "");
}

TEST(RefName, GitCheckRefFormatRules) {
  // 1. no component starting with '.' or ending with ".lock"
  EXPECT_EQ(ref_name_problem(".main"), "has a component starting with '.'");
  EXPECT_EQ(ref_name_problem("foo/.bar"), "has a component starting with '.'");
  EXPECT_EQ(ref_name_problem("main.lock"), "has a component ending with \".lock\"");
  EXPECT_EQ(ref_name_problem("foo.lock/bar"), "has a component ending with \".lock\"");
  // 3. no ".."
  EXPECT_EQ(ref_name_problem("foo..bar"), "contains \"..\"");
  // 4. no control characters, space, ~ ^ :
  EXPECT_EQ(ref_name_problem("foo bar"), "contains ' '");
  EXPECT_EQ(ref_name_problem("foo~1"), "contains '~'");
  EXPECT_EQ(ref_name_problem("foo^"), "contains '^'");
  EXPECT_EQ(ref_name_problem("a:b"), "contains ':'");
  EXPECT_EQ(ref_name_problem("a\tb"), "contains a control character");
  EXPECT_EQ(ref_name_problem("a\x7f"), "contains a control character");
  // 5. no ? * [
  EXPECT_EQ(ref_name_problem("foo?"), "contains '?'");
  EXPECT_EQ(ref_name_problem("foo*"), "contains '*'");
  EXPECT_EQ(ref_name_problem("foo[1]"), "contains '['");
  // 6. no leading or trailing '/', no "//"
  EXPECT_EQ(ref_name_problem("/main"), "starts or ends with '/'");
  EXPECT_EQ(ref_name_problem("main/"), "starts or ends with '/'");
  EXPECT_EQ(ref_name_problem("foo//bar"), "contains \"//\"");
  // 7. not ending with '.'
  EXPECT_EQ(ref_name_problem("main."), "ends with '.'");
  // 8. no "@{"
  EXPECT_EQ(ref_name_problem("main@{1}"), "contains \"@{\"");
  // 9. not "@"
  EXPECT_EQ(ref_name_problem("@"), "is \"@\"");
  // 10. no backslash
  EXPECT_EQ(ref_name_problem("a\\b"), "contains '\\'");
  // hoist's own: not empty, no option, bounded
  EXPECT_EQ(ref_name_problem(""), "is empty");
  EXPECT_EQ(ref_name_problem("-main"), "starts with '-'");
  EXPECT_EQ(ref_name_problem("--upload-pack=x"), "starts with '-'");
  EXPECT_EQ(ref_name_problem(std::string(256, 'a')), "is longer than 255 bytes");
}

TEST(RefName, Branch) {
  EXPECT_EQ(branch_name_problem("main"), "");
  EXPECT_EQ(branch_name_problem("HEAD"), "is \"HEAD\", which is not a branch");
  EXPECT_EQ(branch_name_problem("-x"), "starts with '-'");
}

TEST(Revision, CommitIdsAndRefs) {
  EXPECT_TRUE(is_commit_id("0123abc"));
  EXPECT_TRUE(is_commit_id(std::string(40, 'f')));
  EXPECT_TRUE(is_commit_id(std::string(64, 'A')));
  EXPECT_FALSE(is_commit_id("0123ab"));
  EXPECT_FALSE(is_commit_id(std::string(65, 'a')));
  EXPECT_FALSE(is_commit_id("0123abg"));
  EXPECT_EQ(revision_problem("0123abc"), "");
  EXPECT_EQ(revision_problem(std::string(40, 'a')), "");
  EXPECT_EQ(revision_problem("main"), "");
  EXPECT_EQ(revision_problem("v1.2.3"), "");
  EXPECT_EQ(revision_problem("refs/tags/v1"), "");
  EXPECT_EQ(revision_problem("-n"), "starts with '-' (a revision is a commit id or a ref name)");
  EXPECT_EQ(revision_problem("--output=/etc/passwd"),
            "starts with '-' (a revision is a commit id or a ref name)");
  EXPECT_EQ(revision_problem(""), "is empty (a revision is a commit id or a ref name)");
  EXPECT_EQ(revision_problem("main~1"), "contains '~' (a revision is a commit id or a ref name)");
  EXPECT_EQ(revision_problem("a..b"), "contains \"..\" (a revision is a commit id or a ref name)");
}

TEST(Repository, Accepted) {
  for (const char* ok :
       {"file:///srv/git/api.git", "https://github.com/acme/api.git", "http://git.local/api",
        "ssh://git@github.com/acme/api.git", "ssh://git@host:2222/~/api.git",
        "git://git.kernel.org/pub/x.git", "git+ssh://host/x", "git@github.com:acme/api.git",
        "host:api.git", "/srv/git/api.git", "/srv/git/api", "https://[::1]:3000/a/b.git"})
    EXPECT_EQ(repository_problem(ok), "") << ok;
}

TEST(Repository, Refused) {
  EXPECT_EQ(repository_problem(""), "is empty");
  EXPECT_EQ(repository_problem("-uhttps://x"), "starts with '-'");
  EXPECT_EQ(repository_problem("--upload-pack=touch /tmp/x"), "starts with '-'");
  EXPECT_EQ(repository_problem("https://x/a b"), "contains whitespace or a control character");
  EXPECT_EQ(repository_problem("https://x/a\nb"), "contains whitespace or a control character");
  EXPECT_EQ(repository_problem("ext::sh -c touch% /tmp/pwned"),
            "contains whitespace or a control character");
  EXPECT_EQ(repository_problem("ext::sh"),
            "uses a git remote helper (TRANSPORT::ADDRESS), which is not allowed");
  EXPECT_EQ(repository_problem("fd::17"),
            "uses a git remote helper (TRANSPORT::ADDRESS), which is not allowed");
  EXPECT_EQ(repository_problem("ftp://host/x"),
            "has scheme \"ftp\"; use file://, http://, https://, ssh:// or git://");
  EXPECT_EQ(repository_problem("ssh://-oProxyCommand=x/y"), "has a host or user starting with '-'");
  EXPECT_EQ(repository_problem("ssh://-u@host/y"), "has a host or user starting with '-'");
  EXPECT_EQ(repository_problem("https:///x"), "has no host");
  EXPECT_EQ(repository_problem("file://"), "names no path");
  EXPECT_EQ(repository_problem("git@:x"), "has no host before ':'");
  EXPECT_EQ(repository_problem("git@host:"), "has no path after ':'");
  const std::string neither =
      "is neither a URL, an scp-like address (USER@HOST:PATH) nor an absolute path";
  EXPECT_EQ(repository_problem("../api.git"), neither);
  EXPECT_EQ(repository_problem("api"), neither);
  EXPECT_EQ(repository_problem("./x:y"), neither);
}
