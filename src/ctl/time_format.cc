#include "ctl/time_format.hh"

#include <ctime>

#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

constexpr uint64_t kUsecPerMsec = 1000;
constexpr uint64_t kUsecPerSec = 1000 * kUsecPerMsec;
constexpr uint64_t kUsecPerMinute = 60 * kUsecPerSec;
constexpr uint64_t kUsecPerHour = 60 * kUsecPerMinute;
constexpr uint64_t kUsecPerDay = 24 * kUsecPerHour;
constexpr uint64_t kUsecPerWeek = 7 * kUsecPerDay;
constexpr uint64_t kUsecPerMonth = 2629800 * kUsecPerSec;  // 30.44 days, as systemd
constexpr uint64_t kUsecPerYear = 31557600 * kUsecPerSec;  // 365.25 days

using ull = unsigned long long;

/* TRANSLATORS: durations, used only inside "%s ago" and "in %s" */
std::string years(ull n) { return strprintf(ngettext("%llu year", "%llu years", n), n); }
std::string months(ull n) { return strprintf(ngettext("%llu month", "%llu months", n), n); }
std::string weeks(ull n) { return strprintf(ngettext("%llu week", "%llu weeks", n), n); }
std::string days(ull n) { return strprintf(ngettext("%llu day", "%llu days", n), n); }

std::string format_local(uint64_t usec, const char* strftime_format) {
  time_t t = static_cast<time_t>(usec / kUsecPerSec);
  struct tm tm {};
  if (!localtime_r(&t, &tm)) return "-";
  char buf[128];
  size_t n = strftime(buf, sizeof buf, strftime_format, &tm);
  return std::string(buf, n);
}

}  // namespace

uint64_t now_realtime_usec() {
  struct timespec ts {};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * kUsecPerSec +
         static_cast<uint64_t>(ts.tv_nsec) / 1000;
}

std::string format_timespan_coarse(uint64_t d) {
  if (d >= kUsecPerYear) return years(d / kUsecPerYear) + " " + months(d % kUsecPerYear / kUsecPerMonth);
  if (d >= kUsecPerMonth) return months(d / kUsecPerMonth) + " " + days(d % kUsecPerMonth / kUsecPerDay);
  if (d >= kUsecPerWeek) return weeks(d / kUsecPerWeek) + " " + days(d % kUsecPerWeek / kUsecPerDay);
  if (d >= 2 * kUsecPerDay) return days(d / kUsecPerDay);
  if (d >= 25 * kUsecPerHour)
    return days(1) + strprintf(" %lluh", static_cast<ull>((d - kUsecPerDay) / kUsecPerHour));
  if (d >= 6 * kUsecPerHour) return strprintf("%lluh", static_cast<ull>(d / kUsecPerHour));
  if (d >= kUsecPerHour)
    return strprintf("%lluh %llumin", static_cast<ull>(d / kUsecPerHour),
                     static_cast<ull>(d % kUsecPerHour / kUsecPerMinute));
  if (d >= 5 * kUsecPerMinute) return strprintf("%llumin", static_cast<ull>(d / kUsecPerMinute));
  if (d >= kUsecPerMinute)
    return strprintf("%llumin %llus", static_cast<ull>(d / kUsecPerMinute),
                     static_cast<ull>(d % kUsecPerMinute / kUsecPerSec));
  if (d >= kUsecPerSec) return strprintf("%llus", static_cast<ull>(d / kUsecPerSec));
  if (d >= kUsecPerMsec) return strprintf("%llums", static_cast<ull>(d / kUsecPerMsec));
  return strprintf("%lluus", static_cast<ull>(d));
}

std::string format_elapsed(uint64_t d) {
  if (d >= kUsecPerMinute) return format_timespan_coarse(d);
  return strprintf("%llu.%llus", static_cast<ull>(d / kUsecPerSec),
                   static_cast<ull>(d % kUsecPerSec / (kUsecPerSec / 10)));
}

std::string format_step_duration(uint64_t d) {
  if (d >= kUsecPerSec) return format_elapsed(d);
  return format_timespan_coarse(d);
}

std::string format_relative(uint64_t then_usec, uint64_t now_usec) {
  if (then_usec == now_usec) return _("now");
  if (then_usec > now_usec)
    /* TRANSLATORS: a point in the future, %s is a duration such as "2h 3min" */
    return strprintf(_("in %s"), format_timespan_coarse(then_usec - now_usec).c_str());
  /* TRANSLATORS: a point in the past, %s is a duration such as "2h 3min" */
  return strprintf(_("%s ago"), format_timespan_coarse(now_usec - then_usec).c_str());
}

std::string format_timestamp(uint64_t usec) { return format_local(usec, "%a %Y-%m-%d %H:%M:%S %Z"); }

std::string format_table_time(uint64_t usec) { return format_local(usec, "%Y-%m-%d %H:%M:%S"); }

std::string format_short_time(uint64_t usec) { return format_local(usec, "%b %d %H:%M:%S"); }

}  // namespace hoist::ctl
