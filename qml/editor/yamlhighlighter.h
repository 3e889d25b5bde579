#pragma once
// Colours the YAML view (keys, comments, document markers, quoted text) and underlines the spans
// the validator found problems in. Only the lines whose marks change are highlighted again, so a
// new set of problems costs little on a long file.

#include <map>
#include <vector>

#include <QSyntaxHighlighter>

#include "spec/diagnostic.h"

namespace gs {

class YamlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit YamlHighlighter(QTextDocument *document);

    /** Underlines `problems` (1-based lines, columns in bytes of the line's UTF-8 text). */
    void setProblems(const std::vector<Diagnostic> &problems);
    /** Picks colours for a dark or light background. */
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Span {
        int startColumn; ///< 0-based, bytes; -1: from the line's first non-blank
        int endColumn; ///< 0-based, bytes, exclusive; -1: to the end of the line
        bool error;
        bool operator==(const Span &) const = default;
    };
    std::map<int, std::vector<Span>> m_spans; // 0-based line -> spans
    bool m_dark = false;
};

} // namespace gs
