#include "yamlhighlighter.h"

#include <set>

#include <QTextDocument>

namespace gs {

namespace {

/**
 * Lines underlined in the text. Each changed line is laid out again by Qt Quick's text item, so the
 * cost grows with them; past this many the gutter and the problems list still show every problem.
 */
constexpr std::size_t kMaxUnderlinedLines = 100;

/** The character index in `text` of byte `column` of its UTF-8 form. */
int charIndex(const QString &text, int column)
{
    int bytes = 0;
    for (int i = 0; i < text.size(); ++i) {
        if (bytes >= column)
            return i;
        const char16_t c = text.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size()) {
            bytes += 4;
            ++i;
        } else {
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
    }
    return static_cast<int>(text.size());
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

void YamlHighlighter::setDark(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    rehighlight();
}

void YamlHighlighter::setProblems(const std::vector<Diagnostic> &problems)
{
    std::map<int, std::vector<Span>> spans;
    for (const auto &d : problems) {
        if (d.line < 1)
            continue;
        if (spans.size() >= kMaxUnderlinedLines && !spans.count(d.line - 1))
            continue;
        const int first = d.line - 1;
        const int last = std::max(first, (d.endLine > 0 ? d.endLine : d.line) - 1);
        for (int l = first; l <= std::min(last, first + 50); ++l) {
            Span s {l == first ? d.column - 1 : -1, l == last && d.endColumn > 0 ? d.endColumn - 1 : -1, d.isError()};
            if (s.endColumn >= 0 && s.startColumn >= 0 && s.endColumn <= s.startColumn)
                s.endColumn = -1; // a point: underline to the end of the line
            spans[l].push_back(s);
        }
    }
    std::set<int> touched;
    for (const auto &[line, v] : m_spans) {
        auto it = spans.find(line);
        if (it == spans.end() || it->second != v)
            touched.insert(line);
    }
    for (const auto &[line, v] : spans) {
        auto it = m_spans.find(line);
        if (it == m_spans.end() || it->second != v)
            touched.insert(line);
    }
    m_spans = std::move(spans);
    for (int line : touched) {
        const QTextBlock block = document()->findBlockByNumber(line);
        if (block.isValid())
            rehighlightBlock(block);
    }
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    const QColor keyColor = m_dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x1f, 0x4e, 0x9c);
    const QColor commentColor = m_dark ? QColor(0x8a, 0x8f, 0x98) : QColor(0x6a, 0x73, 0x7d);
    const QColor stringColor = m_dark ? QColor(0xa5, 0xd6, 0x8a) : QColor(0x2e, 0x7d, 0x32);
    const QColor markerColor = m_dark ? QColor(0xd0, 0x9c, 0xff) : QColor(0x7b, 0x1f, 0xa2);

    int i = 0;
    while (i < text.size() && (text.at(i) == QLatin1Char(' ') || text.at(i) == QLatin1Char('-')))
        ++i;
    if (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("..."))) {
        setFormat(0, static_cast<int>(text.size()), markerColor);
    } else if (i < text.size() && text.at(i) == QLatin1Char('#')) {
        setFormat(i, static_cast<int>(text.size()) - i, commentColor);
    } else {
        // key: the text up to the first ": " (or a trailing ':') outside quotes
        bool quote = false;
        QChar q;
        int commentAt = -1, keyEnd = -1, strStart = -1;
        for (int j = i; j < text.size(); ++j) {
            const QChar c = text.at(j);
            if (quote) {
                if (c == q) {
                    quote = false;
                    setFormat(strStart, j - strStart + 1, stringColor);
                }
                continue;
            }
            if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                if (j == i || text.at(j - 1) == QLatin1Char(' ')) {
                    quote = true;
                    q = c;
                    strStart = j;
                }
            } else if (c == QLatin1Char('#') && j > 0 && text.at(j - 1) == QLatin1Char(' ')) {
                commentAt = j;
                break;
            } else if (c == QLatin1Char(':') && keyEnd < 0 && (j + 1 == text.size() || text.at(j + 1) == QLatin1Char(' '))) {
                keyEnd = j;
            }
        }
        if (keyEnd > i)
            setFormat(i, keyEnd - i, keyColor);
        if (commentAt >= 0)
            setFormat(commentAt, static_cast<int>(text.size()) - commentAt, commentColor);
    }

    const auto it = m_spans.find(currentBlock().blockNumber());
    if (it == m_spans.end())
        return;
    int firstNonBlank = 0;
    while (firstNonBlank < text.size() && text.at(firstNonBlank).isSpace())
        ++firstNonBlank;
    for (const auto &s : it->second) {
        int from = s.startColumn < 0 ? firstNonBlank : charIndex(text, s.startColumn);
        int to = s.endColumn < 0 ? static_cast<int>(text.size()) : charIndex(text, s.endColumn);
        if (to <= from) { // an empty line or a point at its end: mark one cell so it shows
            from = std::max(0, std::min(from, static_cast<int>(text.size()) - 1));
            to = std::max(from + 1, static_cast<int>(text.size()));
        }
        // Qt Quick's text renders underlines and backgrounds but not wave underlines: a tinted
        // background with an underline marks the span.
        const QColor error(0xe0, 0x3a, 0x3a), warning(0xd8, 0x9b, 0x14);
        for (int k = from; k < to; ++k) {
            QTextCharFormat f = format(k);
            if (!s.error && f.underlineColor() == error)
                continue; // errors win over warnings on a shared character
            QColor tint = s.error ? error : warning;
            tint.setAlpha(m_dark ? 90 : 60);
            f.setFontUnderline(true);
            f.setUnderlineColor(s.error ? error : warning);
            f.setBackground(tint);
            setFormat(k, 1, f);
        }
    }
}

} // namespace gs
