// The HTTP GETs of self-update (libsoup): a document into memory (the
// release JSON, the checksum file and its signature) with If-None-Match,
// and a release archive to disk with its SHA-256 (GChecksum) computed as it
// arrives. Each with a size limit (reading stops there) and a timeout.
#pragma once

#include <libsoup/soup.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/glib_ptr.hh"

namespace hoist {

struct FetchResult {
  unsigned status = 0;    // HTTP status (304: not modified); 0 when no answer
  std::string body;       // get_text(): the body
  std::string etag;       // the answer's ETag
  std::string sha256;     // download(): the body's SHA-256, lower-case hex
  uint64_t size = 0;      // bytes received
  std::string error;      // "" when status is 2xx or 304
};

using FetchFn = std::function<void(FetchResult)>;

class HttpFetcher {
 public:
  explicit HttpFetcher(unsigned timeout_sec = 30);
  ~HttpFetcher();  // cancels what is in flight; no callback runs after
  HttpFetcher(const HttpFetcher&) = delete;
  HttpFetcher& operator=(const HttpFetcher&) = delete;

  // GET url into memory (at most limit bytes), sending If-None-Match: etag
  // when etag is not empty and accept as Accept.
  void get_text(const std::string& url, const std::string& etag, const char* accept, size_t limit, FetchFn fn);
  // GET url into fd (at most limit bytes), hashing it.
  void download(const std::string& url, int fd, uint64_t limit, FetchFn fn);

  struct Transfer;

 private:
  void start(std::shared_ptr<Transfer> t);
  static void read_next(std::shared_ptr<Transfer> t);

  GObj<SoupSession> session_;
  GObj<GCancellable> cancellable_;
};

}  // namespace hoist
