// Deploy ids: "20261121T224435Z-1a2b3c" (UTC start of the request, then 6 hex
// digits). They sort in the order hoistd issued them and name the deploy's
// record file, so ids coming from API input are validated before use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hoist {

inline constexpr size_t kDeployIdMax = 64;

// Only [0-9A-Za-z-], 1..kDeployIdMax characters, not starting with '-'.
bool deploy_id_is_valid(std::string_view id);

// A new id for a request at now_usec that sorts after `after` (the newest id
// issued so far, or empty): random suffix in a new second, the next suffix
// within the same second or when the clock went back.
std::string make_deploy_id(uint64_t now_usec, std::string_view after = {});

}  // namespace hoist
