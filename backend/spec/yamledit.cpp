#include "yamledit.h"

#include <algorithm>
#include <charconv>

#include "core/printable.h"
#include "yamlwrite.h"

namespace gs::yaml {

namespace {

std::string spaces(int n)
{
    return std::string(static_cast<std::size_t>(std::max(n, 0)), ' ');
}

bool isBlockScalar(const Node &n)
{
    return n.isScalar() && n.alias().empty() && (n.style() == ScalarStyle::Literal || n.style() == ScalarStyle::Folded);
}

bool isBlockCollection(const Node &n)
{
    return (n.isMapping() || n.isSequence()) && n.alias().empty() && !n.isFlow() && n.size() > 0;
}

/** The text being edited with its line index. */
struct Source {
    const std::string &text;
    LineIndex index;

    explicit Source(const std::string &t)
        : text(t)
        , index(t)
    {
    }

    /** Offset of the line break ending the line that holds `offset` (or the end of the text). */
    std::size_t lineEnd(std::size_t offset) const
    {
        const auto nl = text.find_first_of("\r\n", offset);
        return nl == std::string::npos ? text.size() : nl;
    }
    /** Offset just after that line break. */
    std::size_t nextLine(std::size_t offset) const
    {
        const auto nl = text.find('\n', offset);
        return nl == std::string::npos ? text.size() : nl + 1;
    }
    bool blank(int line) const
    {
        for (std::size_t i = index.lineStart(line); i < text.size() && text[i] != '\n'; ++i) {
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
                return false;
        }
        return true;
    }
    /** True if only spaces precede `offset` on its line. */
    bool startsLine(std::size_t offset) const
    {
        for (std::size_t i = index.lineStart(index.lineOf(offset)); i < offset; ++i) {
            if (text[i] != ' ' && text[i] != '\t')
                return false;
        }
        return true;
    }
    /** Where the written content of `n` ends (not its trailing line breaks or comments). */
    std::size_t contentEnd(const Node &n) const
    {
        if (isBlockScalar(n)) {
            int last = n.end().line - 1;
            while (last > n.start().line && blank(last))
                --last;
            return lineEnd(index.lineStart(last));
        }
        if (isBlockCollection(n))
            return contentEnd(n.isMapping() ? n.entries().back().value : n.items().back());
        return n.end().offset;
    }
};

/** A step taken while walking a path: the node reached, its parent, and where it hangs. */
struct Frame {
    Node parent;
    Node node;
    const Entry *entry = nullptr; ///< set when reached by a key
    int item = -1; ///< set when reached by an index
    int ownerColumn = 0; ///< column of the key or '-' owning `node`
    int parentOwnerColumn = 0; ///< the same for `parent`
    bool inFlow = false;
};

/** Text for a new scalar value in the style of the one it replaces (`asString`: the value is text, not YAML). */
std::string scalarText(const Node &old, const Node &value, bool asString, bool inFlow, int contentIndent, bool &block)
{
    block = false;
    const std::string &v = value.scalar();
    if (!asString) { // YAML as typed, or a node made in code: written as the writer would
        if (value.isPlain())
            return v;
        const std::string w = writeValue(value, std::max(contentIndent - 2, 0)); // " text\n" or " |-\n  lines\n"
        block = w.find('\n') + 1 < w.size();
        return block ? w.substr(1) : w.substr(1, w.size() - 2);
    }
    const bool multiLine = v.find('\n') != std::string::npos;
    if (!inFlow && (isBlockScalar(old) || multiLine)) {
        if (auto b = literalBlock(v, contentIndent)) {
            block = true;
            return *b;
        }
        return doubleQuoted(v);
    }
    switch (old.style()) {
    case ScalarStyle::DoubleQuoted:
        return doubleQuoted(v);
    case ScalarStyle::SingleQuoted:
        if (auto s = singleQuoted(v))
            return *s;
        return doubleQuoted(v);
    default:
        return stringScalar(v, inFlow);
    }
}

/** A value node for `value` typed as `kind`. */
Result<Node> valueNode(std::string_view value, ValueKind kind)
{
    if (kind == ValueKind::String) // plain where every reader takes it for this text (PC-29), else quoted
        return Node::scalar(std::string(value), stringScalar(value) == value ? ScalarStyle::Plain : ScalarStyle::DoubleQuoted);
    auto parsed = parseSingle(value, "<value>");
    if (!parsed)
        return fail("not a YAML value: " + parsed.error().message);
    if (!parsed->isDefined())
        return Node::scalar("", ScalarStyle::Plain);
    return *parsed;
}

/** `value` under the keys of `rest` (the missing part of a path). */
Node wrap(const Node &value, const Path &rest, std::size_t from)
{
    Node n = value;
    for (std::size_t i = rest.size(); i-- > from;) {
        Node m = Node::mapping();
        m.add(rest[i].key, n);
        n = m;
    }
    return n;
}

/** Replaces `node` (hanging at `ownerColumn`) by `value`, rewriting only `node`'s text. */
TextEdit replaceNode(const Source &src, const Node &node, const Node &value, int ownerColumn)
{
    std::size_t start = node.start().offset;
    const std::size_t end = src.contentEnd(node);
    std::string text = writeValue(value, ownerColumn);
    if (!text.empty() && text.back() == '\n')
        text.pop_back();
    // The written value starts with " " or a line break: take back the white space before the old one.
    while (start > 0
        && (src.text[start - 1] == ' ' || src.text[start - 1] == '\t' || src.text[start - 1] == '\n' || src.text[start - 1] == '\r'))
        --start;
    return {start, end - start, text};
}

/** Adds `key: value` to mapping `map` (owned at `ownerColumn`). */
TextEdit insertEntry(const Source &src, const Node &map, const std::string &key, const Node &value, int ownerColumn, bool root)
{
    if (isBlockCollection(map) && map.isMapping()) {
        const int column = map.start().column;
        const std::size_t after = src.contentEnd(map);
        std::string text = spaces(column) + stringScalar(key) + ":" + writeValue(value, column);
        if (after >= src.text.size()) {
            // At the end of a text without a final line break: keep it without one.
            if (!text.empty() && text.back() == '\n')
                text.pop_back();
            return {after, 0, "\n" + text};
        }
        return {src.nextLine(after), 0, text};
    }
    Node grown = map.isMapping() ? map : Node::mapping(map.isFlow());
    grown.add(stringScalar(key) == key ? Node::scalar(key) : Node::scalar(key, ScalarStyle::DoubleQuoted), value);
    if (root && !map.isDefined()) {
        std::string text = write({grown});
        const bool needBreak = !src.text.empty() && src.text.back() != '\n';
        return {src.text.size(), 0, (needBreak ? "\n" : "") + text};
    }
    if (root && !map.isMapping())
        return {map.start().offset, src.contentEnd(map) - map.start().offset, write({grown})};
    return replaceNode(src, map, grown, ownerColumn);
}

/** Removes what `f` reached from its parent. */
TextEdit removeFrame(const Source &src, const Frame &f)
{
    const Node &parent = f.parent;
    const bool only = parent.size() == 1;
    if (parent.isFlow() || only) {
        Node shrunk = parent.isMapping() ? Node::mapping(true) : Node::sequence(true);
        if (!only) {
            for (std::size_t i = 0; i < parent.size(); ++i) {
                if (parent.isMapping() && &parent.entries()[i] != f.entry)
                    shrunk.add(parent.entries()[i].key, parent.entries()[i].value);
                else if (parent.isSequence() && static_cast<int>(i) != f.item)
                    shrunk.push(parent.items()[i]);
            }
        }
        return replaceNode(src, parent, shrunk, f.parentOwnerColumn);
    }
    const Node first = f.entry ? f.entry->key : f.node;
    const std::size_t lastEnd = src.contentEnd(f.entry ? f.entry->value : f.node);
    if (src.startsLine(first.start().offset) || f.item >= 0) {
        std::size_t from = src.index.lineStart(first.start().line);
        if (f.item >= 0) { // from the item's dash, which may be on a line of its own
            std::size_t p = first.start().offset;
            while (p > 0 && (src.text[p - 1] == ' ' || src.text[p - 1] == '\t' || src.text[p - 1] == '\n' || src.text[p - 1] == '\r'))
                --p;
            if (p > 0 && src.text[p - 1] == '-')
                from = src.index.lineStart(src.index.lineOf(p - 1));
        }
        const std::size_t to = src.nextLine(lastEnd);
        // The last lines of a text without a final line break: the text keeps having none (a |- block stays |-).
        if (to >= src.text.size() && !src.text.empty() && src.text.back() != '\n' && from > 0)
            return {from - 1, to - (from - 1), {}};
        return {from, to - from, {}};
    }
    // The first key of a mapping that shares its line with "- ": remove up to the next key.
    const auto &entries = parent.entries();
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry &e) { return &e == f.entry; });
    const std::size_t next = (it + 1)->key.start().offset;
    return {first.start().offset, next - first.start().offset, {}};
}

