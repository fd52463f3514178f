// The words of each notification: what people read in chat about an event,
// as rich text that each platform renders in its own markup. The failed
// step's output is not part of it: notify_payload.cc adds as much of its end
// as the platform's limit leaves room for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "notify/notify_event.hh"
#include "notify/rich_text.hh"

namespace hoist {

// The headline of event and its details (a push's commit message).
RichText notification_text(const NotifyEvent& event);

// Whether event's message shows the step output (deploy-failed, rolled-back).
bool notification_shows_output(const NotifyEvent& event);

// The first 7 digits of a full commit id; other revisions (ref names,
// abbreviated ids) as they are.
std::string short_revision(std::string_view revision);

// "acme/api" for "https://git.example.com/acme/api.git" or
// "git@host:acme/api.git"; a name such as "acme/api" as it is.
std::string repository_display_name(std::string_view repository);

// "850ms", "12s", "1min 23s", "2h 5min".
std::string format_duration(uint64_t usec);

}  // namespace hoist
