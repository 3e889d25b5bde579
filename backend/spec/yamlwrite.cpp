#include "yamlwrite.h"

#include <algorithm>
#include <cctype>

#include "yaml.h"

namespace gs::yaml {

namespace {

std::string spaces(int n)
{
    return std::string(static_cast<std::size_t>(std::max(n, 0)), ' ');
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool isDigits(std::string_view s, std::string_view allowed = "0123456789")
{
    return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

/** YAML 1.2 core-schema numbers, and the exponent forms PC-29 names ("1e3"). */
bool isNumber12(std::string_view s)
{
    std::string_view body = s;
    if (!body.empty() && (body.front() == '+' || body.front() == '-'))
        body.remove_prefix(1);
    if (isDigits(body))
        return true;
    if (s.substr(0, 2) == "0o" && isDigits(s.substr(2), "01234567"))
        return true;
    if (s.substr(0, 2) == "0x" && isDigits(s.substr(2), "0123456789abcdefABCDEF"))
        return true;
    const std::string l = lower(body);
    if (l == ".inf" || l == ".nan")
        return true;
    // [0-9]*(.[0-9]*)?([eE][-+]?[0-9]+)? with at least one digit in the mantissa
    std::size_t i = 0, digits = 0;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])))
        ++i, ++digits;
    if (i < body.size() && body[i] == '.') {
        ++i;
        while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])))
            ++i, ++digits;
    }
    if (digits == 0)
        return false;
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        ++i;
        if (i < body.size() && (body[i] == '+' || body[i] == '-'))
            ++i;
        const auto start = i;
        while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])))
            ++i;
        if (i == start)
            return false;
    }
    return i == body.size();
}

/** A YAML 1.1 timestamp's date part (go-yaml and PyYAML may turn these into times). */
bool looksLikeDate(std::string_view s)
{
    return s.size() >= 8 && isDigits(s.substr(0, 4)) && s[4] == '-' && std::isdigit(static_cast<unsigned char>(s[5]));
}

/** Characters no plain or literal scalar may hold: C0 controls (but tab and line feed), DEL, C1, BOM, NEL, LS, PS. */
bool hasSpecialCharacters(std::string_view s, bool allowLineFeed)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n' && allowLineFeed)
            continue;
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return true;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0)
            return true;
        if (c == 0xE2 && s.substr(i, 3) >= "\xE2\x80\xA8" && s.substr(i, 3) <= "\xE2\x80\xA9")
            return true;
        if (c == 0xEF && (s.substr(i, 3) == "\xEF\xBB\xBF" || s.substr(i, 3) == "\xEF\xBF\xBE" || s.substr(i, 3) == "\xEF\xBF\xBF"))
            return true; // BOM, and U+FFFE/U+FFFF, which YAML readers refuse raw
    }
    return false;
}

bool canBePlain(std::string_view s, bool inFlow)
{
    if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.front() == '\t' || s.back() == '\t')
        return false;
    if (hasSpecialCharacters(s, false) || s.find('\t') != std::string_view::npos)
        return false;
    static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
    if (kIndicators.find(s.front()) != std::string_view::npos) {
        const bool dashLike = s.front() == '-' || s.front() == '?' || s.front() == ':';
        if (!dashLike || s.size() < 2 || s[1] == ' ' || s.substr(0, 3) == "---")
            return false;
    }
    if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos || s.back() == ':')
        return false;
    if (inFlow && s.find_first_of(",[]{}:") != std::string_view::npos)
        return false;
    if (s.substr(0, 3) == "...")
        return false;
    return readsAsString(s);
}

std::string tagText(const std::string &tag)
{
    static const std::string kCore = "tag:yaml.org,2002:";
    if (tag.empty())
        return {};
    if (tag.rfind(kCore, 0) == 0)
        return "!!" + tag.substr(kCore.size());
    if (tag.front() == '!')
        return tag;
    return "!<" + tag + ">";
}

/** A comment of the source: where it starts and its text from '#' to the end of the line. */
struct Comment {
    std::size_t offset;
    int line;
    int column;
    std::string text;
};

class Writer
{
public:
    Writer(std::string_view source, const FormatOptions &options)
        : m_src(source)
        , m_options(options)
        , m_index(source)
    {
    }