std::string applied(const std::string &text, const TextEdit &e)
{
    std::string out = text;
    out.replace(e.offset, e.length, e.text);
    return out;
}

} // namespace

// --- paths ---------------------------------------------------------------------------------

Result<Path> parsePath(std::string_view text)
{
    Path path;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '.') {
            ++i;
            continue;
        }
        if (text[i] == '[') {
            const auto close = text.find(']', i);
            if (close == std::string_view::npos)
                return fail("unclosed '[' in path " + quoted(text));
            const std::string_view inner = text.substr(i + 1, close - i - 1);
            if (inner.size() >= 2 && inner.front() == '"' && inner.back() == '"') {
                path.push_back({std::string(inner.substr(1, inner.size() - 2)), -1});
            } else {
                int n = -1;
                auto [p, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), n);
                if (ec != std::errc() || p != inner.data() + inner.size() || n < 0)
                    return fail("expected an index or a quoted key in [...] of path " + quoted(text));
                path.push_back({{}, n});
            }
            i = close + 1;
            continue;
        }
        const auto end = text.find_first_of(".[", i);
        path.push_back({std::string(text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)), -1});
        i = end == std::string_view::npos ? text.size() : end;
    }
    return path;
}

std::string pathText(const Path &path)
{
    std::string out;
    for (const auto &s : path) {
        if (s.index >= 0)
            out += "[" + std::to_string(s.index) + "]";
        else if (s.key.find_first_of(".[]") != std::string::npos)
            out += "[\"" + s.key + "\"]";
        else
            out += (out.empty() ? "" : ".") + s.key;
    }
    return out;
}

