#include "yaml.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <sys/stat.h>

#include <yaml.h> // libyaml

namespace gs::yaml {

namespace {

constexpr std::size_t kMaxNesting = 256;

std::string at(std::string_view origin, const yaml_mark_t &mark)
{
    return std::string(origin) + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

/** A mapping or sequence being read: mappings remember their keys to catch repeats. */
struct Collection {
    bool isMap = false;
    bool expectKey = true;
    std::unordered_map<std::string, std::size_t> keyLines;
};

/**
 * Runs libyaml over the whole stream: it never hangs, and it reports line and column. It also refuses
 * what yaml-cpp would take silently: a key given twice in one mapping (the last would win unseen)
 * and merge keys (`<<`), which yaml-cpp keeps as an ordinary key.
 */
Result<void> checkSyntax(std::string_view text, std::string_view origin)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return fail("out of memory initialising the YAML parser", std::string(origin));
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(text.data()), text.size());
    std::vector<Collection> stack;
    Result<void> result;
    // A complete node ends a key or a value of the enclosing mapping.
    const auto completed = [&stack] {
        if (!stack.empty() && stack.back().isMap)
            stack.back().expectKey = !stack.back().expectKey;
    };
    while (result) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            std::string msg = parser.problem ? parser.problem : "invalid YAML";
            if (parser.context)
                msg = std::string(parser.context) + ": " + msg;
            result = fail("invalid YAML: " + msg, at(origin, parser.problem ? parser.problem_mark : parser.context_mark));
            break;
        }
        const auto type = event.type;
        const auto mark = event.start_mark;
        if (type == YAML_SCALAR_EVENT && !stack.empty() && stack.back().isMap && stack.back().expectKey) {
            const std::string key(reinterpret_cast<const char *>(event.data.scalar.value), event.data.scalar.length);
            if (key == "<<" && event.data.scalar.plain_implicit)
                result = fail("merge keys (<<) are not supported; write the keys out", at(origin, mark));
            else if (auto [it, fresh] = stack.back().keyLines.emplace(key, mark.line + 1); !fresh)
                result = fail("key '" + key.substr(0, 80) + "' appears twice in one mapping (first at line " + std::to_string(it->second)
                        + "); only one may be given",
                    at(origin, mark));
        }
        yaml_event_delete(&event);
        switch (type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (stack.size() >= kMaxNesting) {
                result = fail("YAML nested deeper than " + std::to_string(kMaxNesting) + " levels", at(origin, mark));
                break;
            }
            stack.emplace_back().isMap = type == YAML_MAPPING_START_EVENT;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            stack.pop_back();
            completed();
            break;
        case YAML_SCALAR_EVENT:
        case YAML_ALIAS_EVENT:
            completed();
            break;
        default:
            break;
        }
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    return result;
}

Result<std::vector<YAML::Node>> loadAll(std::string_view text, std::string_view origin)
{
    if (text.size() > kMaxInputBytes)
        return fail("input is larger than " + std::to_string(kMaxInputBytes) + " bytes", std::string(origin));
    if (auto ok = checkSyntax(text, origin); !ok)
        return tl::unexpected(ok.error());
    try {
        return YAML::LoadAll(std::string(text));
    } catch (const YAML::Exception &e) {
        return fail("invalid YAML: " + e.msg,
            std::string(origin) + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1));
    }
}

} // namespace

Result<std::vector<Document>> parseDocuments(std::string_view text, std::string_view origin)
{
    auto nodes = loadAll(text, origin);
    if (!nodes)
        return tl::unexpected(nodes.error());
    std::vector<Document> docs;
    for (auto &n : *nodes) {
        if (!n.IsDefined() || n.IsNull())
            continue;
        docs.push_back(Document {n, n.Mark().line + 1});
    }
    return docs;
}

Result<YAML::Node> parseSingle(std::string_view text, std::string_view origin)
{
    auto nodes = loadAll(text, origin);
    if (!nodes)
        return tl::unexpected(nodes.error());
    std::vector<YAML::Node> nonEmpty;
    for (auto &n : *nodes) {
        if (n.IsDefined() && !n.IsNull())
            nonEmpty.push_back(n);
    }
    if (nonEmpty.size() > 1)
        return fail("expected one YAML document, found " + std::to_string(nonEmpty.size()), std::string(origin));
    return nonEmpty.empty() ? YAML::Node(YAML::NodeType::Null) : nonEmpty.front();
}

Result<std::string> readFile(const std::string &path)
{
    // A directory reads as garbage and a FIFO or device can block forever: only regular files.
    struct stat st {
    };
    if (::stat(path.c_str(), &st) != 0)
        return fail(std::string("cannot open file: ") + std::strerror(errno), path);
    if (!S_ISREG(st.st_mode))
        return fail(S_ISDIR(st.st_mode) ? "is a directory, expected a YAML file" : "is not a regular file, expected a YAML file", path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(std::string("cannot open file: ") + std::strerror(errno), path);
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0)
        return fail("cannot read file", path);
    if (static_cast<std::size_t>(size) > kMaxInputBytes)
        return fail("file is larger than " + std::to_string(kMaxInputBytes) + " bytes", path);
    in.seekg(0);
    std::string data(static_cast<std::size_t>(size), '\0');
    if (!in.read(data.data(), size))
        return fail("cannot read file", path);
    return data;
}

std::string location(std::string_view origin, const YAML::Node &node, int lineOffset)
{
    const auto mark = node.Mark();
    if (mark.line < 0)
        return std::string(origin);
    return std::string(origin) + ":" + std::to_string(mark.line + 1 + lineOffset) + ":" + std::to_string(mark.column + 1);
}

namespace {

// YAML 1.1 plain-scalar resolution (yaml.org/type/{bool,null,int,float}), scanned by hand: std::regex
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

std::string describe(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Sequence:
        return "a sequence";
    case YAML::NodeType::Scalar: {
        // Quote only the start of long values: error messages must stay readable (and small).
        const std::string &s = node.Scalar();
        return "the scalar '" + (s.size() > 40 ? s.substr(0, 40) + "...'" : s + "'");
    }
    case YAML::NodeType::Null:
        return "null";
    default:
        return "nothing";
    }
}

bool isPlain(const YAML::Node &node)
{
    return node.IsScalar() && node.Tag() == "?";
}

} // namespace gs::yaml
