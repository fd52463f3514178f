// Ptr aliases for the GLib, GIO, json-glib and libsoup handles hoist holds.
#pragma once

#include <gio/gio.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "common/raii.hh"

namespace hoist {

template <class T>
using GObj = Ptr<T, g_object_unref>;
using GErrorPtr = Ptr<GError, g_error_free>;
using GCharPtr = Ptr<char, g_free>;
using GStrvPtr = Ptr<char*, g_strfreev>;
using GBytesPtr = Ptr<GBytes, g_bytes_unref>;
using GKeyFilePtr = Ptr<GKeyFile, g_key_file_unref>;
using GVariantPtr = Ptr<GVariant, g_variant_unref>;
using GMainLoopPtr = Ptr<GMainLoop, g_main_loop_unref>;
using GSourcePtr = Ptr<GSource, g_source_unref>;
using JsonNodePtr = Ptr<JsonNode, json_node_unref>;
using JsonBuilderPtr = GObj<JsonBuilder>;
using JsonParserPtr = GObj<JsonParser>;

}  // namespace hoist
