#pragma once
// Schemas as data: per type a tree of fields (key, kind, required, default, allowed values,
// description, example) plus small named cross-field rules. One description per type drives
// the validator, `gwctl validate/new/schema`, gRPC ValidateEventSource, the runtime config readers
// and the editor's generated forms; nothing else restates a rule.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "secretref.h"
#include "yamlnode.h"

namespace gs::schema {

/** The kind of value a field takes. */
enum class Kind {
    String, ///< text; as v0.10 (ghodss/yaml) a YAML number or bool is accepted and read as text
    Int, ///< an integer (a quoted decimal is accepted)
    Float, ///< a number
    Bool, ///< true or false
    Enum, ///< one of `allowed`, exact and case-sensitive (read as text like String)
    Nanoseconds, ///< an integer number of nanoseconds (v0.10's time.Duration)
    GoDuration, ///< Go duration text such as "90s" or "1h30m"
    Time, ///< an RFC 3339 time such as 2019-04-06T12:52:11Z
    List, ///< a sequence of `element` values, or of objects with `fields`
    Map, ///< a mapping of text keys to `element` values, or to objects with `fields`
    Object, ///< a mapping with the known `fields`
    SecretRef, ///< decisions §5: {file}, {env}, {value} or {name, key}
    Any, ///< any YAML (free-form)
};

/** Where a field comes from, so forms and converters can tell v0.10 keys from ours. */
enum class Origin {
    V010, ///< Argo Events v0.10 (spec §3, §6)
    GatewayStudio, ///< ours (decisions.md)
    Kubernetes, ///< a standard Kubernetes field kept as is
};

[[nodiscard]] const char *toString(Kind k);
[[nodiscard]] const char *toString(Origin o);

/** One field of an object. Built with the chaining helpers below. */
struct Field {
    std::string key;
    Kind kind = Kind::String;
    Kind element = Kind::String; ///< List/Map: kind of the values (Object when `fields` describe them)
    bool required = false;
    std::string requiredMessage; ///< v0.10's wording when missing, e.g. "url must be specified"
    std::string invalidMessage; ///< v0.10's wording for a value not allowed; `{value}` is replaced
    std::string defaultValue; ///< YAML text of the default; empty: none
    std::vector<std::string> allowed; ///< Enum values (List of Enum: allowed items); on a String, suggestions only
    std::optional<double> min;
    std::optional<double> max;
    std::string description; ///< one or two sentences for forms, comments and `gwctl new`
    std::string example; ///< a YAML value shown in templates and placeholders
    std::vector<Field> fields; ///< Object (and List/Map of objects): the fields
    Origin origin = Origin::V010;
    std::string since; ///< for our keys: the decision that adds them, e.g. "decisions §5"
    bool open = false; ///< Object: other keys are allowed without a warning
    bool secret = false; ///< never echo the value
    std::string modernKey; ///< key in the modern EventSource when renamed; "-" when it has none

    // Chaining helpers: `Field::string("port").need("port can't be empty").doc("...")`.
    [[nodiscard]] static Field string(std::string key);
    [[nodiscard]] static Field integer(std::string key);
    [[nodiscard]] static Field number(std::string key);
    [[nodiscard]] static Field boolean(std::string key);
    [[nodiscard]] static Field oneOf(std::string key, std::vector<std::string> values);
    [[nodiscard]] static Field nanoseconds(std::string key);
    [[nodiscard]] static Field goDuration(std::string key);
    [[nodiscard]] static Field time(std::string key);
    [[nodiscard]] static Field list(std::string key, Kind element = Kind::String);
    [[nodiscard]] static Field listOf(std::string key, std::vector<Field> fields);
    [[nodiscard]] static Field map(std::string key, Kind element = Kind::String);
    [[nodiscard]] static Field mapOf(std::string key, std::vector<Field> fields);
    [[nodiscard]] static Field object(std::string key, std::vector<Field> fields);
    [[nodiscard]] static Field secretRef(std::string key);
    [[nodiscard]] static Field any(std::string key);

