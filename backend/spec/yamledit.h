#pragma once
// Editing a YAML file the way a form editor needs: changing a value changes only that value's
// text; adding a key inserts its lines into the enclosing block mapping (a flow mapping is
// rewritten whole); removing one removes its lines. Comments and formatting elsewhere survive.
// A path may descend into a string that holds YAML (a ConfigMap data value): the edit is made in
// that embedded document and mapped back into the block scalar's lines.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "yaml.h"

namespace gs::yaml {

/** One step of a path: a mapping key, or a sequence index (>= 0). */
struct PathStep {
    std::string key;
    int index = -1;
};
using Path = std::vector<PathStep>;

/** "data.build.port", "spec.watchers.sensors[0].name", `data["a.b"].port` -> steps. */
[[nodiscard]] Result<Path> parsePath(std::string_view text);
/** The inverse of parsePath. */
[[nodiscard]] std::string pathText(const Path &path);

/** One change to a text: replace `length` bytes at `offset` by `text`. */
struct TextEdit {
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string text;
};

/** How a form's value is written. */
enum class ValueKind {
    String, ///< text: quoted when a YAML reader would take it for something else (PC-29)
    Yaml, ///< YAML as typed: a number, a bool, null, or a flow collection
};

/** A YAML file being edited: its text and its documents, parsed again after every edit. */
class DocumentEditor
{
public:
    /** Fails if `text` is not valid YAML. */
    [[nodiscard]] static Result<DocumentEditor> open(std::string text, std::string origin = "<edit>");

    [[nodiscard]] const std::string &text() const { return m_text; }
    /** The non-empty documents, as gwctl validate counts them. */
    [[nodiscard]] const std::vector<Document> &documents() const { return m_docs; }

    /** The node at `path` in document `doc` (descending into embedded YAML); undefined if absent. */
    [[nodiscard]] Node find(std::size_t doc, const Path &path) const;

    /** Sets the value at `path`, creating missing mappings on the way. Returns the edit made. */
    Result<TextEdit> setValue(std::size_t doc, const Path &path, std::string_view value, ValueKind kind = ValueKind::String);
    /** Sets a structured value (a mapping or list from a form) at `path`. */
    Result<TextEdit> setNode(std::size_t doc, const Path &path, const Node &value);
    /** Removes the mapping entry or sequence item at `path`. */
    Result<TextEdit> remove(std::size_t doc, const Path &path);

private:
    DocumentEditor(std::string text, std::string origin, std::vector<Document> docs);
    /** The edit for `path` in `docs` of `text` (recursing into embedded YAML). */
    Result<TextEdit> plan(const std::string &text, const std::vector<Document> &docs, std::size_t doc, const Path &path, const Node *value,
        bool asString, bool removing) const;
    Result<TextEdit> apply(TextEdit edit);

    std::string m_text;
    std::string m_origin;
    std::vector<Document> m_docs;
};

} // namespace gs::yaml
