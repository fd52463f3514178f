#include "ctl/args.hh"

#include <getopt.h>

#include <cstdlib>
#include <cstring>
#include <iterator>

#include "common/unit_name.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

struct VerbName {
  Verb verb;
  const char* name;
};

constexpr VerbName kVerbNames[] = {
    {Verb::Status, "status"},
    {Verb::Start, "start"},
    {Verb::Stop, "stop"},
    {Verb::Restart, "restart"},
    {Verb::Reload, "reload"},
    {Verb::ReloadOrRestart, "reload-or-restart"},
    {Verb::TryRestart, "try-restart"},
    {Verb::Logs, "logs"},
    {Verb::DaemonReload, "daemon-reload"},
};

enum LongOnly : int { kOptVersion = 0x100, kOptJson, kOptUser, kOptNoAskPassword };

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
    {nullptr, 0, nullptr, 0},
};

Verb verb_from_name(const std::string& name) {
  for (const auto& v : kVerbNames)
    if (name == v.name) return v.verb;
  return Verb::None;
}

bool is_unit_job_verb(Verb verb) {
  switch (verb) {
    case Verb::Start:
    case Verb::Stop:
    case Verb::Restart:
    case Verb::Reload:
    case Verb::ReloadOrRestart:
    case Verb::TryRestart:
      return true;
    default:
      return false;
  }
}

// The option getopt just stumbled on, as the user typed it.
std::string offending_option(char* const* argv) {
  const char* arg = argv[optind - 1];
  if (strncmp(arg, "--", 2) == 0) return printable(std::string(arg, strcspn(arg, "=")));
  return std::string("-") + static_cast<char>(optopt);
}

bool parse_lines(const char* text, uint32_t& out) {
  if (*text == '\0' || strspn(text, "0123456789") != strlen(text) || strlen(text) > 9) return false;
  unsigned long n = strtoul(text, nullptr, 10);
  if (n > kMaxLogLines) return false;
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

// Argument counts and per-verb options, once the verb is known.
std::string check_verb(const Options& o, const char* logs_only_option) {
  if (o.verb == Verb::None) return _("no command given");
  const char* name = verb_name(o.verb);
  if (o.verb != Verb::Logs && logs_only_option)
    return strprintf(_("option '%s' is only valid with 'logs'"), logs_only_option);
  if (is_unit_job_verb(o.verb) && o.units.empty())
    return strprintf(_("'%s' needs at least one unit name"), name);
  if (o.verb == Verb::Logs && o.units.size() != 1)
    return _("'logs' needs exactly one unit name");
  if (o.verb == Verb::DaemonReload && !o.units.empty())
    return _("'daemon-reload' takes no arguments");
  return check_unit_args(o);
}

}  // namespace

const char* verb_name(Verb verb) {
  for (const auto& v : kVerbNames)
    if (v.verb == verb) return v.name;
  return "";
}

bool is_unit_pattern(const std::string& arg) {
  return arg.find_first_of("*?[") != std::string::npos;
}

ParseResult parse_args(int argc, char* const* argv) {
  ParseResult res;
  Options& o = res.options;
  const char* logs_only_option = nullptr;  // the first -n/-f/-o seen, for errors
  std::vector<std::string> positional;

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
        logs_only_option = logs_only_option ? logs_only_option : "-n/--lines";
        if (!parse_lines(optarg, o.lines)) {
          res.error = strprintf(_("invalid number of lines '%s': expected a number from 0 to %u"),
                                printable(optarg).c_str(), kMaxLogLines);
          return res;
        }
        break;
      case 'f':
        logs_only_option = logs_only_option ? logs_only_option : "-f/--follow";
        o.follow = true;
        break;
      case 'o':
        logs_only_option = logs_only_option ? logs_only_option : "-o/--output";
        if (!parse_log_format(optarg, o.log_format)) {
          res.error = strprintf(_("unknown output format '%s': expected short, cat or json"),
                                printable(optarg).c_str());
          return res;
        }
        break;
      case ':':
        res.error = strprintf(_("option '%s' needs an argument"), offending_option(argv).c_str());
        return res;
      default: {
        std::string option = offending_option(argv);
        bool long_option_with_value = option.starts_with("--") && optopt != 0;
        res.error = long_option_with_value
                        ? strprintf(_("option '%s' takes no argument"), option.c_str())
                        : strprintf(_("unknown option '%s'"), option.c_str());
        return res;
      }
    }
  }
  for (int i = optind; i < argc; i++) positional.emplace_back(argv[i]);  // after "--"

  if (o.help || o.version) return res;
  if (!positional.empty()) {
    o.verb = verb_from_name(positional.front());
    if (o.verb == Verb::None) {
      res.error = strprintf(_("unknown command '%s'"), printable(positional.front()).c_str());
      return res;
    }
    o.units.assign(std::next(positional.begin()), positional.end());
  }
  res.error = check_verb(o, logs_only_option);
  return res;
}

}  // namespace hoist::ctl
