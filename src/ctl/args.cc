#include "ctl/args.hh"

#include <getopt.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <utility>

#include "common/unit_name.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// What a verb takes after it on the command line.
enum class Operands {
  UnitsOrPatterns,  // status: any number of units or patterns
  Units,            // start, stop, ...: at least one unit
  UnitsOrNone,      // reload: units, or none for ReloadConfig
  OneUnit,          // logs
  None,             // daemon-reload, apps, pending, self-update
  App,              // show, releases, history, confirm, diff, apply
  AppAndRevision,   // deploy APP [REVISION]
  AppAndRelease,    // rollback APP [RELEASE]
  DeployId,         // deploy-status ID
  AppsOrAll,        // rollout APP... or rollout --all
  RolloutId,        // rollout-status ID, cancel-rollout ID
};

struct VerbInfo {
  Verb verb;
  const char* name;
  Operands operands;
};

constexpr VerbInfo kVerbs[] = {
    {Verb::Status, "status", Operands::UnitsOrPatterns},
    {Verb::Start, "start", Operands::Units},
    {Verb::Stop, "stop", Operands::Units},
    {Verb::Restart, "restart", Operands::Units},
    {Verb::Reload, "reload", Operands::UnitsOrNone},
    {Verb::ReloadOrRestart, "reload-or-restart", Operands::Units},
    {Verb::TryRestart, "try-restart", Operands::Units},
    {Verb::Logs, "logs", Operands::OneUnit},
    {Verb::DaemonReload, "daemon-reload", Operands::None},
    {Verb::ReloadConfig, "reload", Operands::None},  // never looked up by name
    {Verb::Apps, "apps", Operands::None},
    {Verb::Show, "show", Operands::App},
    {Verb::Deploy, "deploy", Operands::AppAndRevision},
    {Verb::Rollback, "rollback", Operands::AppAndRelease},
    {Verb::Releases, "releases", Operands::App},
    {Verb::History, "history", Operands::App},
    {Verb::DeployStatus, "deploy-status", Operands::DeployId},
    {Verb::Confirm, "confirm", Operands::App},
    {Verb::Pending, "pending", Operands::None},
    {Verb::Rollout, "rollout", Operands::AppsOrAll},
    {Verb::RolloutStatus, "rollout-status", Operands::RolloutId},
    {Verb::CancelRollout, "cancel-rollout", Operands::RolloutId},
    {Verb::Diff, "diff", Operands::App},
    {Verb::Apply, "apply", Operands::App},
    {Verb::SelfUpdate, "self-update", Operands::None},
};

// Options that only some verbs take: the verbs (unused places None) and
// the message naming them.
struct OptionScope {
  Verb verbs[3];
  const char* message;  // N_(), "%s" is the option

  bool allows(Verb verb) const {
    return verb != Verb::None &&
           std::find(std::begin(verbs), std::end(verbs), verb) != std::end(verbs);
  }
};

constexpr OptionScope kLinesScope = {{Verb::Logs, Verb::History, Verb::None},
                                     N_("option '%s' is only valid with 'logs' and 'history'")};
constexpr OptionScope kLogsScope = {{Verb::Logs, Verb::None, Verb::None},
                                    N_("option '%s' is only valid with 'logs'")};
constexpr OptionScope kWaitScope = {
    {Verb::Deploy, Verb::Rollback, Verb::Confirm},
    N_("option '%s' is only valid with 'deploy', 'rollback' and 'confirm'")};
constexpr OptionScope kDeployScope = {{Verb::Deploy, Verb::Rollout, Verb::None},
                                      N_("option '%s' is only valid with 'deploy' and 'rollout'")};
constexpr OptionScope kDryRunScope = {
    {Verb::Deploy, Verb::Rollout, Verb::Apply},
    N_("option '%s' is only valid with 'deploy', 'rollout' and 'apply'")};
constexpr OptionScope kRolloutScope = {{Verb::Rollout, Verb::None, Verb::None},
                                       N_("option '%s' is only valid with 'rollout'")};
