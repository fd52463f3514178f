// hoistctl diff APP | apply [--dry-run] APP
#include <cstdio>
#include <string>
#include <vector>

#include "ctl/commands.hh"
#include "ctl/exit_status.hh"
#include "ctl/json_output.hh"
#include "ctl/report.hh"
#include "ctl/text.hh"
#include "ctl/unit_files_format.hh"
#include "ctl/unified_diff.hh"

namespace hoist::ctl {

int run_diff(Client& client, const Options& o) {
  std::vector<UnitFileDiff> files;
  try {
    files = client.diff_units(o.app);
  } catch (const CallError& e) {
    return report_failure(
        o, e, strprintf(_("Failed to compare the unit files of %s"), printable(o.app).c_str()));
  }
  int status = files.empty() ? exit_status::kSuccess : exit_status::kDiffers;
  if (o.json) {
    printf("%s\n", unit_diffs_to_json(files).c_str());
    return status;
  }
  Style style = style_for_fd(fileno(stdout));
  for (const auto& f : files) {
    std::string error;
    auto diff = unified_diff(installed_side(f), rendered_side(f), error);
    if (!diff) {
      fflush(stdout);
      fprintf(stderr, "%s\n", error.c_str());
      return exit_status::kDiffTrouble;
    }
    fputs(color_diff(*diff, style).c_str(), stdout);
  }
  return status;
}

int run_apply(Client& client, const Options& o) {
  ApplyResult r;
  try {
    r = client.apply_units(o.app, o.dry_run);
  } catch (const CallError& e) {
    return report_failure(
        o, e, strprintf(_("Failed to apply the unit files of %s"), printable(o.app).c_str()));
  }
  if (o.json)
    printf("%s\n", node_to_json(r.json).c_str());
  else
    fputs(format_apply_result(o.app, r, style_for_fd(fileno(stdout))).c_str(), stdout);
  return r.ok ? exit_status::kSuccess : exit_status::kFailure;
}

}  // namespace hoist::ctl