    /** Finds every comment: a '#' after white space or at a line start, outside scalars. */
    void scanComments(const std::vector<Document> &docs)
    {
        std::vector<std::pair<std::size_t, std::size_t>> spans;
        const auto collect = [&](const auto &self, const Node &n) -> void {
            if (!n.alias().empty())
                return;
            if (n.isScalar()) {
                std::size_t from = n.start().offset;
                if (n.style() == ScalarStyle::Literal || n.style() == ScalarStyle::Folded)
                    from = m_index.lineStart(n.start().line + 1); // the header line may hold a comment
                spans.emplace_back(from, n.end().offset);
                return;
            }
            for (const auto &e : n.entries()) {
                self(self, e.key);
                self(self, e.value);
            }
            for (const auto &i : n.items())
                self(self, i);
        };
        for (const auto &d : docs)
            collect(collect, d.root);
        std::sort(spans.begin(), spans.end());
        std::size_t s = 0;
        for (std::size_t i = 0; i < m_src.size(); ++i) {
            while (s < spans.size() && spans[s].second <= i)
                ++s;
            if (s < spans.size() && spans[s].first <= i && i < spans[s].second) {
                i = spans[s].second - 1;
                continue;
            }
            if (m_src[i] != '#' || (i > 0 && m_src[i - 1] != ' ' && m_src[i - 1] != '\t' && m_src[i - 1] != '\n' && m_src[i - 1] != '\r'))
                continue;
            // A comment ends at a line break as libyaml counts them (also NEL, LS and PS).
            std::size_t end = i;
            while (end < m_src.size() && m_src[end] != '\n' && m_src[end] != '\r' && m_src.substr(end, 2) != "\xC2\x85"
                && m_src.substr(end, 3) != "\xE2\x80\xA8" && m_src.substr(end, 3) != "\xE2\x80\xA9")
                ++end;
            std::string text(m_src.substr(i, end - i));
            while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
                text.pop_back();
            const int line = m_index.lineOf(i);
            m_comments.push_back({i, line, static_cast<int>(i - m_index.lineStart(line)), std::move(text)});
            i = end;
        }
    }

    void documents(const std::vector<Document> &docs)
    {
        bool first = true;
        for (const auto &doc : docs) {
            if (doc.root.isNull() && !doc.root.isDefined())
                continue;
            if (doc.root.isNull() && doc.root.isPlain() && doc.root.scalar().empty())
                continue; // an empty document: skipped (PC-30); its comments go with the next one
            if (!first) {
                flush(doc.start.valid() ? doc.start.offset : 0, 0);
                closeLine();
                m_out += "---\n";
                m_suppressBlank = true;
                if (doc.start.valid())
                    m_lastLine = doc.start.line;
            }
            first = false;
            root(doc.root);
        }
        flush(m_src.size(), 0);
        closeLine();
    }

    void root(const Node &n)
    {
        m_dataBlocks = false;
        if (n.isMapping() && !n.alias().size() && !keepFlow(n) && n.size() > 0) {
            m_configMap = n.get("kind").scalar() == "ConfigMap";
            mapping(n, 0, false);
            m_configMap = false;
        } else if (n.isSequence() && !n.alias().size() && !keepFlow(n) && n.size() > 0) {
            sequence(n, 0, false);
        } else {
            beginLine(n, 0);
            const std::string v = valueAfterKey(n, 0, false);
            m_out += v.size() > 0 && v.front() == ' ' ? v.substr(1) : v;
        }
    }

    /** Block mapping entries at `indent`; `inlineFirst`: the first entry goes on the current line (after "- "). */
    void mapping(const Node &n, int indent, bool inlineFirst)
    {
        bool first = true;
        const bool data = m_configMap && indent == 0;
        for (const auto &e : n.entries()) {
            if (first && inlineFirst) {
                flush(e.key.start().valid() ? e.key.start().offset : 0, indent + 2);
                markLine(e.key);
            } else {
                beginLine(e.key, indent);
            }
            first = false;
            writeKey(e.key, indent);
            m_lineOpen = true;
            markLine(e.key);
            const bool wasData = m_dataBlocks;
            m_dataBlocks = data && e.key.scalar() == "data";
            valueInPlace(e.value, indent);
            m_dataBlocks = wasData;
        }
        if (n.end().valid())
            flush(n.end().offset, indent, n.start().column);
    }

