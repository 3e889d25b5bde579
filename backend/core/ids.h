#pragma once
// Identifiers: event-source ids (v0.10: FNV-1a 32 of key + value, decimal) and random UUIDs.

#include <cstdint>
#include <string>
#include <string_view>

namespace gs {

/** FNV-1a, 32 bit. */
[[nodiscard]] std::uint32_t fnv1a32(std::string_view data, std::uint32_t hash = 2166136261u);

/** The v0.10 event-source id: decimal FNV-1a 32 of key followed by value (no separator). */
[[nodiscard]] std::string eventSourceId(std::string_view key, std::string_view value);

/** A random (version 4) UUID in canonical lower-case text form, 36 characters. */
[[nodiscard]] std::string newUuid();

/** Lower-case hex of each byte of `text` (Go's %x on a string): 36-char UUID -> 72 hex digits. */
[[nodiscard]] std::string hexOfText(std::string_view text);

} // namespace gs
