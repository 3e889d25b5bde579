#pragma once
// Safe YAML loading with libyaml, the reference parser: it never hangs (yaml-cpp 0.7 loops forever
// on input such as ","), reports line and column, and gives every node a start and an end. Every
// error names the file, line and column.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "yamlnode.h"

namespace gs::yaml {

/** Inputs larger than this are refused before parsing. */
inline constexpr std::size_t kMaxInputBytes = 32 * 1024 * 1024;
/** Collections nested deeper than this are refused. */
inline constexpr std::size_t kMaxNesting = 256;

/** One document of a (multi-document) stream. */
struct Document {
    Node root; ///< undefined for an empty document
    int line = 1; ///< 1-based line where the document's content starts
    Mark start; ///< where the document starts (its `---` when explicit)
    Mark end; ///< where it ends (after its `...` when explicit)
    bool explicitStart = false;
};

/** Every document of `text`, empty ones included (their root is undefined or null). */
[[nodiscard]] Result<std::vector<Document>> parseStream(std::string_view text, std::string_view origin);

/**
 * Parses every document of `text`; empty documents (`---` alone, a trailing `---`) are skipped.
 * `origin` (a file name or "<name>") prefixes error locations.
 */
[[nodiscard]] Result<std::vector<Document>> parseDocuments(std::string_view text, std::string_view origin);

/** Parses exactly one document; an empty input gives an undefined node. */
[[nodiscard]] Result<Node> parseSingle(std::string_view text, std::string_view origin);

/** Reads a whole file (size-limited), with a clear error naming the file. */
[[nodiscard]] Result<std::string> readFile(const std::string &path);

/** "file:line:col" for a node (1-based), or just the origin when the node has no mark. */
[[nodiscard]] std::string location(std::string_view origin, const Node &node, int lineOffset = 0);

/** The kind of a node for error messages: "a mapping", "a sequence", "the scalar 'x'", "null". */
[[nodiscard]] std::string describe(const Node &node);

/** True if the scalar was written without quotes or tag (so YAML typing rules apply to it). */
[[nodiscard]] inline bool isPlain(const Node &node)
{
    return node.isPlain();
}

/**
 * Byte offsets of the starts of lines as libyaml counts them (LF, CRLF, CR, NEL, LS and PS break
 * lines; a leading BOM is skipped), so marks (line, character column) map back to bytes.
 */
class LineIndex
{
public:
    explicit LineIndex(std::string_view text);
    /** The byte offset of a (0-based) line and character column, clamped to the text. */
    [[nodiscard]] std::size_t offset(int line, int column) const;
    [[nodiscard]] std::size_t lineStart(int line) const;
    [[nodiscard]] int lineCount() const { return static_cast<int>(m_starts.size()); }
    /** The 0-based line holding byte `offset`. */
    [[nodiscard]] int lineOf(std::size_t offset) const;

private:
    std::string_view m_text;
    std::vector<std::size_t> m_starts;
    bool m_ascii = true;
};

} // namespace gs::yaml
