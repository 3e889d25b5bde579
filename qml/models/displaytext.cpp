#include "displaytext.h"

#include "core/json.h"

using namespace Qt::StringLiterals;

namespace gs {

namespace {
bool isBidiControl(char16_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/** The longest prefix of `s` that does not end inside a UTF-8 sequence cut by the caller. */
std::string_view withoutCutSequence(std::string_view s)
{
    for (int back = 0; back < 4 && back < static_cast<int>(s.size()); ++back) {
        const auto c = static_cast<unsigned char>(s[s.size() - 1 - static_cast<std::size_t>(back)]);
        if ((c & 0xC0) != 0x80) { // a lead byte or ASCII: is its sequence complete?
            const int need = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
            return need > back + 1 ? s.substr(0, s.size() - 1 - static_cast<std::size_t>(back)) : s;
        }
    }
    return s;
}
} // namespace

QString neutralizeBidi(QString text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (!isBidiControl(c))
            continue;
        const QString shown = u"⟨U+%1⟩"_s.arg(QString::number(c, 16).toUpper().rightJustified(4, u'0'));
        text.replace(i, 1, shown);
        i += shown.size() - 1;
    }
    return text;
}

QString previewLine(std::string_view payload, int maxChars)
{
    const std::size_t headBytes = static_cast<std::size_t>(maxChars) * 2;
    const bool cut = payload.size() > headBytes;
    const std::string_view head = cut ? withoutCutSequence(payload.substr(0, headBytes)) : payload;
    if (!json::isValidUtf8(head)) {
        const QByteArray bytes = QByteArray::fromRawData(payload.data(), static_cast<qsizetype>(std::min<std::size_t>(payload.size(), 24)));
        return u"binary: "_s + QString::fromLatin1(bytes.toHex(' ')) + (payload.size() > 24 ? u" …"_s : QString());
    }
    QString s = QString::fromUtf8(head.data(), static_cast<qsizetype>(head.size()));
    for (QChar &c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u' ';
    }
    s = neutralizeBidi(s.simplified());
    if (s.size() > maxChars || cut)
        s = s.left(maxChars) + u'…';
    return s;
}

} // namespace gs
