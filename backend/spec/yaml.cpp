#include "yaml.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include <sys/stat.h>

#include <yaml.h> // libyaml

#include "core/printable.h"

namespace gs::yaml {

namespace {

std::string at(std::string_view origin, const yaml_mark_t &mark)
{
    return std::string(origin) + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string text(const yaml_char_t *s)
{
    return s ? std::string(reinterpret_cast<const char *>(s)) : std::string();
}

/** A mapping or sequence being built; mappings remember their keys to catch repeats. */
struct Frame {
    std::shared_ptr<Node::Data> data;
    std::string anchor;
    bool haveKey = false;
    Node key;
    std::unordered_map<std::string, int> keyLines;
};

/**
 * Builds nodes from libyaml's events. Beyond what libyaml checks it refuses what would be
 * silently wrong later: a key given twice in one mapping (the last would win unseen), merge keys
 * (`<<`, which yaml-cpp and many tools keep as an ordinary key), keys that are not scalars,
 * undefined or recursive aliases, and alias "bombs" that expand without bound.
 */
class Loader
{
public:
    Loader(std::string_view text, std::string_view origin)
        : m_text(text)
        , m_origin(origin)
        , m_index(text)
    {
    }

    Result<std::vector<Document>> run()
    {
        yaml_parser_t parser;
        if (!yaml_parser_initialize(&parser))
            return fail("out of memory initialising the YAML parser", std::string(m_origin));
        yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(m_text.data()), m_text.size());
        Result<void> result;
        bool done = false;
        while (result && !done) {
            yaml_event_t event;
            if (!yaml_parser_parse(&parser, &event)) {
                std::string msg = parser.problem ? parser.problem : "invalid YAML";
                if (parser.context)
                    msg = std::string(parser.context) + ": " + msg;
                yaml_mark_t where = parser.problem ? parser.problem_mark : parser.context_mark;
                if (parser.error == YAML_READER_ERROR) {
                    // The reader (bad UTF-8, a NUL or another control character) gives only a byte offset.
                    const std::size_t offset = std::min(parser.problem_offset, m_text.size());
                    const int line = m_index.lineOf(offset);
                    where.index = offset;
                    where.line = static_cast<std::size_t>(line);
                    where.column = offset - m_index.lineStart(line);
                }
                result = fail("invalid YAML: " + msg, at(m_origin, where));
                break;
            }
            ++m_events;
            done = event.type == YAML_STREAM_END_EVENT;
            result = handle(event);
            yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
        if (!result)
            return tl::unexpected(result.error());
        return std::move(m_docs);
    }

private:
    Mark mark(const yaml_mark_t &m) const
    {
        Mark r;
        r.line = static_cast<int>(m.line);
        r.column = static_cast<int>(m.column);
        r.offset = m_index.offset(r.line, r.column);
        return r;
    }

    Result<void> handle(const yaml_event_t &event)
    {
        switch (event.type) {
        case YAML_DOCUMENT_START_EVENT:
            // Each document costs far more than its "---": 8 million of them took gigabytes.
            if (m_docs.size() >= kMaxDocuments)
                return fail("more than " + std::to_string(kMaxDocuments) + " YAML documents", at(m_origin, event.start_mark));
            m_anchors.clear();
            m_docs.emplace_back();
            m_docs.back().start = mark(event.start_mark);
            m_docs.back().explicitStart = !event.data.document_start.implicit;
            return {};
        case YAML_DOCUMENT_END_EVENT:
            m_docs.back().end = mark(event.end_mark);
            if (m_docs.back().root.isDefined())
                m_docs.back().line = m_docs.back().root.start().line + 1;
            return {};
        case YAML_SCALAR_EVENT: {
            auto d = std::make_shared<Node::Data>();
            d->type = NodeType::Scalar;
            d->scalar.assign(reinterpret_cast<const char *>(event.data.scalar.value), event.data.scalar.length);
            d->tag = text(event.data.scalar.tag);
            switch (event.data.scalar.style) {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE:
                d->style = ScalarStyle::SingleQuoted;
                break;
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
                d->style = ScalarStyle::DoubleQuoted;
                break;
            case YAML_LITERAL_SCALAR_STYLE:
                d->style = ScalarStyle::Literal;
                break;
            case YAML_FOLDED_SCALAR_STYLE:
                d->style = ScalarStyle::Folded;
                break;
            default:
                d->style = ScalarStyle::Plain;
                break;
            }
            d->start = mark(event.start_mark);
            d->end = mark(event.end_mark);
            d->anchor = text(event.data.scalar.anchor);
            if (!d->anchor.empty())
                m_anchors[d->anchor] = d;
            return attach(Node(d), event.start_mark);
        }
        case YAML_ALIAS_EVENT: {
            const std::string name = text(event.data.alias.anchor);
            const auto it = m_anchors.find(name);
            if (it == m_anchors.end()) {
                const bool open = std::any_of(m_stack.begin(), m_stack.end(), [&](const Frame &f) { return f.anchor == name; });
                return fail(open ? "alias *" + name + " refers to the node that contains it; recursive aliases are not supported"
                                 : "alias *" + name + " refers to no anchor defined before it in this document",
                    at(m_origin, event.start_mark));
            }
            auto d = std::make_shared<Node::Data>();
            d->type = it->second->type;
            d->alias = name;
            d->target = it->second;
            d->weight = it->second->weight;
            d->start = mark(event.start_mark);
            d->end = mark(event.end_mark);
            return attach(Node(d), event.start_mark);
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            if (m_stack.size() >= kMaxNesting)
                return fail("YAML nested deeper than " + std::to_string(kMaxNesting) + " levels", at(m_origin, event.start_mark));
            const bool isMap = event.type == YAML_MAPPING_START_EVENT;
            auto d = std::make_shared<Node::Data>();
            d->type = isMap ? NodeType::Mapping : NodeType::Sequence;
            d->tag = text(isMap ? event.data.mapping_start.tag : event.data.sequence_start.tag);
            d->flow = isMap ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                            : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
            d->anchor = text(isMap ? event.data.mapping_start.anchor : event.data.sequence_start.anchor);
            d->start = mark(event.start_mark);
            m_stack.push_back(Frame {d, d->anchor, false, {}, {}});
            return {};
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            Frame frame = std::move(m_stack.back());
            m_stack.pop_back();
            frame.data->end = mark(event.end_mark);
            if (!frame.anchor.empty())
                m_anchors[frame.anchor] = frame.data;
            const yaml_mark_t start {frame.data->start.offset, static_cast<std::size_t>(frame.data->start.line),
                static_cast<std::size_t>(frame.data->start.column)};
            return attach(Node(frame.data), start);
        }
        default:
            return {};
        }
    }

    /** Adds a complete node to the collection being built, or makes it the document's root. */
    Result<void> attach(Node node, const yaml_mark_t &startMark)
    {
        if (m_stack.empty()) {
            m_docs.back().root = std::move(node);
            return {};
        }
        Frame &f = m_stack.back();
        if (f.data->type == NodeType::Mapping && !f.haveKey) {
            if (!node.isScalar())
                return fail(
                    "keys must be scalars; a " + std::string(node.isMapping() ? "mapping" : "sequence") + " as a key is not supported",
                    at(m_origin, startMark));
            const std::string &key = node.scalar();
            if (key == "<<" && node.isPlain())
                return fail("merge keys (<<) are not supported; write the keys out", at(m_origin, startMark));
            if (auto [it, fresh] = f.keyLines.emplace(key, node.start().line + 1); !fresh)
                return fail("key " + quoted(key, 80) + " appears twice in one mapping (first at line " + std::to_string(it->second)
                        + "); only one may be given",
                    at(m_origin, startMark));
            f.key = std::move(node);
            f.haveKey = true;
            return {};
        }
        const std::size_t added = node.weight() + (f.haveKey ? f.key.weight() : 0);
        f.data->weight += added;
        m_total += added;
        if (m_total > kMaxNodesBase + 4 * m_events)
            return fail(
                "aliases expand to more than " + std::to_string(m_total) + " nodes; refusing a document this large (an alias bomb?)",
                at(m_origin, startMark));
        if (f.data->type == NodeType::Mapping) {
            f.data->entries.push_back({std::move(f.key), std::move(node)});
            f.key = Node();
            f.haveKey = false;
        } else {
            f.data->items.push_back(std::move(node));
        }
        return {};
    }

    static constexpr std::size_t kMaxNodesBase = 1000000;
    static constexpr std::size_t kMaxDocuments = 10000;

    std::string_view m_text;
    std::string_view m_origin;
    LineIndex m_index;
    std::vector<Document> m_docs;
    std::vector<Frame> m_stack;
    std::unordered_map<std::string, std::shared_ptr<Node::Data>> m_anchors;
    std::size_t m_events = 0;
    std::size_t m_total = 0;
};

} // namespace

LineIndex::LineIndex(std::string_view text)
    : m_text(text)
{
    std::size_t i = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        i = 3;
    m_starts.push_back(i);
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            m_starts.push_back(++i);
        } else if (c == '\r') {
            i += i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
            m_starts.push_back(i);
        } else if (c < 0x80) {
            ++i;
        } else {
            m_ascii = false;
            const auto rest = text.substr(i, 3);
            if (rest.substr(0, 2) == "\xC2\x85") {
                m_starts.push_back(i += 2);
            } else if (rest == "\xE2\x80\xA8" || rest == "\xE2\x80\xA9") {
                m_starts.push_back(i += 3);
            } else {
                ++i;
            }
        }
    }
}

