// Checks of what hoist hands to git: ref names (git-check-ref-format's rules,
// implemented here rather than by running git), revisions of deploy requests
// and repository addresses. None may start with '-', so none can be taken for
// an option; hoist also passes them after "--". Problems are phrased to follow
// the quoted value, like config_values.hh.
#pragma once

#include <string>
#include <string_view>

namespace hoist {

// A ref name per git-check-ref-format with --allow-onelevel ("main",
// "release/1.x", "refs/heads/main"), at most 255 bytes, not starting with '-'.
std::string ref_name_problem(std::string_view name);

// Branch=: a ref name that is not "HEAD".
std::string branch_name_problem(std::string_view name);

// A full (40 or 64 hex digits) or abbreviated (at least 7) commit id.
bool is_commit_id(std::string_view rev);

// What a deploy may be pinned to: a commit id or a ref name.
std::string revision_problem(std::string_view rev);

// Repository=: a URL git understands (file://, http(s)://, ssh://, git://),
// an scp-like address ("git@host:owner/repo.git") or an absolute local path.
// Remote helpers ("ext::...") are refused, as are leading '-', whitespace and
// control characters.
std::string repository_problem(std::string_view url);

}  // namespace hoist
