#include "yaml.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <yaml.h> // libyaml

namespace gs::yaml {

namespace {

constexpr int kMaxNesting = 256;

/** Runs libyaml over the whole stream: it never hangs, and it reports line and column. */
Result<void> checkSyntax(std::string_view text, std::string_view origin)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return fail("out of memory initialising the YAML parser", std::string(origin));
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(text.data()), text.size());
    int depth = 0;
    Result<void> result;
    while (true) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            std::string msg = parser.problem ? parser.problem : "invalid YAML";
            if (parser.context)
                msg = std::string(parser.context) + ": " + msg;
            const auto &mark = parser.problem ? parser.problem_mark : parser.context_mark;
            result = fail(
                "invalid YAML: " + msg, std::string(origin) + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1));
            break;
        }
        const auto type = event.type;
        const auto mark = event.start_mark;
        yaml_event_delete(&event);
        if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
            if (++depth > kMaxNesting) {
                result = fail("YAML nested deeper than " + std::to_string(kMaxNesting) + " levels",
                    std::string(origin) + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1));
                break;
            }
        } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
            --depth;
        } else if (type == YAML_STREAM_END_EVENT) {
            break;
        }
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