std::size_t LineIndex::lineStart(int line) const
{
    if (line < 0)
        return 0;
    if (static_cast<std::size_t>(line) >= m_starts.size())
        return m_text.size();
    return m_starts[static_cast<std::size_t>(line)];
}

std::size_t LineIndex::offset(int line, int column) const
{
    std::size_t i = lineStart(line);
    if (m_ascii)
        return std::min(i + static_cast<std::size_t>(std::max(column, 0)), m_text.size());
    // Columns count characters: step over UTF-8 sequences.
    for (int c = 0; c < column && i < m_text.size(); ++c) {
        const auto b = static_cast<unsigned char>(m_text[i]);
        i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }
    return std::min(i, m_text.size());
}

int LineIndex::lineOf(std::size_t offset) const
{
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    return static_cast<int>(std::max<std::ptrdiff_t>(it - m_starts.begin() - 1, 0));
}

Result<std::vector<Document>> parseStream(std::string_view text, std::string_view origin)
{
    if (text.size() > kMaxInputBytes)
        return fail("input is larger than " + std::to_string(kMaxInputBytes) + " bytes", std::string(origin));
    return Loader(text, origin).run();
}

Result<std::vector<Document>> parseDocuments(std::string_view text, std::string_view origin)
{
    auto docs = parseStream(text, origin);
    if (!docs)
        return tl::unexpected(docs.error());
    std::vector<Document> out;
    for (auto &d : *docs) {
        if (!d.root.isNull())
            out.push_back(std::move(d));
    }
    return out;
}

Result<Node> parseSingle(std::string_view text, std::string_view origin)
{
    auto docs = parseDocuments(text, origin);
    if (!docs)
        return tl::unexpected(docs.error());
    if (docs->size() > 1)
        return fail("expected one YAML document, found " + std::to_string(docs->size()), std::string(origin));
    return docs->empty() ? Node() : docs->front().root;
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

std::string location(std::string_view origin, const Node &node, int lineOffset)
{
    const auto mark = node.start();
    if (!mark.valid())
        return std::string(origin);
    return std::string(origin) + ":" + std::to_string(mark.line + 1 + lineOffset) + ":" + std::to_string(mark.column + 1);
}

std::string describe(const Node &node)
{
    switch (node.type()) {
    case NodeType::Mapping:
        return "a mapping";
    case NodeType::Sequence:
        return "a sequence";
    case NodeType::Scalar:
        if (node.isNull())
            return "null";
        // Quote only the start of long values: error messages must stay readable (and small).
        return "the scalar " + quoted(node.scalar(), 40);
    case NodeType::Undefined:
        return "nothing";
    }
    return "nothing";
}

} // namespace gs::yaml
