// Ptr aliases for libsystemd handles.
#pragma once

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>
#include <systemd/sd-journal.h>

#include "common/raii.hh"

namespace hoist {

using BusPtr = Ptr<sd_bus, sd_bus_flush_close_unref>;
using BusSlotPtr = Ptr<sd_bus_slot, sd_bus_slot_unref>;
using BusMessagePtr = Ptr<sd_bus_message, sd_bus_message_unref>;
using BusCredsPtr = Ptr<sd_bus_creds, sd_bus_creds_unref>;
using EventPtr = Ptr<sd_event, sd_event_unref>;
using EventSourcePtr = Ptr<sd_event_source, sd_event_source_disable_unref>;
using JournalPtr = Ptr<sd_journal, sd_journal_close>;

// sd_bus_error cleared on scope exit.
struct BusError {
  sd_bus_error e = {};  // SD_BUS_ERROR_NULL is a C compound literal
  BusError() = default;
  BusError(const BusError&) = delete;
  BusError& operator=(const BusError&) = delete;
  ~BusError() { sd_bus_error_free(&e); }
  sd_bus_error* operator&() noexcept { return &e; }
  const char* name() const noexcept { return e.name ? e.name : ""; }
  const char* message() const noexcept { return e.message ? e.message : ""; }
  bool is_set() const noexcept { return sd_bus_error_is_set(&e); }
};

}  // namespace hoist
