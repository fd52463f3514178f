// How the listing commands (apps, releases, history) print what they found.
#pragma once

#include <cstdio>
#include <string>

#include "ctl/args.hh"

namespace hoist::ctl {

// With --json the JSON, else the text, or the line `none` when there is
// nothing to list.
inline void print_listing(const Options& o, bool empty, const std::string& json,
                          const std::string& text, const std::string& none) {
  if (o.json)
    printf("%s\n", json.c_str());
  else if (empty)
    printf("%s\n", none.c_str());
  else
    fputs(text.c_str(), stdout);
}

}  // namespace hoist::ctl