    void sequence(const Node &n, int indent, bool inlineFirst)
    {
        bool first = true;
        for (const auto &item : n.items()) {
            if (first && inlineFirst) {
                flush(item.start().valid() ? item.start().offset : 0, indent + 2);
                markLine(item);
            } else {
                beginLine(item, indent);
            }
            first = false;
            m_out += "-";
            m_lineOpen = true;
            markLine(item);
            const std::string props = properties(item);
            if (item.alias().empty() && props.empty() && !keepFlow(item) && item.size() > 0 && item.isMapping()) {
                m_out += ' ';
                mapping(item, indent + 2, true);
            } else if (item.alias().empty() && props.empty() && !keepFlow(item) && item.size() > 0 && item.isSequence()) {
                m_out += ' ';
                sequence(item, indent + 2, true);
            } else {
                valueInPlace(item, indent);
            }
        }
        if (n.end().valid())
            flush(n.end().offset, indent, n.start().column);
    }

    /** Writes `n` as the value after "key:" or "-" (the line is open), nested collections below at indent + 2. */
    void valueInPlace(const Node &n, int indent)
    {
        const std::string props = properties(n);
        if (!n.alias().empty()) {
            m_out += props + " *" + n.alias();
            markLine(n);
            return;
        }
        if (n.isMapping() && n.size() > 0 && !keepFlow(n)) {
            m_out += props;
            m_suppressBlank = true;
            const bool data = m_dataBlocks;
            m_dataBlocks = false;
            if (data) {
                // ConfigMap data: each value becomes a literal block (decisions: read back identically).
                for (const auto &e : n.entries()) {
                    beginLine(e.key, indent + m_options.indent);
                    writeKey(e.key, indent + m_options.indent);
                    m_lineOpen = true;
                    markLine(e.key);
                    // Only text: a plain number or bool stays as written (validate reports it; fmt never changes meaning).
                    const bool text = !e.value.isPlain() || classifyPlain11(e.value.scalar()) == Plain11::String;
                    if (e.value.isScalar() && text && e.value.alias().empty() && m_options.dataAsBlocks && e.value.tag().empty())
                        blockOrQuoted(e.value, indent + m_options.indent, true);
                    else
                        valueInPlace(e.value, indent + m_options.indent);
                }
                if (n.end().valid())
                    flush(n.end().offset, indent + m_options.indent, n.start().column);
            } else {
                mapping(n, indent + m_options.indent, false);
            }
            return;
        }
        if (n.isSequence() && n.size() > 0 && !keepFlow(n)) {
            m_out += props;
            m_suppressBlank = true;
            sequence(n, indent + m_options.indent, false);
            return;
        }
        if (n.isMapping() || n.isSequence()) {
            m_out += props + " " + flow(n);
            markLine(n, true);
            return;
        }
        // A scalar.
        const std::string &v = n.scalar();
        const bool multiLine = v.find('\n') != std::string::npos;
        if (multiLine) { // a plain scalar with blank lines holds line breaks too
            m_out += props;
            blockOrQuoted(n, indent, false);
            return;
        }
        const std::string text = scalar(n, false);
        m_out += props + (text.empty() ? "" : " ") + text;
        markLine(n, true);
    }

    /** A literal block for `n`'s text at content indent + 2, or double quotes when no block holds it exactly. */
    void blockOrQuoted(const Node &n, int indent, bool always)
    {
        const std::string &v = n.scalar();
        auto block = literalBlock(v, indent + m_options.indent);
        if (!block || (!always && v.find('\n') == std::string::npos)) {
            m_out += " " + (n.isPlain() && !n.isNull() && n.scalar().find('\n') == std::string::npos ? n.scalar() : doubleQuoted(v));
            markLine(n, true);
            return;
        }
        const auto eol = block->find('\n');
        m_out += " " + block->substr(0, eol);
        m_lineOpen = true;
        // Comments on the value's own lines ("key: |  # note", or after a quoted value made a block)
        // can only go on the header line: anywhere else they would end the block or join its text.
        if (n.start().valid()) {
            const bool wasBlock = n.style() == ScalarStyle::Literal || n.style() == ScalarStyle::Folded;
            const std::size_t upTo = wasBlock ? m_index.lineStart(n.start().line + 1) : m_index.lineStart(n.end().line + 1);
            while (m_next < m_comments.size() && m_comments[m_next].offset < upTo) {
                m_out += " " + m_comments[m_next].text;
                m_lastLine = std::max(m_lastLine, m_comments[m_next].line);
                ++m_next;
            }
        }
        m_out += block->substr(eol);
        m_lineOpen = false;
        if (n.end().valid()) {
            int last = n.end().line - 1;
            while (last > n.start().line && blankLine(last))
                --last;
            m_lastLine = std::max(m_lastLine, last);
        }
        // After a "keep" block (|+) a blank line would become part of its value.
        if (block->rfind("|+", 0) == 0)
            m_suppressBlank = true;
    }

