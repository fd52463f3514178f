// Test helper for the self-update's HTTP: a libsoup server on loopback in
// this process that answers GETs from a table of paths (with ETag and
// If-None-Match).
#pragma once

#include <gtest/gtest.h>
#include <libsoup/soup.h>

#include <map>
#include <string>
#include <vector>

#include "loopback_server.hh"

namespace hoist::testing {

class FileServer {
 public:
  struct File {
    std::string body;
    std::string etag;  // sent as ETag; a matching If-None-Match gets 304
    unsigned status = 200;
  };
  struct Request {
    std::string path;
    std::string accept;
    std::string if_none_match;
  };

  std::map<std::string, File> files;  // by path ("/x"); others get 404
  std::vector<Request> requests;

  FileServer() {
    soup_server_add_handler(server_.get(), nullptr, on_request, this, nullptr);
    base_ = listen_on_loopback(server_.get());
  }

  // "http://127.0.0.1:PORT" + path
  std::string url(const std::string& path) const { return base_ + path; }

 private:
  static void on_request(SoupServer*, SoupServerMessage* msg, const char* path, GHashTable*, gpointer data) {
    auto* self = static_cast<FileServer*>(data);
    SoupMessageHeaders* in = soup_server_message_get_request_headers(msg);
    auto header = [in](const char* name) {
      const char* v = soup_message_headers_get_one(in, name);
      return std::string(v ? v : "");
    };
    self->requests.push_back({path, header("Accept"), header("If-None-Match")});
    const auto it = self->files.find(path);
    if (it == self->files.end()) return soup_server_message_set_status(msg, 404, nullptr);
    const File& f = it->second;
    if (!f.etag.empty()) {
      soup_message_headers_replace(soup_server_message_get_response_headers(msg), "ETag", f.etag.c_str());
      if (header("If-None-Match") == f.etag) return soup_server_message_set_status(msg, 304, nullptr);
    }
    soup_server_message_set_status(msg, f.status, nullptr);
    soup_server_message_set_response(msg, "application/octet-stream", SOUP_MEMORY_COPY, f.body.data(), f.body.size());
  }

  GObj<SoupServer> server_{soup_server_new(nullptr, nullptr)};
  std::string base_;
};

}  // namespace hoist::testing