constexpr OptionScope kNoBlockScope = {
    {Verb::Rollout, Verb::SelfUpdate, Verb::None},
    N_("option '%s' is only valid with 'rollout' and 'self-update'")};
constexpr OptionScope kSelfUpdateScope = {{Verb::SelfUpdate, Verb::None, Verb::None},
                                          N_("option '%s' is only valid with 'self-update'")};

enum LongOnly : int {
  kOptVersion = 0x100,
  kOptJson,
  kOptUser,
  kOptNoAskPassword,
  kOptWait,
  kOptForce,
  kOptSkipMigrations,
  kOptDryRun,
  kOptAll,
  kOptDeploy,
  kOptMaxParallel,
  kOptNoBlock,
  kOptCheck,
};

// '-' returns non-options in order (code 1) whatever POSIXLY_CORRECT says, so
// options may follow the verb; ':' reports a missing argument as ':'.
constexpr const char* kShortOptions = "-:hn:fo:";

const struct option kLongOptions[] = {
    {"help", no_argument, nullptr, 'h'},
    {"version", no_argument, nullptr, kOptVersion},
    {"json", no_argument, nullptr, kOptJson},
    {"user", no_argument, nullptr, kOptUser},
    {"no-ask-password", no_argument, nullptr, kOptNoAskPassword},
    {"lines", required_argument, nullptr, 'n'},
    {"follow", no_argument, nullptr, 'f'},
    {"output", required_argument, nullptr, 'o'},
    {"wait", no_argument, nullptr, kOptWait},
    {"force", no_argument, nullptr, kOptForce},
    {"skip-migrations", no_argument, nullptr, kOptSkipMigrations},
    {"dry-run", no_argument, nullptr, kOptDryRun},
    {"all", no_argument, nullptr, kOptAll},
    {"deploy", no_argument, nullptr, kOptDeploy},
    {"max-parallel", required_argument, nullptr, kOptMaxParallel},
    {"no-block", no_argument, nullptr, kOptNoBlock},
    {"check", no_argument, nullptr, kOptCheck},
    {nullptr, 0, nullptr, 0},
};

const VerbInfo* verb_from_name(const std::string& name) {
  for (const auto& v : kVerbs)
    if (name == v.name) return &v;
  return nullptr;
}

// The option getopt just stumbled on, as the user typed it.
std::string offending_option(char* const* argv) {
  const char* arg = argv[optind - 1];
  if (strncmp(arg, "--", 2) == 0) return printable(std::string(arg, strcspn(arg, "=")));
  return std::string("-") + static_cast<char>(optopt);
}

// A whole number of at most 9 digits, from min to max.
bool parse_count(const char* text, unsigned long min, unsigned long max, uint32_t& out) {
  if (*text == '\0' || strspn(text, "0123456789") != strlen(text) || strlen(text) > 9) return false;
  unsigned long n = strtoul(text, nullptr, 10);
  if (n < min || n > max) return false;
  out = static_cast<uint32_t>(n);
  return true;
}

bool parse_log_format(const char* text, LogFormat& out) {
  if (strcmp(text, "short") == 0) out = LogFormat::Short;
  else if (strcmp(text, "cat") == 0) out = LogFormat::Cat;
  else if (strcmp(text, "json") == 0) out = LogFormat::Json;
  else return false;
  return true;
}

std::string check_unit_args(const Options& o) {
  for (const auto& arg : o.units) {
    std::string problem = o.verb == Verb::Status && is_unit_pattern(arg)
                              ? unit_pattern_problem(arg)
                              : unit_name_problem(arg);
    if (!problem.empty())
      return strprintf(_("invalid unit name '%s': %s"), printable(arg).c_str(), problem.c_str());
  }
  return {};
}

// Takes the app name and what may follow it; hoistd checks the names further.
std::string take_app(Options& o, const std::vector<std::string>& args, std::string* second) {
  o.app = args.front();
  if (second && args.size() > 1) *second = args[1];
  return o.app.empty() ? _("the app name is empty") : std::string();
}

