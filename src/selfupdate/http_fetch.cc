#include "selfupdate/http_fetch.hh"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/daemon_version.hh"
#include "common/str_cat.hh"

namespace hoist {

struct HttpFetcher::Transfer {
  GObj<SoupMessage> message;
  GObj<GInputStream> stream;
  GCancellable* cancellable = nullptr;  // the fetcher's
  std::string url;
  uint64_t limit = 0;
  int fd = -1;  // download(): where the body goes; else into result.body
  Ptr<GChecksum, g_checksum_free> checksum;
  FetchResult result;
  FetchFn fn;

  void finish(std::string error = "") {
    result.error = std::move(error);
    if (checksum && result.error.empty()) result.sha256 = g_checksum_get_string(checksum.get());
    if (stream) g_input_stream_close_async(stream.get(), G_PRIORITY_DEFAULT, nullptr, nullptr, nullptr);
    FetchFn done = std::move(fn);
    fn = nullptr;
    if (done) done(std::move(result));
  }
};

namespace {

constexpr gsize kChunk = 64 * 1024;

bool cancelled(const GError* e) { return g_error_matches(e, G_IO_ERROR, G_IO_ERROR_CANCELLED); }

}  // namespace

HttpFetcher::HttpFetcher(unsigned timeout_sec)
    : session_(soup_session_new_with_options("user-agent", str_cat({"hoist/", daemon_version()}).c_str(),
                                             "timeout", timeout_sec, nullptr)),
      cancellable_(g_cancellable_new()) {}

HttpFetcher::~HttpFetcher() { g_cancellable_cancel(cancellable_.get()); }

void HttpFetcher::get_text(const std::string& url, const std::string& etag, const char* accept, size_t limit,
                           FetchFn fn) {
  auto t = std::make_shared<Transfer>();
  t->url = url;
  t->limit = limit;
  t->fn = std::move(fn);
  t->message.reset(soup_message_new("GET", url.c_str()));
  if (t->message) {
    SoupMessageHeaders* h = soup_message_get_request_headers(t->message.get());
    if (accept) soup_message_headers_replace(h, "Accept", accept);
    if (!etag.empty()) soup_message_headers_replace(h, "If-None-Match", etag.c_str());
  }
  start(std::move(t));
}

void HttpFetcher::download(const std::string& url, int fd, uint64_t limit, FetchFn fn) {
  auto t = std::make_shared<Transfer>();
  t->url = url;
  t->limit = limit;
  t->fd = fd;
  t->checksum.reset(g_checksum_new(G_CHECKSUM_SHA256));
  t->fn = std::move(fn);
  t->message.reset(soup_message_new("GET", url.c_str()));
  if (t->message)
    soup_message_headers_replace(soup_message_get_request_headers(t->message.get()), "Accept",
                                 "application/octet-stream");
  start(std::move(t));
}

// The transfer an async callback's data holds (see start() and read_next()).
static std::shared_ptr<HttpFetcher::Transfer> take(gpointer data) {
  const std::unique_ptr<std::shared_ptr<HttpFetcher::Transfer>> held(
      static_cast<std::shared_ptr<HttpFetcher::Transfer>*>(data));
  return std::move(*held);
}

void HttpFetcher::start(std::shared_ptr<Transfer> job) {
  if (!job->message) return job->finish(str_cat({"\"", job->url, "\" is not a URL hoist can fetch"}));
  job->cancellable = cancellable_.get();
  SoupMessage* message = job->message.get();  // before job moves into the callback's data
  soup_session_send_async(
      session_.get(), message, G_PRIORITY_DEFAULT, cancellable_.get(),
      [](GObject* source, GAsyncResult* res, gpointer data) {
        std::shared_ptr<Transfer> t = take(data);
        GError* e = nullptr;
        t->stream.reset(soup_session_send_finish(SOUP_SESSION(source), res, &e));
        const GErrorPtr error(e);
        if (cancelled(e)) return;
        if (!t->stream) return t->finish(str_cat({"GET ", t->url, ": ", e->message}));
        SoupMessage* m = t->message.get();
        t->result.status = soup_message_get_status(m);
        const char* etag = soup_message_headers_get_one(soup_message_get_response_headers(m), "ETag");
        t->result.etag = etag ? etag : "";
        if (t->result.status == SOUP_STATUS_NOT_MODIFIED) return t->finish();
        if (!SOUP_STATUS_IS_SUCCESSFUL(t->result.status))
          return t->finish(str_cat({"GET ", t->url, ": ", std::to_string(t->result.status), " ",
                                    soup_message_get_reason_phrase(m)}));
        read_next(std::move(t));
      },
      new std::shared_ptr<Transfer>(std::move(job)));
}

void HttpFetcher::read_next(std::shared_ptr<Transfer> job) {
  GInputStream* stream = job->stream.get();
  GCancellable* cancellable = job->cancellable;
  g_input_stream_read_bytes_async(
      stream, kChunk, G_PRIORITY_DEFAULT, cancellable,
      [](GObject* source, GAsyncResult* res, gpointer data) {
        std::shared_ptr<Transfer> t = take(data);
        GError* e = nullptr;
        const GBytesPtr bytes(g_input_stream_read_bytes_finish(G_INPUT_STREAM(source), res, &e));
        const GErrorPtr error(e);
        if (cancelled(e)) return;
        if (!bytes) return t->finish(str_cat({"GET ", t->url, ": ", e->message}));
        gsize n = 0;
        const auto* p = static_cast<const char*>(g_bytes_get_data(bytes.get(), &n));
        if (n == 0) return t->finish();
        if (t->result.size + n > t->limit)
          return t->finish(str_cat({"GET ", t->url, ": larger than ", std::to_string(t->limit), " bytes"}));
        t->result.size += n;
        if (t->checksum) g_checksum_update(t->checksum.get(), reinterpret_cast<const guchar*>(p), static_cast<gssize>(n));
        if (t->fd < 0) {
          t->result.body.append(p, n);
        } else {
          for (gsize done = 0; done < n;) {
            ssize_t w = write(t->fd, p + done, n - done);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) return t->finish(str_cat({"writing the download of ", t->url, ": ", strerror(errno)}));
            done += static_cast<gsize>(w);
          }
        }
        read_next(std::move(t));
      },
      new std::shared_ptr<Transfer>(std::move(job)));
}

}  // namespace hoist
