#include "sourceconfig.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "core/printable.h"
#include "yaml.h"

namespace gs {

namespace {
bool equalsFolded(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

/** Go's strconv.ParseInt with base 0 on a YAML 1.1 integer (underscores allowed). */
std::optional<long long> yaml11Int(std::string s)
{
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s.erase(0, 1);
    }
    int base = 10;
    std::size_t skip = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'b')) {
        base = s[1] == 'x' ? 16 : 2;
        skip = 2;
    } else if (s.size() > 1 && s[0] == '0') {
        base = 8;
        skip = 1;
    }
    long long v = 0;
    const auto *first = s.data() + skip;
    const auto *last = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(first, last, v, base);
    if (ec != std::errc() || ptr != last)
        return std::nullopt;
    return neg ? -v : v;
}
} // namespace

std::string where(const yaml::Node &node)
{
    const auto mark = node.start();
    if (!mark.valid())
        return {};
    return " (line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) + ")";
}

Result<SourceConfig> SourceConfig::parse(std::string_view text)
{
    auto root = yaml::parseSingle(text, "config");
    if (!root)
        return tl::unexpected(root.error());
    return SourceConfig(*root);
}

SourceConfig::SourceConfig(yaml::Node node, std::string path)
    : m_node(std::move(node))
    , m_path(std::move(path))
{
}

SourceConfig::SourceConfig(yaml::Node node, std::string path, std::string origin, int lineOffset)
    : m_node(std::move(node))
    , m_path(std::move(path))
    , m_origin(std::move(origin))
    , m_lineOffset(lineOffset)
{
}

Error SourceConfig::error(const yaml::Node &node, const std::string &fieldPath, const std::string &message) const
{
    const std::string subject = fieldPath.empty() ? std::string("the config") : fieldPath;
    if (m_origin.empty())
        return Error {subject + ": " + message + where(node), {}};
    return Error {subject + ": " + message, yaml::location(m_origin, node, m_lineOffset)};
}

bool SourceConfig::isNull() const
{
    return m_node.isNull();
}

Result<void> SourceConfig::requireMapping() const
{
    if (m_node.isMapping())
        return {};
    return tl::unexpected(error(m_node, m_path, "expected a mapping of keys to values, found " + yaml::describe(m_node)));
}

namespace {
std::string folded(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
} // namespace

Result<void> SourceConfig::requireDistinctKeys() const
{
    if (m_node.isSequence()) {
        std::size_t i = 0;
        for (const auto &item : m_node.items()) {
            if (auto ok = SourceConfig(item, m_path + "[" + std::to_string(i++) + "]", m_origin, m_lineOffset).requireDistinctKeys(); !ok)
                return ok;
        }
        return {};
    }
    if (!m_node.isMapping())
        return {};
    std::map<std::string, yaml::Node> seen;
    for (const auto &kv : m_node.entries()) {
        const std::string &key = kv.key.scalar();
        if (auto [it, fresh] = seen.emplace(folded(key), kv.key); !fresh)
            return tl::unexpected(error(kv.key, path(key),
                "'" + key.substr(0, 80) + "' and '" + it->second.scalar().substr(0, 80) + "'" + where(it->second)
                    + " set the same field (keys match case-insensitively); keep one"));
        if (auto ok = SourceConfig(kv.value, path(key), m_origin, m_lineOffset).requireDistinctKeys(); !ok)
            return ok;
    }
    return {};
}

yaml::Node SourceConfig::find(std::string_view key) const
{
    // Absent keys give an undefined node; an exact match wins over a case-folded one (ghodss).
    const yaml::Entry *folded = nullptr;
    for (const auto &kv : m_node.entries()) {
        const std::string &k = kv.key.scalar();
        if (k == key)
            return kv.value;
        if (!folded && equalsFolded(k, key))
            folded = &kv;
    }
    return folded ? folded->value : yaml::Node();
}

std::string SourceConfig::path(std::string_view key) const
{
    return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

std::optional<std::string> readGoString(const yaml::Node &n)
{
    if (n.isNull() || !n.isScalar())
        return std::nullopt;
    const std::string &s = n.scalar();
    if (!n.isPlain())
        return s;
    switch (yaml::classifyPlain11(s)) {
    case yaml::Plain11::Null:
        return std::nullopt;
    case yaml::Plain11::Bool: {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
        const bool value = c == 'y' || c == 't' || (c == 'o' && s.size() == 2);
        return std::string(value ? "true" : "false");
    }
    case yaml::Plain11::Int:
        if (auto v = yaml11Int(s))
            return std::to_string(*v);
        return s;
    default:
        return s;
    }
}

Result<std::optional<std::string>> SourceConfig::scalarString(const yaml::Node &n, std::string_view key) const
{
    if (n.isNull())
        return std::nullopt;
    if (!n.isScalar())
        return tl::unexpected(error(n, path(key), "expected a string, found " + yaml::describe(n)));
    return readGoString(n);
}

Result<std::optional<std::string>> SourceConfig::string(std::string_view key) const
{
    return scalarString(find(key), key);
}

Result<std::optional<long long>> SourceConfig::integer(std::string_view key) const
{
    const yaml::Node n = find(key);
    auto s = scalarString(n, key);
    if (!s)
        return tl::unexpected(s.error());
    if (!*s)
        return std::nullopt;
    long long v = 0;
    const std::string &t = **s;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size())
        return tl::unexpected(error(n, path(key), "expected an integer, found " + quoted(t)));
    return v;
}

Result<std::vector<std::string>> SourceConfig::stringList(std::string_view key) const
{
    const yaml::Node n = find(key);
    std::vector<std::string> out;
    if (n.isNull())
        return out;
    if (!n.isSequence())
        return tl::unexpected(error(n, path(key), "expected a list of strings, found " + yaml::describe(n)));
    std::size_t i = 0;
    for (const auto &item : n.items()) {
        auto s = scalarString(item, std::string(key) + "[" + std::to_string(i++) + "]");
        if (!s)
            return tl::unexpected(s.error());
        out.push_back(s->value_or(std::string()));
    }
    return out;
}

Result<std::optional<SourceConfig>> SourceConfig::mapping(std::string_view key) const
{
    const yaml::Node n = find(key);
    if (n.isNull())
        return std::nullopt;
    if (!n.isMapping())
        return tl::unexpected(error(n, path(key), "expected a mapping, found " + yaml::describe(n)));
    return SourceConfig(n, path(key), m_origin, m_lineOffset);
}

} // namespace gs
