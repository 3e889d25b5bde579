#pragma once
// Reading one event source's YAML config the way v0.10 servers do (ghodss/yaml into Go structs):
// keys match case-insensitively (an exact match wins), unknown keys are ignored, and a YAML
// number or bool is accepted where a string is expected (YAML 1.1 rules: `yes` -> "true").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "yamlnode.h"

namespace gs {

/** Read-only view of one source config mapping, with field paths in errors. */
class SourceConfig
{
public:
    /** Parses the YAML text of a ConfigMap value. A Null root means "empty". */
    [[nodiscard]] static Result<SourceConfig> parse(std::string_view text);
    /** Wraps an already parsed mapping (or Null); `path` prefixes field names in errors. */
    SourceConfig(yaml::Node node, std::string path = {});
    /** As above, but errors are located as `origin:line:col` (a file), lines shifted by `lineOffset`. */
    SourceConfig(yaml::Node node, std::string path, std::string origin, int lineOffset = 0);

    /** True when the document is empty or null (v0.10: "event source can't be nil"). */
    [[nodiscard]] bool isNull() const;
    /** The config must be a mapping; an error naming what it is otherwise. */
    [[nodiscard]] Result<void> requireMapping() const;

    /** Keys match fields case-insensitively, so "method" and "Method" in one mapping (at any depth)
     *  would set the same field: an error naming both. */
    [[nodiscard]] Result<void> requireDistinctKeys() const;

    /** The node for `key` (case-insensitive), undefined if absent. */
    [[nodiscard]] yaml::Node find(std::string_view key) const;
    /** The full field path of `key` for messages, e.g. "hmac.secret". */
    [[nodiscard]] std::string path(std::string_view key) const;

    /** A string field; absent or null -> nullopt; numbers and bools are coerced; lists/maps are errors. */
    [[nodiscard]] Result<std::optional<std::string>> string(std::string_view key) const;
    /** An integer field (a quoted decimal is accepted as kubectl users write both). */
    [[nodiscard]] Result<std::optional<long long>> integer(std::string_view key) const;
    /** A list of strings; absent -> empty. */
    [[nodiscard]] Result<std::vector<std::string>> stringList(std::string_view key) const;
    /** A nested mapping; absent or null -> nullopt. */
    [[nodiscard]] Result<std::optional<SourceConfig>> mapping(std::string_view key) const;

    [[nodiscard]] const yaml::Node &node() const { return m_node; }

private:
    [[nodiscard]] Result<std::optional<std::string>> scalarString(const yaml::Node &n, std::string_view key) const;
    /** An error about `node` at field `fieldPath`, located per this reader's origin. */
    [[nodiscard]] Error error(const yaml::Node &node, const std::string &fieldPath, const std::string &message) const;

    yaml::Node m_node;
    std::string m_path;
    std::string m_origin;
    int m_lineOffset = 0;
};

/**
 * A scalar read as text the way v0.10 reads a string field (ghodss/yaml, YAML 1.1): `yes` -> "true",
 * `010` -> "8"; null -> nullopt; collections -> nullopt.
 */
[[nodiscard]] std::optional<std::string> readGoString(const yaml::Node &node);

/** "(line L, column C)" for a node of a config, or empty. */
[[nodiscard]] std::string where(const yaml::Node &node);

} // namespace gs
