#include "load_stats.hh"

#include <glib.h>

#include <algorithm>
#include <bit>
#include <cmath>

namespace hoist::load {
namespace {

// Values below kExact µs get a bucket each; above, each power of two is
// split into kSub buckets (so a bucket is less than 1/kSub of its values).
constexpr uint64_t kExact = 256;
constexpr uint64_t kSub = 128;
// Nobody waits 2^50 µs (35 years); larger values are counted as that.
constexpr uint64_t kCeiling = uint64_t{1} << 50;

std::string ms(uint64_t usec) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.3f", static_cast<double>(usec) / 1000.0);
  return buf;
}

std::string fixed(double v, const char* format) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, format, v);
  return buf;
}

std::string json_counts(const TopCounts& c) {
  std::string out = "{";
  for (const auto& kv : c.counts()) {
    if (out.size() > 1) out += ",";
    out += json_string(kv.first) + ":" + std::to_string(kv.second);
  }
  return out + "}";
}

void text_counts(std::string& out, const char* title, const TopCounts& c) {
  if (c.counts().empty()) return;
  out += std::string("  ") + title + ":\n";
  for (const auto& kv : c.counts()) {
    std::string n = std::to_string(kv.second);
    out += "    " + std::string(n.size() < 8 ? 8 - n.size() : 0, ' ') + n + "  " + kv.first + "\n";
  }
  if (c.other()) out += "    (" + std::to_string(c.other()) + " more, not told apart)\n";
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

size_t LatencyHistogram::bucket_of(uint64_t usec) {
  usec = std::min(usec, kCeiling);
  if (usec < kExact) return static_cast<size_t>(usec);
  unsigned shift = static_cast<unsigned>(std::bit_width(usec)) - 8;  // usec >> shift is 128..255
  uint64_t top = usec >> shift;
  return static_cast<size_t>(kExact + (shift - 1) * kSub + (top - kSub));
}

uint64_t LatencyHistogram::bucket_upper(size_t bucket) {
  if (bucket < kExact) return bucket;
  uint64_t k = bucket - kExact;
  unsigned shift = static_cast<unsigned>(k / kSub) + 1;
  uint64_t top = k % kSub + kSub;
  return ((top + 1) << shift) - 1;
}

void LatencyHistogram::record(uint64_t usec) {
  size_t b = bucket_of(usec);
  if (b >= buckets_.size()) buckets_.resize(b + 1, 0);
  buckets_[b]++;
  count_++;
  max_ = std::max(max_, std::min(usec, kCeiling));
}

uint64_t LatencyHistogram::percentile_usec(double p) const {
  if (count_ == 0) return 0;
  auto rank = static_cast<uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_)));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  for (size_t b = 0; b < buckets_.size(); b++) {
    seen += buckets_[b];
    if (seen >= rank) return std::min(bucket_upper(b), max_);
  }
  return max_;
}

void TopCounts::add(const std::string& key) {
  auto it = counts_.find(key);
  if (it != counts_.end())
    it->second++;
  else if (counts_.size() < limit_)
    counts_.emplace(key, 1);
  else
    other_++;
}

std::string body_key(const char* data, size_t size) {
  std::string raw(data, size);
  std::replace(raw.begin(), raw.end(), '\0', ' ');
  char* valid = g_utf8_make_valid(raw.data(), static_cast<gssize>(raw.size()));
  std::string s = valid;
  g_free(valid);
  size_t begin = 0, end = s.size();
  while (begin < end && is_space(s[begin])) begin++;
  while (end > begin && is_space(s[end - 1])) end--;
  s = s.substr(begin, end - begin);
  constexpr size_t kMax = 100;
  if (s.size() <= kMax) return s;
  size_t cut = kMax - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) cut--;  // a character's start
  return s.substr(0, cut) + "...";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          g_snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

double ok_per_sec(const LoadSummary& s) {
  return s.duration_sec > 0 ? static_cast<double>(s.ok) / s.duration_sec : 0;
}

std::string summary_json(const LoadSummary& s) {
  const auto& l = s.latency;
  return "{\"requests\":" + std::to_string(s.requests) + ",\"ok\":" + std::to_string(s.ok) +
         ",\"failed\":" + std::to_string(s.failed) + ",\"max_latency_ms\":" + ms(l.max_usec()) +
         ",\"p50_latency_ms\":" + ms(l.percentile_usec(50)) + ",\"p99_latency_ms\":" + ms(l.percentile_usec(99)) +
         ",\"errors\":" + json_counts(s.errors) + ",\"bodies\":" + json_counts(s.bodies) +
         ",\"errors_other\":" + std::to_string(s.errors.other()) +
         ",\"bodies_other\":" + std::to_string(s.bodies.other()) + ",\"url\":" + json_string(s.url) +
         ",\"concurrency\":" + std::to_string(s.concurrency) + ",\"duration_s\":" + fixed(s.duration_sec, "%.3f") +
         ",\"method\":" + json_string(s.method) + ",\"ok_per_s\":" + fixed(ok_per_sec(s), "%.1f") + "}";
}

std::string summary_text(const LoadSummary& s) {
  const auto& l = s.latency;
  double rate = s.duration_sec > 0 ? static_cast<double>(s.requests) / s.duration_sec : 0;
  std::string out = std::to_string(s.requests) + " requests (" + s.method + ") to " + s.url + " from " +
                    std::to_string(s.concurrency) + " clients in " + fixed(s.duration_sec, "%.1f") + " s (" +
                    fixed(rate, "%.1f") + "/s)\n";
  out += "  ok       " + std::to_string(s.ok) + " (answered 2xx; " + fixed(ok_per_sec(s), "%.1f") + "/s)\n";
  out += "  failed   " + std::to_string(s.failed) + " (connection errors, timeouts, other answers)\n";
  out += "  latency  p50 " + ms(l.percentile_usec(50)) + " ms, p99 " + ms(l.percentile_usec(99)) + " ms, max " +
         ms(l.max_usec()) + " ms (of the 2xx answers)\n";
  text_counts(out, "errors", s.errors);
  text_counts(out, "bodies", s.bodies);
  return out;
}

}  // namespace hoist::load
