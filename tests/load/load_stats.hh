// What hoist-load counts, and its summary as text or as one JSON object.
// Pure: no I/O, for the unit tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hoist::load {

// Latencies in microseconds, in bounded memory whatever the request count:
// exact below 256 µs, above that in buckets less than 1 % wide. The maximum
// is kept exactly.
class LatencyHistogram {
 public:
  void record(uint64_t usec);
  uint64_t count() const { return count_; }
  uint64_t max_usec() const { return max_; }
  // The nearest-rank percentile p (0 < p <= 100): the upper end of the
  // bucket holding it, never above the maximum; 0 when nothing was recorded.
  uint64_t percentile_usec(double p) const;

  static size_t bucket_of(uint64_t usec);
  static uint64_t bucket_upper(size_t bucket);

 private:
  std::vector<uint64_t> buckets_;
  uint64_t count_ = 0;
  uint64_t max_ = 0;
};

// Counts per distinct string, for at most `limit` distinct strings (the first
// ones seen); the rest are counted together in other().
class TopCounts {
 public:
  explicit TopCounts(size_t limit = 10) : limit_(limit) {}
  void add(const std::string& key);
  const std::map<std::string, uint64_t>& counts() const { return counts_; }
  uint64_t other() const { return other_; }

 private:
  size_t limit_;
  std::map<std::string, uint64_t> counts_;
  uint64_t other_ = 0;
};

struct LoadSummary {
  std::string url;
  std::string method;
  unsigned concurrency = 0;
  double duration_sec = 0;  // from the first request to the last answer
  uint64_t requests = 0;    // finished requests: ok + failed
  uint64_t ok = 0;          // answered 2xx
  uint64_t failed = 0;      // connection errors, timeouts, non-2xx answers
  LatencyHistogram latency;  // of the requests answered 2xx
  TopCounts errors;          // why requests failed
  TopCounts bodies;          // body_key() of every answer, whatever its status
};

// A response body as a key of LoadSummary::bodies: valid UTF-8, white space
// trimmed at both ends, cut to at most 100 bytes (then ending in "...").
std::string body_key(const char* data, size_t size);

// s as a JSON string literal, quotes included (s must be valid UTF-8).
std::string json_string(const std::string& s);

// ok per second of duration_sec; 0 when duration_sec is 0.
double ok_per_sec(const LoadSummary& s);

// One line: {"requests", "ok", "failed", "max_latency_ms", "p50_latency_ms",
// "p99_latency_ms", "errors": {...}, "bodies": {...}, "errors_other",
// "bodies_other", "url", "concurrency", "duration_s", "method", "ok_per_s"}.
std::string summary_json(const LoadSummary& s);

// The same for people, several lines.
std::string summary_text(const LoadSummary& s);

}  // namespace hoist::load