    [[nodiscard]] Field need(std::string v010Message = {}) const;
    [[nodiscard]] Field invalid(std::string v010Message) const;
    [[nodiscard]] Field byDefault(std::string yaml) const;
    [[nodiscard]] Field doc(std::string description) const;
    [[nodiscard]] Field eg(std::string yaml) const;
    [[nodiscard]] Field range(std::optional<double> lo, std::optional<double> hi) const;
    [[nodiscard]] Field ours(std::string decision) const;
    [[nodiscard]] Field kubernetes() const;
    [[nodiscard]] Field openEnded() const;
    [[nodiscard]] Field modern(std::string name) const;
    [[nodiscard]] Field allow(std::vector<std::string> values) const;

    /** The field called `key` among `fields` (exact), or nullptr. */
    [[nodiscard]] const Field *child(std::string_view name) const;
};

class Report;
class View;

/** A cross-field rule of one source: a small named function registered beside its schema. */
struct Rule {
    std::string id; ///< e.g. "webhook.tls-pair"
    std::string description; ///< what it checks, for `gwctl schema` and the editor
    std::function<void(const View &, Report &)> check;
};

/** One source of a ConfigMap as a rule across sources sees it. */
struct SourceEntry {
    std::string name; ///< the ConfigMap key
    const View *config;
    Report *report; ///< where that source's findings go
};

/** A rule across the sources of one ConfigMap (duplicate routes, shared client ids). */
struct SetRule {
    std::string id;
    std::string description;
    std::function<void(const std::vector<SourceEntry> &)> check;
};

/** The schema of one event-source type (or of a Kubernetes object: Gateway, ConfigMap). */
struct TypeSchema {
    std::string type; ///< "webhook"; "Gateway" for objects
    std::string title;
    std::string description;
    std::string reference; ///< where the rules come from, e.g. "spec §6.2, decisions §5"
    std::vector<Field> fields;
    std::vector<Rule> rules;
    std::vector<SetRule> setRules;
    std::string modernSection; ///< the modern EventSource's section for this type ("minio" for artifact)
    bool freeForm = false; ///< custom types: any YAML, nothing checked beyond syntax
    bool open = false; ///< unknown top-level keys are fine (Kubernetes objects keep unknown fields)
    /** Keys `gwctl new` writes with their example (the others appear commented out). */
    std::vector<std::string> templateKeys;
    /** v0.10 checks fields in this order (top-level keys); the verdict names the first error in it. */
    std::vector<std::string> validationOrder;
};

/** Collects diagnostics about one node tree (positions are marks in the text the tree came from). */
class Report
{
public:
    void error(const yaml::Node &at, std::string path, std::string message, std::string rule, Stage stage = Stage::Validate);
    void warning(const yaml::Node &at, std::string path, std::string message, std::string rule);
    /** As error(), with v0.10's self-describing wording ("url must be specified"). */
    void v010(const yaml::Node &at, std::string path, std::string message, std::string rule);
    void add(Diagnostic d);

    [[nodiscard]] const std::vector<Diagnostic> &diagnostics() const { return m_diagnostics; }
    std::vector<Diagnostic> &diagnostics() { return m_diagnostics; }
    [[nodiscard]] bool hasErrors() const;
    /** The first error in v0.10's order (decoding before rules, then `order` of top-level keys), or nullptr. */
    [[nodiscard]] const Diagnostic *firstError(const std::vector<std::string> &order = {}) const;

private:
    std::vector<Diagnostic> m_diagnostics;
};

/**
 * Typed, read-only access to a checked mapping: keys match case-insensitively (an exact match
 * wins, as ghodss), absent keys give the schema's default, and values the checker refused read as
 * absent, so rules and config readers never see a wrong kind of value.
 */
class View
{
public:
    View() = default;
    View(yaml::Node node, const std::vector<Field> *fields, std::string path);

