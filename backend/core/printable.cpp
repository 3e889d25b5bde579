#include "printable.h"

namespace gs {

std::string printable(std::string_view text, std::size_t maxBytes)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::min(text.size(), maxBytes) + 16);
    std::size_t i = 0;
    for (; i < text.size() && out.size() < maxBytes; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        // U+0080..U+009F (C1 controls, CSI among them) in UTF-8.
        if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0
            && static_cast<unsigned char>(text[i + 1]) >= 0x80) {
            const auto d = static_cast<unsigned char>(text[++i]);
            out += "\\u00";
            out += kHex[d >> 4];
            out += kHex[d & 15];
            continue;
        }
        if (c >= 0x20 && c != 0x7f) {
            out += static_cast<char>(c);
            continue;
        }
        switch (c) {
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    if (i < text.size())
        out += "...(" + std::to_string(text.size() - i) + " more bytes)";
    return out;
}

std::string quoted(std::string_view value, std::size_t maxBytes)
{
    return "'" + printable(value, maxBytes) + "'";
}

} // namespace gs
