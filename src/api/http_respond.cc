#include "api/http_respond.hh"

#include "common/glib_ptr.hh"
#include "common/json.hh"

namespace hoist {

void respond(SoupServerMessage* msg, guint status, const std::string& body) {
  std::string text = body + "\n";
  soup_server_message_set_status(msg, status, nullptr);
  soup_server_message_set_response(msg, "application/json", SOUP_MEMORY_COPY, text.data(),
                                   text.size());
}

void respond_error(SoupServerMessage* msg, guint status, const char* code,
                   const std::string& message) {
  GObj<JsonBuilder> b(json_builder_new());
  json_builder_begin_object(b.get());
  json_builder_set_member_name(b.get(), "error");
  json_builder_add_string_value(b.get(), code);
  json_builder_set_member_name(b.get(), "message");
  json_builder_add_string_value(b.get(), message.c_str());
  json_builder_end_object(b.get());
  respond(msg, status, json_builder_to_string(b.get()));
}

bool is_read_method(SoupServerMessage* msg) {
  const char* m = soup_server_message_get_method(msg);
  return g_str_equal(m, SOUP_METHOD_GET) || g_str_equal(m, SOUP_METHOD_HEAD);
}

void method_not_allowed(SoupServerMessage* msg) {
  soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Allow", "GET, HEAD");
  respond_error(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed",
                std::string("Method ") + soup_server_message_get_method(msg) +
                    " is not allowed here; use GET");
}

}  // namespace hoist