    [[nodiscard]] const yaml::Node &node() const { return m_node; }
    [[nodiscard]] const std::string &path() const { return m_path; }
    /** The node written for `key` (case-insensitive), undefined if absent. */
    [[nodiscard]] yaml::Node at(std::string_view key) const;
    /** The node to point at for `key`: its value if written, else this mapping. */
    [[nodiscard]] yaml::Node where(std::string_view key) const;
    /** True if `key` is written with a non-null value. */
    [[nodiscard]] bool has(std::string_view key) const;
    /** The full path of `key`, e.g. "hmac.secret". */
    [[nodiscard]] std::string path(std::string_view key) const;

    [[nodiscard]] std::optional<std::string> string(std::string_view key) const;
    /** string() or empty. */
    [[nodiscard]] std::string text(std::string_view key) const;
    [[nodiscard]] std::optional<long long> integer(std::string_view key) const;
    [[nodiscard]] std::optional<double> number(std::string_view key) const;
    [[nodiscard]] std::optional<bool> boolean(std::string_view key) const;
    [[nodiscard]] std::vector<std::string> strings(std::string_view key) const;
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> stringMap(std::string_view key) const;
    [[nodiscard]] std::optional<View> object(std::string_view key) const;
    [[nodiscard]] std::vector<View> objects(std::string_view key) const;
    [[nodiscard]] std::optional<SecretRef> secret(std::string_view key) const;

private:
    [[nodiscard]] const Field *field(std::string_view key) const;
    /** The written node, or the field's default parsed as YAML. */
    [[nodiscard]] yaml::Node valueOrDefault(std::string_view key) const;

    yaml::Node m_node;
    const std::vector<Field> *m_fields = nullptr;
    std::string m_path;
};

/** The result of checking one config: the diagnostics and, for rules and readers, the view. */
struct Checked {
    Report report;
    View view;
    const TypeSchema *schema = nullptr;
    [[nodiscard]] bool ok() const { return !report.hasErrors(); }
};

/**
 * Checks `root` against `schema`: the kinds of values, required fields, allowed values and ranges,
 * keys that differ only in case, unknown keys (warnings), then the schema's rules. `path` prefixes
 * every field path.
 */
[[nodiscard]] Checked check(const TypeSchema &schema, const yaml::Node &root, const std::string &path = {});

/**
 * Checks the YAML text of one event source (a ConfigMap value): YAML syntax first (errors at the
 * text's line and column), then check(). An empty or null document is v0.10's "event source can't
 * be nil".
 */
[[nodiscard]] Checked checkText(const TypeSchema &schema, std::string_view text);

/** The v0.10 verdict for `checked`: empty when valid, else "failed to parse/validate event source. err: ...". */
[[nodiscard]] std::string verdict(const Checked &checked);

/**
 * A source's typed config from its YAML text: checked against `schema`, then read by `read` (each
 * type's readConfig). Fails with the v0.10 verdict. Every type's loadConfig is this.
 */
template<class Config>
[[nodiscard]] Result<Config> loadTyped(const TypeSchema &schema, Config (*read)(const View &), std::string_view text)
{
    const auto checked = checkText(schema, text);
    if (auto v = verdict(checked); !v.empty())
        return fail(v);
    return read(checked.view);
}

/** Runs the schema's rules across sources (each already checked). */
void checkAcross(const TypeSchema &schema, const std::vector<SourceEntry> &sources);

/** The schema as JSON: what a generated form editor (and `gwctl schema`) reads. */
[[nodiscard]] std::string toJson(const TypeSchema &schema);

/** The value read as text the way v0.10 reads a string field (YAML 1.1: `yes` -> "true", `010` -> "8"). */
[[nodiscard]] std::optional<std::string> readString(const yaml::Node &node);

/** Closest of `candidates` to `word` (case-insensitive edit distance <= 2), or empty. */
[[nodiscard]] std::string closest(std::string_view word, const std::vector<std::string> &candidates);

/** "a, b or c" */
[[nodiscard]] std::string choices(const std::vector<std::string> &values, std::string_view last = "or");

} // namespace gs::schema
