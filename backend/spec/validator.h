#pragma once
// Validates Gateway and ConfigMap files together: each object against its schema, each ConfigMap
// entry against the source schema of the Gateway that names it, and what only shows across
// documents (a Gateway naming a ConfigMap not given, a source that does not fit spec.type,
// duplicate webhook routes, shared MQTT client ids). Every finding carries file, line, column and
// field path.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "schema.h"
#include "yaml.h"

namespace gs {

/** Finds the schema of an event-source type; nullptr for types it does not know (custom types). */
using SchemaLookup = std::function<const schema::TypeSchema *(std::string_view type)>;

struct ValidateOptions {
    SchemaLookup sourceSchema; ///< the bundled types' schemas
    std::vector<const schema::TypeSchema *> knownSchemas; ///< candidates when guessing a ConfigMap's type
    std::string type; ///< check ConfigMaps that no Gateway names as this type (`--type`)
    bool local = false; ///< cluster-only findings (labels, template, watchers) become warnings
    bool sources = true; ///< check the event sources in ConfigMap data
};

/** A file's name (as shown in messages) and its text. */
struct InputFile {
    std::string path;
    std::string text;
};

/** Every problem in `files`, sorted by file, line and column. */
[[nodiscard]] std::vector<Diagnostic> validateFiles(const std::vector<InputFile> &files, const ValidateOptions &options);

/** The schema whose fields the configs' keys fit best, or nullptr when nothing fits clearly. */
[[nodiscard]] const schema::TypeSchema *guessSourceSchema(
    const std::vector<const schema::TypeSchema *> &schemas, const std::vector<yaml::Node> &configs);

/** "data.build" or data["a.b"] for keys with dots. */
[[nodiscard]] std::string dataPath(const std::string &key);

/**
 * Maps positions inside a ConfigMap value (an embedded YAML document) to the file: exact for
 * literal block scalars (`|`), the first line for other styles.
 */
class EmbeddedLocator
{
public:
    /** `value` is the data value node in the file whose text is `fileText` (lines in `index`); `keyColumn` its key's column. */
    EmbeddedLocator(const yaml::Node &value, std::string_view fileText, const yaml::LineIndex &index, int keyColumn);
    /** The file position (0-based line and column) of a mark in the embedded text. */
    [[nodiscard]] std::pair<int, int> map(const yaml::Mark &inner) const;
    /** The byte offset in the file of a mark in the embedded text (exact for literal blocks). */
    [[nodiscard]] std::size_t offset(const yaml::Mark &inner) const;
    [[nodiscard]] bool exact() const { return m_block; }
    [[nodiscard]] int indent() const { return m_indent; }

private:
    const yaml::LineIndex *m_index;
    int m_line = 0;
    int m_column = 0;
    int m_indent = 0;
    bool m_block = false;
};

} // namespace gs
