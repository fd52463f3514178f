// Answers of the HTTP API: JSON bodies, JSON errors {"error": CODE,
// "message": ...}, and the read-only method check.
#pragma once

#include <libsoup/soup.h>

#include <string>

namespace hoist {

void respond(SoupServerMessage* msg, guint status, const std::string& body);
void respond_error(SoupServerMessage* msg, guint status, const char* code,
                   const std::string& message);
// GET or HEAD.
bool is_read_method(SoupServerMessage* msg);
// 405 with "Allow: GET, HEAD".
void method_not_allowed(SoupServerMessage* msg);

}  // namespace hoist
