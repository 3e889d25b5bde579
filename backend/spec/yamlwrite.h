#pragma once
// Writing YAML people can trust: a canonical layout (2-space indentation, block style, one blank
// line kept where there were some) that keeps key order, unknown fields, anchors, tags and every
// comment; ConfigMap `data` values as literal block scalars that read back identically; and strings
// that a YAML 1.1 or 1.2 reader would take for a bool, number, null or date always quoted (PC-29).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "yamlnode.h"

namespace gs::yaml {

struct FormatOptions {
    int indent = 2;
    int flowWidth = 100; ///< flow collections written on one line up to this width stay flow
    bool dataAsBlocks = true; ///< ConfigMap data values as literal block scalars
};

/**
 * The canonical layout of every document of `text`, comments kept. Idempotent. Fails on invalid
 * YAML, and rather than drop a comment it cannot place (naming its line).
 */
[[nodiscard]] Result<std::string> format(std::string_view text, std::string_view origin, const FormatOptions &options = {});

/** Canonical text of documents built in code (no comments), separated by `---`. */
[[nodiscard]] std::string write(const std::vector<Node> &documents, const FormatOptions &options = {});

/**
 * A node written in block style as the value after "key:" at `indent` (the key's column): starts
 * with " " for a scalar or flow value, with "\n" for a block collection; ends with "\n".
 */
[[nodiscard]] std::string writeValue(const Node &node, int indent, const FormatOptions &options = {});

/** True if the plain scalar `text` reads as a string in YAML 1.1 and 1.2 alike (PC-29). */
[[nodiscard]] bool readsAsString(std::string_view text);

/** `value` as a plain scalar if that is safe (a string to every reader), else double-quoted; one line. */
[[nodiscard]] std::string stringScalar(std::string_view value, bool inFlow = false);

/** `value` double-quoted with YAML escapes. */
[[nodiscard]] std::string doubleQuoted(std::string_view value);

/** `value` single-quoted, or nullopt if it holds a line break or a control character. */
[[nodiscard]] std::optional<std::string> singleQuoted(std::string_view value);

/**
 * `value` as a literal block scalar whose content lines are indented by `indent` spaces: the
 * header ("|", "|-" or "|+", with an indentation indicator when needed), a line break, the lines.
 * nullopt when a literal block cannot hold it exactly (control characters, an empty value...);
 * every result is checked to read back as `value`.
 */
[[nodiscard]] std::optional<std::string> literalBlock(std::string_view value, int indent);

} // namespace gs::yaml
