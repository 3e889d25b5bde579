#pragma once
// Safe YAML loading: libyaml checks the syntax first (yaml-cpp 0.7 can loop forever on input such
// as ","), then yaml-cpp builds the nodes. Every error names the file, line and column.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/result.h"

namespace gs::yaml {

/** Inputs larger than this are refused before parsing. */
inline constexpr std::size_t kMaxInputBytes = 32 * 1024 * 1024;

/** One non-empty document of a (multi-document) stream. */
struct Document {
    YAML::Node root;
    int line = 1; ///< 1-based line where the document's content starts
};

/**
 * Parses every document of `text`; empty documents (`---` alone, a trailing `---`) are skipped.
 * `origin` (a file name or "<name>") prefixes error locations.
 */
[[nodiscard]] Result<std::vector<Document>> parseDocuments(std::string_view text, std::string_view origin);

/** Parses exactly one document; an empty input gives a Null node. */
[[nodiscard]] Result<YAML::Node> parseSingle(std::string_view text, std::string_view origin);

/** Reads a whole file (size-limited), with a clear error naming the file. */
[[nodiscard]] Result<std::string> readFile(const std::string &path);

/** "file:line:col" for a node (1-based), or just the origin when the node has no mark. */
[[nodiscard]] std::string location(std::string_view origin, const YAML::Node &node, int lineOffset = 0);

/** What a plain scalar means to a YAML 1.1 reader (kubectl, go-yaml v2, Argo's ghodss/yaml). */
enum class Plain11 { String, Null, Bool, Int, Float };
[[nodiscard]] Plain11 classifyPlain11(std::string_view scalar);

/** The kind of a node for error messages: "a mapping", "a sequence", "a string", "null". */
[[nodiscard]] std::string describe(const YAML::Node &node);

/** True if the scalar was written without quotes (so YAML typing rules apply to it). */
[[nodiscard]] bool isPlain(const YAML::Node &node);

} // namespace gs::yaml
