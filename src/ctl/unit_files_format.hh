// An app's unit files as hoistctl shows them: the result of "apply", the
// diffs of "diff" (labels and git-like colours), the drift "show" lists,
// and their JSON.
#pragma once

#include <json-glib/json-glib.h>

#include <string>
#include <vector>

#include "ctl/label_block.hh"
#include "ctl/terminal.hh"
#include "ctl/unit_files_info.hh"
#include "ctl/unified_diff.hh"

namespace hoist::ctl {

// "hoistctl apply": a heading saying how it went ("Applied the unit files
// of api.", "... failed at verify and was rolled back.", "Dry run: ...")
// with a glyph coloured as a deploy's state, then a block of labelled
// lists, one file or unit a line: added, changed, removed and unchanged
// files and the units restarted; for a dry run what would be added,
// changed or removed; for a failure the error (every line aligned under
// the first) and what the apply set out to do.
std::string format_apply_result(const std::string& app, const ApplyResult& r, const Style& style);

// The two sides of a file's diff: "/etc/systemd/system/api.service
// (installed)" (or /dev/null if it is added) and "api.service (rendered
// from the template)" (or /dev/null if it is removed), with their contents.
DiffSide installed_side(const UnitFileDiff& d);
DiffSide rendered_side(const UnitFileDiff& d);

// A unified diff coloured as "git diff" colours it when style.color: the
// "---" and "+++" lines bold, hunk headers cyan, removed lines red, added
// lines green.
std::string color_diff(const std::string& diff, const Style& style);

// "hoistctl diff --json": [{"name", "path", "change", "installed",
// "rendered"}...], a missing side null.
std::string unit_diffs_to_json(const std::vector<UnitFileDiff>& files);

// "hoistctl show": the drift under the label "Drift:", "none" or an item a
// line ("api.service: /etc/systemd/system/api.service differs from its
// template") in yellow, then the commands that show and undo it (command:
// "hoistctl" or "hoistctl --user").
void add_drift(LabelBlock& block, const char* label, const std::vector<DriftInfo>& drift,
               const std::string& app, const std::string& command, const Style& style);

// Adds [{"kind", "unit", "path", "detail"}...] as the next value.
void add_drift_items(JsonBuilder* b, const std::vector<DriftInfo>& drift);

}  // namespace hoist::ctl
