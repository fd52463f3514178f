// Test helpers for code that speaks HTTP from the main loop: a libsoup
// server in this process on a free loopback port, and running the main
// loop until a condition holds.
#pragma once

#include <gtest/gtest.h>
#include <libsoup/soup.h>

#include <functional>
#include <string>

#include "common/glib_ptr.hh"

namespace hoist::testing {

// Makes server listen on 127.0.0.1 (a free port); its base URL
// ("http://127.0.0.1:PORT", no trailing '/').
inline std::string listen_on_loopback(SoupServer* server) {
  EXPECT_TRUE(soup_server_listen_local(server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, nullptr));
  GSList* uris = soup_server_get_uris(server);
  if (!uris) return "";
  const GCharPtr s(g_uri_to_string(static_cast<GUri*>(uris->data)));
  std::string base = s.get();
  if (!base.empty() && base.back() == '/') base.pop_back();
  g_slist_free_full(uris, reinterpret_cast<GDestroyNotify>(g_uri_unref));
  return base;
}

// Runs the default main context until done() or 10 s have passed.
inline bool run_until(const std::function<bool()>& done) {
  const gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
  while (!done() && g_get_monotonic_time() < deadline) g_main_context_iteration(nullptr, TRUE);
  return done();
}

// Dispatches what is ready in the default main context (a bounded number
// of rounds), to see that something does not happen.
inline void run_pending() {
  for (int i = 0; i < 100 && g_main_context_pending(nullptr); i++) g_main_context_iteration(nullptr, FALSE);
}

}  // namespace hoist::testing