    /** "key:", or "?\n:" for an empty plain key (null), which has no implicit form. */
    void writeKey(const Node &k, int indent)
    {
        if (k.isPlain() && k.scalar().empty() && k.alias().empty()) {
            m_out += "?\n" + spaces(indent) + ":";
            return;
        }
        const std::string text = key(k);
        if (text.size() > 1000) { // implicit keys may be at most 1024 characters: use an explicit one
            m_out += "? " + text + "\n" + spaces(indent) + ":";
            return;
        }
        m_out += text;
        m_out += ':';
    }

    std::string key(const Node &k)
    {
        std::string out = properties(k);
        if (!out.empty())
            out.erase(0, 1), out += ' ';
        if (!k.alias().empty())
            return out + "*" + k.alias() + " ";
        std::string text = scalar(k, false);
        if (text.find('\n') != std::string::npos)
            text = doubleQuoted(k.scalar());
        return out + text;
    }

    /** " &anchor !tag" (leading space each), or empty. */
    static std::string properties(const Node &n)
    {
        std::string out;
        if (!n.alias().empty())
            return out;
        if (!n.anchor().empty())
            out += " &" + n.anchor();
        if (!n.tag().empty())
            out += " " + tagText(n.tag());
        return out;
    }

    /** One-line text of a scalar, in its own style where that reads back the same. */
    static std::string scalar(const Node &n, bool inFlow)
    {
        const std::string &v = n.scalar();
        switch (n.style()) {
        case ScalarStyle::Plain:
            // "--- x" or "... x" at a line start would be a document marker.
            if (v.find('\n') == std::string::npos && !hasSpecialCharacters(v, false) && v.rfind("---", 0) != 0 && v.rfind("...", 0) != 0
                && (!inFlow || canBePlain(v, true) || !n.tag().empty() || n.isPlain()))
                return v.empty() && !n.tag().empty() ? std::string("\"\"") : v;
            return doubleQuoted(v);
        case ScalarStyle::SingleQuoted:
            if (auto s = singleQuoted(v))
                return *s;
            return doubleQuoted(v);
        default:
            return doubleQuoted(v);
        }
    }

    bool keepFlow(const Node &n) const
    {
        if (!n.isFlow() || !n.alias().empty())
            return false;
        if (n.size() == 0)
            return true;
        if (n.start().valid() && n.end().valid()) {
            if (n.start().line != n.end().line)
                return false;
            const auto inside = std::find_if(m_comments.begin(), m_comments.end(),
                [&](const Comment &c) { return c.offset > n.start().offset && c.offset < n.end().offset; });
            if (inside != m_comments.end())
                return false;
        }
        return flow(n).size() <= static_cast<std::size_t>(m_options.flowWidth);
    }

    /** A collection in flow style on one line. */
    std::string flow(const Node &n) const
    {
        const auto item = [&](const Node &v) -> std::string {
            const std::string p = properties(v);
            const std::string pre = p.empty() ? std::string() : p.substr(1) + " ";
            if (!v.alias().empty())
                return "*" + v.alias();
            if (v.isScalar())
                return pre + scalar(v, true);
            return pre + flow(v);
        };
        std::string out;
        if (n.isMapping()) {
            out = "{";
            bool first = true;
            for (const auto &e : n.entries()) {
                out += first ? "" : ", ";
                first = false;
                out += item(e.key) + ": " + item(e.value);
            }
            return out + "}";
        }
        out = "[";
        bool first = true;
        for (const auto &i : n.items()) {
            out += first ? "" : ", ";
            first = false;
            out += item(i);
        }
        return out + "]";
    }

    // --- lines and comments -----------------------------------------------------------------

