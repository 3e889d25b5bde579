#include "yaml.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
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

Plain11 classifyPlain11(std::string_view s)
{
    static const std::regex boolRe("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    static const std::regex nullRe("~|null|Null|NULL|");
    static const std::regex intRe("[-+]?(0b[0-1_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)");
    static const std::regex floatRe("[-+]?(([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+"
                                    "|[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*)|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    const std::string str(s);
    if (std::regex_match(str, nullRe))
        return Plain11::Null;
    if (std::regex_match(str, boolRe))
        return Plain11::Bool;
    if (std::regex_match(str, intRe))
        return Plain11::Int;
    if (str != "." && std::regex_match(str, floatRe))
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
