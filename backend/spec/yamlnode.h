#pragma once
// A YAML node as libyaml reads it: scalar text with its style and tag, mappings in key order,
// sequences, anchors and aliases, and the start and end of every node in the text. Nodes are
// cheap handles to shared, immutable-once-parsed data; an alias shares its anchor's data.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gs::yaml {

/** A position in YAML text: byte offset and 0-based line and column (columns count characters, as libyaml does). */
struct Mark {
    std::size_t offset = 0;
    int line = -1; ///< -1: the node was built, not parsed
    int column = 0;

    [[nodiscard]] bool valid() const { return line >= 0; }
};

enum class NodeType { Undefined, Scalar, Mapping, Sequence };
enum class ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

/** What a plain scalar means to a YAML 1.1 reader (kubectl, go-yaml v2, Argo's ghodss/yaml). */
enum class Plain11 { String, Null, Bool, Int, Float };
[[nodiscard]] Plain11 classifyPlain11(std::string_view scalar);

struct Entry;

/** One YAML node (or none: a default-constructed Node is undefined, i.e. absent). */
class Node
{
public:
    Node() = default;

    [[nodiscard]] static Node scalar(std::string value, ScalarStyle style = ScalarStyle::Plain, std::string tag = {});
    [[nodiscard]] static Node mapping(bool flow = false);
    [[nodiscard]] static Node sequence(bool flow = false);

    [[nodiscard]] NodeType type() const;
    [[nodiscard]] bool isDefined() const { return type() != NodeType::Undefined; }
    [[nodiscard]] bool isScalar() const { return type() == NodeType::Scalar; }
    [[nodiscard]] bool isMapping() const { return type() == NodeType::Mapping; }
    [[nodiscard]] bool isSequence() const { return type() == NodeType::Sequence; }
    /** Undefined, a plain scalar that YAML reads as null (`~`, `null`, nothing) or a `!!null` tag. */
    [[nodiscard]] bool isNull() const;
    /** A plain scalar without a tag: YAML's typing rules apply to it. */
    [[nodiscard]] bool isPlain() const;

    /** The scalar's text (empty for collections). */
    [[nodiscard]] const std::string &scalar() const;
    [[nodiscard]] ScalarStyle style() const;
    /** The explicit tag as libyaml resolves it (`!!str` is "tag:yaml.org,2002:str"), or empty. */
    [[nodiscard]] const std::string &tag() const;
    /** A collection written in flow style (`{a: 1}`, `[1, 2]`). */
    [[nodiscard]] bool isFlow() const;
    /** The anchor defined on this node (`&name`), or empty. */
    [[nodiscard]] const std::string &anchor() const;
    /** The alias name when this node was written as `*name`, or empty. */
    [[nodiscard]] const std::string &alias() const;

    [[nodiscard]] Mark start() const;
    [[nodiscard]] Mark end() const;

    /** A mapping's entries in written order (empty otherwise). */
    [[nodiscard]] const std::vector<Entry> &entries() const;
    /** A sequence's items (empty otherwise). */
    [[nodiscard]] const std::vector<Node> &items() const;
    [[nodiscard]] std::size_t size() const;
    /** The value of the scalar key equal to `key` (exact match), undefined if absent. */
    [[nodiscard]] Node get(std::string_view key) const;
    /** The entry whose scalar key equals `key`, or nullptr. */
    [[nodiscard]] const Entry *entry(std::string_view key) const;

    /** Builders (for nodes made in code; copy-on-write when shared). */
    Node &add(Node key, Node value);
    Node &add(std::string key, Node value);
    Node &push(Node item);
    /** Replaces (or appends) the value of `key`. */
    Node &set(std::string_view key, Node value);
    /** Removes the entry of `key`; false if absent. */
    bool remove(std::string_view key);
    Node &setAnchor(std::string name);
    Node &setFlow(bool flow);

    /** Number of nodes below and including this one, aliases counted as expanded. */
    [[nodiscard]] std::size_t weight() const;
    /** Structural equality of the data (scalars by text and plainness, not by position or style). */
    [[nodiscard]] bool sameData(const Node &other) const;

    struct Data;
    explicit Node(std::shared_ptr<Data> d)
        : m_d(std::move(d))
    {
    }
    [[nodiscard]] const std::shared_ptr<Data> &data() const { return m_d; }

private:
    [[nodiscard]] const Data *content() const;
    Data &mutableContent();
    std::shared_ptr<Data> m_d;
};

struct Entry {
    Node key;
    Node value;
};

struct Node::Data {
    NodeType type = NodeType::Undefined;
    ScalarStyle style = ScalarStyle::Plain;
    bool flow = false;
    std::string scalar;
    std::string tag;
    std::string anchor;
    std::string alias; ///< set on alias nodes; `target` holds the anchored data
    std::shared_ptr<Data> target;
    Mark start;
    Mark end;
    std::vector<Entry> entries;
    std::vector<Node> items;
    std::size_t weight = 1;
};

} // namespace gs::yaml
