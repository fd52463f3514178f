#include "common/log.hh"

#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace hoist::log {
namespace {

int max_priority = LOG_INFO;

// Whether stderr is the journal stream systemd connected (JOURNAL_STREAM=
// names its device and inode): then the journal entry is all; otherwise
// (a terminal, a pipe, a file) the message goes to stderr too.
bool stderr_is_journal() {
  static const bool is = [] {
    const char* e = getenv("JOURNAL_STREAM");
    unsigned long long dev = 0, ino = 0;
    struct stat st;
    return e && sscanf(e, "%llu:%llu", &dev, &ino) == 2 && fstat(STDERR_FILENO, &st) == 0 &&
           st.st_dev == dev && st.st_ino == ino;
  }();
  return is;
}

}  // namespace

void set_max_priority(int priority) { max_priority = priority; }

void write(int priority, std::string_view message, std::initializer_list<Field> fields) {
  if (priority > max_priority) return;
  std::vector<std::string> items;
  items.reserve(fields.size() + 3);
  items.push_back("MESSAGE=" + std::string(message));
  items.push_back("PRIORITY=" + std::to_string(priority));
  items.push_back("SYSLOG_IDENTIFIER=" + std::string(program_invocation_short_name));
  for (const auto& f : fields) items.push_back(std::string(f.name) + "=" + f.value);
  std::vector<iovec> iov;
  iov.reserve(items.size());
  for (auto& s : items) iov.push_back({s.data(), s.size()});
  int r = sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
  if (r < 0 || !stderr_is_journal())
    fprintf(stderr, "%s: %.*s\n", program_invocation_short_name, static_cast<int>(message.size()),
            message.data());
}

}  // namespace hoist::log