// --- the editor ----------------------------------------------------------------------------

DocumentEditor::DocumentEditor(std::string text, std::string origin, std::vector<Document> docs)
    : m_text(std::move(text))
    , m_origin(std::move(origin))
    , m_docs(std::move(docs))
{
}

Result<DocumentEditor> DocumentEditor::open(std::string text, std::string origin)
{
    auto docs = parseDocuments(text, origin);
    if (!docs)
        return tl::unexpected(docs.error());
    return DocumentEditor(std::move(text), std::move(origin), std::move(*docs));
}

Node DocumentEditor::find(std::size_t doc, const Path &path) const
{
    if (doc >= m_docs.size())
        return {};
    Node cur = m_docs[doc].root;
    for (const auto &step : path) {
        if (cur.isScalar() && !cur.isNull()) {
            auto inner = parseSingle(cur.scalar(), "<embedded>");
            if (!inner)
                return {};
            cur = *inner;
        }
        if (step.index >= 0) {
            if (!cur.isSequence() || static_cast<std::size_t>(step.index) >= cur.size())
                return {};
            cur = cur.items()[static_cast<std::size_t>(step.index)];
        } else {
            cur = cur.get(step.key);
        }
        if (!cur.isDefined())
            return {};
    }
    return cur;
}

Result<TextEdit> DocumentEditor::plan(const std::string &text, const std::vector<Document> &docs, std::size_t doc, const Path &path,
    const Node *value, bool asString, bool removing) const
{
    if (doc >= docs.size())
        return fail("the file has no document " + std::to_string(doc + 1));
    if (path.empty())
        return fail("an empty path names the whole document");
    const Source src(text);
    std::vector<Frame> chain;
    Node cur = docs[doc].root;
    int ownerColumn = 0;
    bool inFlow = false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const PathStep &step = path[i];
        // A string that holds YAML (a ConfigMap data value): edit inside it.
        if (cur.isScalar() && !cur.isNull() && !chain.empty()) {
            auto innerDocs = parseDocuments(cur.scalar(), "<embedded>");
            if (!innerDocs)
                return fail(pathText(Path(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i)))
                    + " holds invalid YAML: " + innerDocs.error().text());
            const std::string innerText = cur.scalar();
            if (innerDocs->empty())
                innerDocs->push_back(Document {});
            auto inner = plan(
                innerText, *innerDocs, 0, Path(path.begin() + static_cast<std::ptrdiff_t>(i), path.end()), value, asString, removing);
            if (!inner)
                return inner;
            const std::string newInner = applied(innerText, *inner);
            // The embedded document must stay valid YAML too (an alias must keep its anchor).
            if (auto innerCheck = parseDocuments(newInner, "<embedded>"); !innerCheck)
                return fail("the edit would make the YAML of " + pathText(Path(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i)))
                    + " invalid (" + innerCheck.error().text() + "); nothing was changed");
            const Path prefix(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i));
            // Literal blocks map line by line: only the changed lines of the file change.
            if (cur.style() == ScalarStyle::Literal) {
                const LineIndex innerIndex(innerText);
                const int baseLine = cur.start().line + 1;
                int indent = -1;
                for (int l = baseLine; l < src.index.lineCount() && indent < 0; ++l) {
                    if (!src.blank(l)) {
                        indent = 0;
                        for (std::size_t k = src.index.lineStart(l); k < text.size() && text[k] == ' '; ++k)
                            ++indent;
                    }
                }
                const auto map = [&](std::size_t off, bool &atLineStart) {
                    const int l = innerIndex.lineOf(off);
                    const std::size_t within = off - innerIndex.lineStart(l);
                    const std::size_t lineStart = src.index.lineStart(baseLine + l);
                    atLineStart = within == 0;
                    if (within == 0)
                        return lineStart;
                    return std::min(lineStart + static_cast<std::size_t>(std::max(indent, 0)) + within, src.lineEnd(lineStart));
                };
                bool startAtLine = false, endAtLine = false;
                const std::size_t outerStart = map(inner->offset, startAtLine);
                const std::size_t outerEnd = map(inner->offset + inner->length, endAtLine);
                std::string t;
                const std::string pad = spaces(std::max(indent, 0));
                if (startAtLine && !inner->text.empty() && inner->text.front() != '\n')
                    t += pad;
                for (std::size_t k = 0; k < inner->text.size(); ++k) {
                    t += inner->text[k];
                    if (inner->text[k] == '\n' && k + 1 < inner->text.size() && inner->text[k + 1] != '\n')
                        t += pad;
                }
                TextEdit outer {outerStart, outerEnd - outerStart, t};
                auto check = parseDocuments(applied(text, outer), "<check>");
                if (check && doc < check->size() && indent > 0) {
                    const DocumentEditor probe(applied(text, outer), "<check>", *check);
                    if (probe.find(doc, prefix).scalar() == newInner)
                        return outer;
                }
            }
            // Otherwise the value is written again, as a literal block where one holds it exactly.
            Node replacement = Node::scalar(newInner, ScalarStyle::Literal);
            const Frame &owner = chain.back();
            bool block = false;
            const std::string newText = scalarText(cur, replacement, true, false, owner.ownerColumn + 2, block);
            const std::size_t end = src.contentEnd(cur);
            const bool trailingComment = src.text.find('#', end) < src.lineEnd(end);
            if (block && !trailingComment)
                return TextEdit {cur.start().offset, end - cur.start().offset, newText.substr(0, newText.size() - 1)};
            return TextEdit {cur.start().offset, end - cur.start().offset, doubleQuoted(newInner)};
        }
        Frame f;
        f.parent = cur;
        f.parentOwnerColumn = ownerColumn;
        f.inFlow = inFlow || cur.isFlow();
        if (step.index >= 0) {
            if (!cur.isSequence())
                return fail(pathText(Path(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i + 1))) + ": " + describe(cur)
                    + " has no items");
            if (static_cast<std::size_t>(step.index) >= cur.size()) {
                if (removing || static_cast<std::size_t>(step.index) > cur.size() || !value || i + 1 != path.size())
                    return fail(pathText(Path(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i + 1))) + ": no such item");
                // Appending an item.
                Node grown = cur;
                grown.push(*value);
                if (isBlockCollection(cur)) {
                    const int column = cur.start().column;
                    const std::size_t after = src.contentEnd(cur);
                    std::string w = writeValue(*value, column);
                    // A mapping item starts on the dash's line ("- key: v"), as people write it.
                    const std::string hang = "\n" + spaces(column + 2);
                    if (value->isMapping() && w.compare(0, hang.size(), hang) == 0)
                        w = " " + w.substr(hang.size());
                    return TextEdit {src.nextLine(after), 0, spaces(column) + "-" + w};
                }
                return replaceNode(src, cur, grown, ownerColumn);
            }
            f.item = step.index;
            f.node = cur.items()[static_cast<std::size_t>(step.index)];
            f.ownerColumn = cur.start().column;
        } else {
            const Entry *e = cur.isMapping() ? cur.entry(step.key) : nullptr;
            if (!e) {
                if (removing)
                    return fail(pathText(Path(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i + 1))) + ": no such key");
                if (!value)
                    return fail("nothing to set");
                if (cur.isDefined() && !cur.isMapping() && !cur.isNull())
                    return fail(pathText(Path(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i))) + " is " + describe(cur)
                        + ", not a mapping");
                const Node newValue = wrap(*value, path, i + 1);
                return insertEntry(src, cur, step.key, newValue, ownerColumn, chain.empty());
            }
            f.entry = e;
            f.node = e->value;
            f.ownerColumn = e->key.start().column;
        }
        chain.push_back(f);
        cur = f.node;
        ownerColumn = f.ownerColumn;
        inFlow = f.inFlow;
    }
    const Frame &target = chain.back();
    if (removing)
        return removeFrame(src, target);
    if (value->isScalar() && cur.isScalar() && !cur.alias().size() && !target.inFlow) {
        bool block = false;
        std::string t = scalarText(cur, *value, asString, target.inFlow, target.ownerColumn + 2, block);
        // The node's text starts with its anchor: keep it, so aliases to it still resolve (to the new value).
        if (!cur.anchor().empty() && !block)
            t = "&" + cur.anchor() + " " + t;
        if (block && !isBlockScalar(cur)) {
            const std::size_t end = src.contentEnd(cur);
            if (src.text.find('#', end) < src.lineEnd(end))
                return TextEdit {cur.start().offset, end - cur.start().offset, doubleQuoted(value->scalar())};
            return TextEdit {cur.start().offset, end - cur.start().offset, t.substr(0, t.size() - 1)};
        }
        if (block)
            return TextEdit {cur.start().offset, src.contentEnd(cur) - cur.start().offset, t.substr(0, t.size() - 1)};
        if (cur.isNull() && cur.scalar().empty() && cur.isPlain()) // "key:" with nothing: add a space before the value
            return TextEdit {cur.start().offset, cur.end().offset - cur.start().offset,
                (cur.start().offset > 0 && text[cur.start().offset - 1] == ':' ? " " : "") + t};
        return TextEdit {cur.start().offset, cur.end().offset - cur.start().offset, t};
    }
    if (value->isScalar() && cur.isScalar() && target.inFlow) {
        bool block = false;
        const std::string t = scalarText(cur, *value, asString, true, 0, block);
        return TextEdit {cur.start().offset, cur.end().offset - cur.start().offset, t};
    }
    // A structured value, or a scalar replacing a collection: rewrite this node only.
    return replaceNode(src, cur, *value, target.ownerColumn);
}