// rollout: the apps named, or --all; not both, not neither.
std::string take_rollout_apps(Options& o, std::vector<std::string> args) {
  if (o.all && !args.empty()) return _("'rollout' takes app names or --all, not both");
  if (!o.all && args.empty()) return _("'rollout' needs app names or --all");
  for (const auto& app : args)
    if (app.empty()) return _("the app name is empty");
  o.apps = std::move(args);
  return {};
}

// Moves the verb's operands into o; the problem if they do not fit.
std::string take_operands(Options& o, Operands operands, std::vector<std::string> args) {
  const char* name = verb_name(o.verb);
  switch (operands) {
    case Operands::UnitsOrNone:
      if (args.empty()) {
        o.verb = Verb::ReloadConfig;
        return {};
      }
      [[fallthrough]];
    case Operands::Units:
      if (args.empty()) return strprintf(_("'%s' needs at least one unit name"), name);
      [[fallthrough]];
    case Operands::UnitsOrPatterns:
      o.units = std::move(args);
      return check_unit_args(o);
    case Operands::OneUnit:
      if (args.size() != 1) return _("'logs' needs exactly one unit name");
      o.units = std::move(args);
      return check_unit_args(o);
    case Operands::None:
      return args.empty() ? std::string() : strprintf(_("'%s' takes no arguments"), name);
    case Operands::App:
      if (args.size() != 1) return strprintf(_("'%s' needs exactly one app name"), name);
      return take_app(o, args, nullptr);
    case Operands::AppAndRevision:
      if (args.empty() || args.size() > 2)
        return _("'deploy' needs an app name and at most one revision");
      return take_app(o, args, &o.revision);
    case Operands::AppAndRelease:
      if (args.empty() || args.size() > 2)
        return _("'rollback' needs an app name and at most one release");
      return take_app(o, args, &o.release);
    case Operands::DeployId:
      if (args.size() != 1) return _("'deploy-status' needs exactly one deploy id");
      o.deploy_id = args.front();
      return o.deploy_id.empty() ? _("the deploy id is empty") : std::string();
    case Operands::AppsOrAll:
      return take_rollout_apps(o, std::move(args));
    case Operands::RolloutId:
      if (args.size() != 1) return strprintf(_("'%s' needs exactly one rollout id"), name);
      o.rollout_id = args.front();
      return o.rollout_id.empty() ? _("the rollout id is empty") : std::string();
  }
  return {};
}

// An option seen on the command line that only some verbs take.
struct ScopedOption {
  const OptionScope* scope;
  const char* option;  // as named in messages, "-n/--lines"
};

std::string check_scopes(const Options& o, const std::vector<ScopedOption>& seen) {
  for (const auto& s : seen)
    if (!s.scope->allows(o.verb))
      return strprintf(_(s.scope->message), s.option);
  if (o.dry_run && o.wait)
    return strprintf(_("options '%s' and '%s' cannot be combined"), "--dry-run", "--wait");
  if (o.dry_run && o.no_block)
    return strprintf(_("options '%s' and '%s' cannot be combined"), "--dry-run", "--no-block");
  if (o.check && o.no_block)
    return strprintf(_("options '%s' and '%s' cannot be combined"), "--check", "--no-block");
  return {};
}

}  // namespace

const char* verb_name(Verb verb) {
  for (const auto& v : kVerbs)
    if (v.verb == verb) return v.name;
  return "";
}

bool is_unit_pattern(const std::string& arg) {
  return arg.find_first_of("*?[") != std::string::npos;
}

