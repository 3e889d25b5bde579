#include "yamlnode.h"

#include <algorithm>

namespace gs::yaml {

namespace {

const std::string s_empty;
const std::vector<Entry> s_noEntries;
const std::vector<Node> s_noItems;

/** Tags that all mean "a string" for a quoted scalar compare equal. */
std::string_view stringTag(std::string_view tag)
{
    return tag == "!" || tag == "tag:yaml.org,2002:str" ? std::string_view() : tag;
}

// recurses per character and overflows the stack on long scalars.

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/** Consumes characters of `allowed` (at least one) from `s` at `i`. */
bool span(std::string_view s, std::size_t &i, std::string_view allowed)
{
    const auto start = i;
    while (i < s.size() && allowed.find(s[i]) != std::string_view::npos)
        ++i;
    return i > start;
}

constexpr std::string_view kDec = "0123456789";
constexpr std::string_view kDec_ = "0123456789_";

/** (:[0-5]?[0-9])+ to the end of `s` or up to a '.' when `allowDot`. */
bool sexagesimalTail(std::string_view s, std::size_t &i)
{
    bool any = false;
    while (i < s.size() && s[i] == ':') {
        ++i;
        const auto start = i;
        while (i < s.size() && isDigit(s[i]) && i - start < 2)
            ++i;
        const auto len = i - start;
        if (len == 0 || (len == 2 && s[start] > '5'))
            return false;
        any = true;
    }
    return any;
}

bool isInt11(std::string_view s)
{
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    const auto body = s.substr(i);
    if (body.empty())
        return false;
    std::size_t j = 0;
    if (body.starts_with("0b"))
        return j = 2, span(body, j, "01_") && j == body.size();
    if (body.starts_with("0x"))
        return j = 2, span(body, j, "0123456789abcdefABCDEF_") && j == body.size();
    if (body == "0")
        return true;
    if (body[0] == '0')
        return j = 1, span(body, j, "01234567_") && j == body.size();
    if (!isDigit(body[0]))
        return false;
    j = 1;
    span(body, j, kDec_);
    if (j == body.size())
        return true;
    return sexagesimalTail(body, j) && j == body.size();
}

bool isFloat11(std::string_view s)
{
    if (s == ".nan" || s == ".NaN" || s == ".NAN")
        return true;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    const auto body = s.substr(i);
    if (body == ".inf" || body == ".Inf" || body == ".INF")
        return true;
    const auto exponent = [&](std::size_t &j) {
        if (j < body.size() && (body[j] == 'e' || body[j] == 'E')) {
            ++j;
            if (j < body.size() && (body[j] == '+' || body[j] == '-'))
                ++j;
            return span(body, j, kDec);
        }
        return true;
    };
    std::size_t j = 0;
    const bool intPart = j < body.size() && isDigit(body[j]) && (span(body, j, kDec_), true);
    if (j < body.size() && body[j] == '.') { // [0-9][0-9_]*? . [0-9_]* exponent?
        ++j;
        span(body, j, kDec_);
        return exponent(j) && j == body.size();
    }
    if (!intPart)
        return false;
    if (j < body.size() && (body[j] == 'e' || body[j] == 'E')) // [0-9][0-9_]* exponent
        return exponent(j) && j == body.size();
    if (!sexagesimalTail(body, j) || j >= body.size() || body[j] != '.') // base 60 with a fraction
        return false;
    ++j;
    span(body, j, kDec_);
    return j == body.size();
}

} // namespace

Plain11 classifyPlain11(std::string_view s)
{
    static constexpr std::string_view kNulls[] = {"", "~", "null", "Null", "NULL"};
    static constexpr std::string_view kBools[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
        "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"};
    for (const auto n : kNulls) {
        if (s == n)
            return Plain11::Null;
    }
    for (const auto b : kBools) {
        if (s == b)
            return Plain11::Bool;
    }
    if (isInt11(s))
        return Plain11::Int;
    if (s != "." && isFloat11(s))
        return Plain11::Float;
    return Plain11::String;
}

Node Node::scalar(std::string value, ScalarStyle style, std::string tag)
{
    auto d = std::make_shared<Data>();
    d->type = NodeType::Scalar;
    d->scalar = std::move(value);
    d->style = style;
    d->tag = std::move(tag);
    return Node(std::move(d));
}

Node Node::mapping(bool flow)
{
    auto d = std::make_shared<Data>();
    d->type = NodeType::Mapping;
    d->flow = flow;
    return Node(std::move(d));
}

Node Node::sequence(bool flow)
{
    auto d = std::make_shared<Data>();
    d->type = NodeType::Sequence;
    d->flow = flow;
    return Node(std::move(d));
}

const Node::Data *Node::content() const
{
    if (!m_d)
        return nullptr;
    return m_d->target ? m_d->target.get() : m_d.get();
}

Node::Data &Node::mutableContent()
{
    if (!m_d)
        m_d = std::make_shared<Data>();
    if (m_d.use_count() > 1 || m_d->target) {
        // Copy on write: an alias (or a shared handle) becomes a node of its own.
        auto copy = std::make_shared<Data>(*content());
        copy->alias.clear();
        copy->target.reset();
        copy->start = m_d->start;
        copy->end = m_d->end;
        m_d = std::move(copy);
    }
    return *m_d;
}

NodeType Node::type() const
{
    const Data *c = content();
    return c ? c->type : NodeType::Undefined;
}

bool Node::isNull() const
{
    const Data *c = content();
    if (!c || c->type == NodeType::Undefined)
        return true;
    if (c->type != NodeType::Scalar)
        return false;
    if (c->tag == "tag:yaml.org,2002:null")
        return true;
    return c->tag.empty() && c->style == ScalarStyle::Plain && classifyPlain11(c->scalar) == Plain11::Null;
}

bool Node::isPlain() const
{
    const Data *c = content();
    return c && c->type == NodeType::Scalar && c->style == ScalarStyle::Plain && c->tag.empty();
}

const std::string &Node::scalar() const
{
    const Data *c = content();
    return c && c->type == NodeType::Scalar ? c->scalar : s_empty;
}

ScalarStyle Node::style() const
{
    const Data *c = content();
    return c ? c->style : ScalarStyle::Plain;
}

const std::string &Node::tag() const
{
    const Data *c = content();
    return c ? c->tag : s_empty;
}

bool Node::isFlow() const
{
    const Data *c = content();
    return c && c->flow;
}

const std::string &Node::anchor() const
{
    return m_d && !m_d->target ? m_d->anchor : s_empty;
}

const std::string &Node::alias() const
{
    return m_d ? m_d->alias : s_empty;
}

Mark Node::start() const
{
    return m_d ? m_d->start : Mark {};
}

Mark Node::end() const
{
    return m_d ? m_d->end : Mark {};
}

const std::vector<Entry> &Node::entries() const
{
    const Data *c = content();
    return c && c->type == NodeType::Mapping ? c->entries : s_noEntries;
}

const std::vector<Node> &Node::items() const
{
    const Data *c = content();
    return c && c->type == NodeType::Sequence ? c->items : s_noItems;
}

std::size_t Node::size() const
{
    const Data *c = content();
    if (!c)
        return 0;
    return c->type == NodeType::Mapping ? c->entries.size() : c->type == NodeType::Sequence ? c->items.size() : 0;
}

const Entry *Node::entry(std::string_view key) const
{
    for (const auto &e : entries()) {
        if (e.key.isScalar() && e.key.scalar() == key)
            return &e;
    }
    return nullptr;
}

Node Node::get(std::string_view key) const
{
    const Entry *e = entry(key);
    return e ? e->value : Node();
}

Node &Node::add(Node key, Node value)
{
    Data &d = mutableContent();
    if (d.type == NodeType::Undefined)
        d.type = NodeType::Mapping;
    d.weight += key.weight() + value.weight();
    d.entries.push_back({std::move(key), std::move(value)});
    return *this;
}

Node &Node::add(std::string key, Node value)
{
    return add(Node::scalar(std::move(key)), std::move(value));
}

Node &Node::push(Node item)
{
    Data &d = mutableContent();
    if (d.type == NodeType::Undefined)
        d.type = NodeType::Sequence;
    d.weight += item.weight();
    d.items.push_back(std::move(item));
    return *this;
}

Node &Node::set(std::string_view key, Node value)
{
    Data &d = mutableContent();
    if (d.type == NodeType::Undefined)
        d.type = NodeType::Mapping;
    for (auto &e : d.entries) {
        if (e.key.isScalar() && e.key.scalar() == key) {
            d.weight += value.weight();
            d.weight -= std::min(d.weight - 1, e.value.weight());
            e.value = std::move(value);
            return *this;
        }
    }
    return add(std::string(key), std::move(value));
}

bool Node::remove(std::string_view key)
{
    if (!entry(key))
        return false;
    Data &d = mutableContent();
    const auto it
        = std::find_if(d.entries.begin(), d.entries.end(), [&](const Entry &e) { return e.key.isScalar() && e.key.scalar() == key; });
    d.weight -= std::min(d.weight - 1, it->key.weight() + it->value.weight());
    d.entries.erase(it);
    return true;
}

Node &Node::setAnchor(std::string name)
{
    mutableContent().anchor = std::move(name);
    return *this;
}

Node &Node::setFlow(bool flow)
{
    mutableContent().flow = flow;
    return *this;
}

std::size_t Node::weight() const
{
    const Data *c = content();
    return c ? c->weight : 0;
}

bool Node::sameData(const Node &other) const
{
    if (type() != other.type())
        return false;
    switch (type()) {
    case NodeType::Undefined:
        return true;
    case NodeType::Scalar: {
        // Plainness matters where it changes the type (plain 1 is a number, "1" a string); quoting a
        // plain string changes nothing.
        const auto typed = [](const Node &n) { return n.isPlain() && classifyPlain11(n.scalar()) != Plain11::String; };
        return scalar() == other.scalar() && typed(*this) == typed(other) && stringTag(tag()) == stringTag(other.tag());
    }
    case NodeType::Sequence:
        return std::equal(items().begin(), items().end(), other.items().begin(), other.items().end(),
            [](const Node &a, const Node &b) { return a.sameData(b); });
    case NodeType::Mapping:
        return std::equal(entries().begin(), entries().end(), other.entries().begin(), other.entries().end(),
            [](const Entry &a, const Entry &b) { return a.key.sameData(b.key) && a.value.sameData(b.value); });
    }
    return false;
}

} // namespace gs::yaml
