#pragma once
// Untrusted event text made safe to show: no bidirectional controls that reorder what the user reads
// (U+202E turns "gpj.exe" into "exe.jpg"), and binary bytes shown as hex rather than mojibake.

#include <string_view>

#include <QString>

namespace gs {

/** `text` with each bidirectional control character (U+061C, U+200E/F, U+202A-E, U+2066-9) shown as ⟨U+XXXX⟩. */
[[nodiscard]] QString neutralizeBidi(QString text);

/** One line of at most `maxChars` for the events table: text, or "binary: 00 01 ff …" when not UTF-8. */
[[nodiscard]] QString previewLine(std::string_view payload, int maxChars = 100);

} // namespace gs