ParseResult parse_args(int argc, char* const* argv) {
  ParseResult res;
  Options& o = res.options;
  std::vector<ScopedOption> scoped;  // in the order typed, for errors
  std::vector<std::string> positional;
  // The first bad option is the error; the rest is still read for the verb.
  auto option_error = [&res](std::string error) {
    if (res.error.empty()) res.error = std::move(error);
  };

  optind = 0;  // full re-initialisation of GNU getopt (parse_args may run again)
  opterr = 0;  // errors are reported below, translated
  int c;
  while ((c = getopt_long(argc, argv, kShortOptions, kLongOptions, nullptr)) != -1) {
    switch (c) {
      case 1:
        positional.emplace_back(optarg);
        break;
      case 'h':
        o.help = true;
        break;
      case kOptVersion:
        o.version = true;
        break;
      case kOptJson:
        o.json = true;
        break;
      case kOptUser:
        o.user = true;
        break;
      case kOptNoAskPassword:
        o.ask_password = false;
        break;
      case 'n':
        scoped.push_back({&kLinesScope, "-n/--lines"});
        if (!parse_count(optarg, 0, kMaxLogLines, o.lines)) {
          option_error(strprintf(_("invalid number of lines '%s': expected a number from 0 to %u"),
                                 printable(optarg).c_str(), kMaxLogLines));
        }
        break;
      case 'f':
        scoped.push_back({&kLogsScope, "-f/--follow"});
        o.follow = true;
        break;
      case 'o':
        scoped.push_back({&kLogsScope, "-o/--output"});
        if (!parse_log_format(optarg, o.log_format)) {
          option_error(strprintf(_("unknown output format '%s': expected short, cat or json"),
                                 printable(optarg).c_str()));
        }
        break;
      case kOptWait:
        scoped.push_back({&kWaitScope, "--wait"});
        o.wait = true;
        break;
      case kOptForce:
        scoped.push_back({&kDeployScope, "--force"});
        o.force = true;
        break;
      case kOptSkipMigrations:
        scoped.push_back({&kDeployScope, "--skip-migrations"});
        o.skip_migrations = true;
        break;
      case kOptDryRun:
        scoped.push_back({&kDryRunScope, "--dry-run"});
        o.dry_run = true;
        break;
      case kOptAll:
        scoped.push_back({&kRolloutScope, "--all"});
        o.all = true;
        break;
      case kOptDeploy:
        scoped.push_back({&kRolloutScope, "--deploy"});
        o.deploy = true;
        break;
      case kOptMaxParallel:
        scoped.push_back({&kRolloutScope, "--max-parallel"});
        if (!parse_count(optarg, 1, 999999999, o.max_parallel)) {
          option_error(strprintf(
              _("invalid number of apps '%s' for '%s': expected a whole number of at least 1"),
              printable(optarg).c_str(), "--max-parallel"));
        }
        break;
      case kOptNoBlock:
        scoped.push_back({&kNoBlockScope, "--no-block"});
        o.no_block = true;
        break;
      case kOptCheck:
        scoped.push_back({&kSelfUpdateScope, "--check"});
        o.check = true;
        break;
      case ':':
        option_error(strprintf(_("option '%s' needs an argument"), offending_option(argv).c_str()));
        break;
      default: {
        std::string option = offending_option(argv);
        bool long_option_with_value = option.starts_with("--") && optopt != 0;
        option_error(long_option_with_value
                         ? strprintf(_("option '%s' takes no argument"), option.c_str())
                         : strprintf(_("unknown option '%s'"), option.c_str()));
        break;
      }
    }
  }
  for (int i = optind; i < argc; i++) positional.emplace_back(argv[i]);  // after "--"

  if (!res.error.empty()) {
    if (const VerbInfo* verb = positional.empty() ? nullptr : verb_from_name(positional.front()))
      o.verb = verb->verb;
    return res;
  }
  if (o.help || o.version) return res;
  if (positional.empty()) {
    res.error = _("no command given");
    return res;
  }
  const VerbInfo* verb = verb_from_name(positional.front());
  if (!verb) {
    res.error = strprintf(_("unknown command '%s'"), printable(positional.front()).c_str());
    return res;
  }
  o.verb = verb->verb;
  res.error = check_scopes(o, scoped);
  if (res.error.empty())
    res.error =
        take_operands(o, verb->operands,
                      std::vector<std::string>(std::next(positional.begin()), positional.end()));
  return res;
}

}  // namespace hoist::ctl