    /** Starts a new output line at `indent` for node `n`, first writing the comments before it. */
    void beginLine(const Node &n, int indent)
    {
        if (n.start().valid())
            flush(n.start().offset, indent);
        closeLine();
        if (n.start().valid()) {
            blankBefore(n.start().line);
            m_lastLine = std::max(m_lastLine, n.start().line);
        }
        m_suppressBlank = false;
        m_out += spaces(indent);
    }

    void markLine(const Node &n, bool toEnd = false)
    {
        if (n.start().valid())
            m_lastLine = std::max(m_lastLine, toEnd && n.end().valid() ? n.end().line : n.start().line);
    }

    /** Writes the comments that start before `upTo`; with `minColumn`, stops at one further left (it belongs to an outer level). */
    void flush(std::size_t upTo, int indent, int minColumn = -1)
    {
        while (m_next < m_comments.size() && m_comments[m_next].offset < upTo) {
            const Comment &c = m_comments[m_next];
            const bool trailing = m_lineOpen && c.line == m_lastLine;
            if (!trailing && minColumn >= 0 && c.column < minColumn)
                return;
            if (trailing) {
                m_out += " " + c.text;
            } else {
                closeLine();
                blankBefore(c.line);
                m_out += spaces(indent) + c.text;
                m_lineOpen = true;
            }
            m_suppressBlank = false;
            m_lastLine = std::max(m_lastLine, c.line);
            ++m_next;
        }
    }

    void closeLine()
    {
        if (m_lineOpen)
            m_out += '\n';
        m_lineOpen = false;
    }

    bool blankLine(int line) const
    {
        const std::size_t from = m_index.lineStart(line);
        const std::size_t to = m_index.lineStart(line + 1);
        for (std::size_t i = from; i < to && i < m_src.size(); ++i) {
            if (m_src[i] != ' ' && m_src[i] != '\t' && m_src[i] != '\n' && m_src[i] != '\r')
                return false;
        }
        return from < m_src.size();
    }

    /** One blank line before source line `line` when the source had blank lines since the last one written. */
    void blankBefore(int line)
    {
        if (m_suppressBlank || m_out.empty() || m_lastLine < 0)
            return;
        for (int l = m_lastLine + 1; l < line; ++l) {
            if (blankLine(l)) {
                m_out += '\n';
                return;
            }
        }
    }

    std::string take() { return std::move(m_out); }
    [[nodiscard]] bool allCommentsWritten() const { return m_next == m_comments.size(); }
    [[nodiscard]] const Comment *firstUnwritten() const { return m_next < m_comments.size() ? &m_comments[m_next] : nullptr; }
    std::string valueAfterKey(const Node &n, int indent, bool data)
    {
        const auto mark = m_out.size();
        m_lineOpen = true;
        m_dataBlocks = data;
        valueInPlace(n, indent);
        closeLine();
        std::string out = m_out.substr(mark);
        m_out.resize(mark);
        return out;
    }

private:
    std::string_view m_src;
    const FormatOptions &m_options;
    LineIndex m_index;
    std::vector<Comment> m_comments;
    std::size_t m_next = 0;
    std::string m_out;
    bool m_lineOpen = false;
    bool m_suppressBlank = true;
    int m_lastLine = -1;
    bool m_configMap = false;
    bool m_dataBlocks = false;
};

} // namespace

bool readsAsString(std::string_view text)
{
    if (text.empty())
        return false;
    static const std::vector<std::string> kWords {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "=", "<<"};
    const std::string l = lower(text);
    if (std::find(kWords.begin(), kWords.end(), l) != kWords.end())
        return false;
    if (classifyPlain11(text) != Plain11::String || isNumber12(text) || looksLikeDate(text))
        return false;
    return true;
}

std::string stringScalar(std::string_view value, bool inFlow)
{
    return canBePlain(value, inFlow) ? std::string(value) : doubleQuoted(value);
}

