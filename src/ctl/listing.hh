// How the listing commands (apps, releases, history, pending) get and print
// what they list.
#pragma once

#include <cstdio>
#include <string>

#include "ctl/args.hh"
#include "ctl/bus_client.hh"
#include "ctl/exit_status.hh"
#include "ctl/report.hh"

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

// Asks hoistd with fetch, reporting a failure with context (see
// report_failure); then prints what came as print_listing, made into JSON or
// text by to_json and to_text.
template <class Fetch, class ToJson, class ToText>
int fetch_and_list(const Options& o, const Fetch& fetch, const std::string& context,
                   const ToJson& to_json, const ToText& to_text, const std::string& none) {
  decltype(fetch()) items;
  try {
    items = fetch();
  } catch (const CallError& e) {
    return report_failure(o, e, context);
  }
  print_listing(o, items.empty(), to_json(items), to_text(items), none);
  return exit_status::kSuccess;
}

}  // namespace hoist::ctl