Result<TextEdit> DocumentEditor::apply(TextEdit edit)
{
    std::string next = applied(m_text, edit);
    auto docs = parseDocuments(next, m_origin);
    if (!docs)
        return fail("the edit would make the file invalid YAML (" + docs.error().text() + "); nothing was changed");
    m_text = std::move(next);
    m_docs = std::move(*docs);
    return edit;
}

Result<TextEdit> DocumentEditor::setValue(std::size_t doc, const Path &path, std::string_view value, ValueKind kind)
{
    auto node = valueNode(value, kind);
    if (!node)
        return tl::unexpected(node.error());
    auto edit = plan(m_text, m_docs, doc, path, &*node, kind == ValueKind::String, false);
    if (!edit)
        return edit;
    return apply(std::move(*edit));
}

Result<TextEdit> DocumentEditor::setNode(std::size_t doc, const Path &path, const Node &value)
{
    auto edit = plan(m_text, m_docs, doc, path, &value, false, false);
    if (!edit)
        return edit;
    return apply(std::move(*edit));
}

Result<TextEdit> DocumentEditor::remove(std::size_t doc, const Path &path)
{
    auto edit = plan(m_text, m_docs, doc, path, nullptr, false, true);
    if (!edit)
        return edit;
    return apply(std::move(*edit));
}

} // namespace gs::yaml