std::string doubleQuoted(std::string_view v)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto c = static_cast<unsigned char>(v[i]);
        switch (c) {
        case '"':
            out += "\\\"";
            continue;
        case '\\':
            out += "\\\\";
            continue;
        case '\0':
            out += "\\0";
            continue;
        case '\a':
            out += "\\a";
            continue;
        case '\b':
            out += "\\b";
            continue;
        case '\t':
            out += "\\t";
            continue;
        case '\n':
            out += "\\n";
            continue;
        case '\v':
            out += "\\v";
            continue;
        case '\f':
            out += "\\f";
            continue;
        case '\r':
            out += "\\r";
            continue;
        case 0x1B:
            out += "\\e";
            continue;
        default:
            break;
        }
        if (c < 0x20 || c == 0x7F) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        } else if (c == 0xC2 && i + 1 < v.size() && static_cast<unsigned char>(v[i + 1]) < 0xA0) {
            const auto d = static_cast<unsigned char>(v[++i]);
            out += d == 0x85 ? std::string("\\N") : std::string("\\x") + kHex[d >> 4] + kHex[d & 0xF];
        } else if (c == 0xE2 && v.substr(i, 3) == "\xE2\x80\xA8") {
            out += "\\L";
            i += 2;
        } else if (c == 0xE2 && v.substr(i, 3) == "\xE2\x80\xA9") {
            out += "\\P";
            i += 2;
        } else if (c == 0xEF && v.substr(i, 3) == "\xEF\xBB\xBF") {
            out += "\\uFEFF";
            i += 2;
        } else if (c == 0xEF && (v.substr(i, 3) == "\xEF\xBF\xBE" || v.substr(i, 3) == "\xEF\xBF\xBF")) {
            out += v[i + 2] == '\xBE' ? "\\uFFFE" : "\\uFFFF";
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::optional<std::string> singleQuoted(std::string_view v)
{
    if (hasSpecialCharacters(v, false))
        return std::nullopt;
    std::string out = "'";
    for (char c : v) {
        out += c;
        if (c == '\'')
            out += '\'';
    }
    return out + "'";
}

namespace {
std::optional<std::string> literalUnchecked(std::string_view value, int indent)
{
    if (value.empty() || hasSpecialCharacters(value, true))
        return std::nullopt;
    std::size_t trailing = 0;
    while (trailing < value.size() && value[value.size() - 1 - trailing] == '\n')
        ++trailing;
    std::string_view body = value;
    if (trailing > 0)
        body.remove_suffix(1);
    // The indentation is detected from the first non-empty line: it may not start with a space.
    const auto firstText = body.find_first_not_of('\n');
    if (firstText == std::string_view::npos || body[firstText] == ' ' || body[firstText] == '\t')
        return std::nullopt;
    std::string out = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
    out += '\n';
    std::size_t start = 0;
    while (true) {
        const auto nl = body.find('\n', start);
        const auto line = body.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (!line.empty())
            out += spaces(indent) + std::string(line);
        out += '\n';
        if (nl == std::string_view::npos)
            break;
        start = nl + 1;
    }
    return out;
}
} // namespace

std::optional<std::string> literalBlock(std::string_view value, int indent)
{
    auto block = literalUnchecked(value, indent);
    if (!block)
        return std::nullopt;
    // Prove it: the same block under a key must read back as exactly `value`.
    auto check = literalUnchecked(value, 2);
    auto parsed = parseSingle("k: " + *check, "<literal>");
    if (!parsed || parsed->get("k").scalar() != value || parsed->get("k").style() != ScalarStyle::Literal)
        return std::nullopt;
    return block;
}

Result<std::string> format(std::string_view text, std::string_view origin, const FormatOptions &options)
{
    auto docs = parseStream(text, origin);
    if (!docs)
        return tl::unexpected(docs.error());
    Writer w(text, options);
    w.scanComments(*docs);
    w.documents(*docs);
    if (const auto *lost = w.firstUnwritten())
        return fail("cannot place the comment " + lost->text.substr(0, 40) + "; the file is left as it is",
            std::string(origin) + ":" + std::to_string(lost->line + 1) + ":" + std::to_string(lost->column + 1));
    return w.take();
}

std::string write(const std::vector<Node> &documents, const FormatOptions &options)
{
    std::vector<Document> docs;
    for (const auto &n : documents)
        docs.push_back(Document {n, 1, {}, {}, false});
    Writer w({}, options);
    w.documents(docs);
    return w.take();
}

std::string writeValue(const Node &node, int indent, const FormatOptions &options)
{
    Writer w({}, options);
    return w.valueAfterKey(node, indent, false);
}

} // namespace gs::yaml
