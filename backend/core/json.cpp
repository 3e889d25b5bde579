#include "json.h"

#include <cstdint>

namespace gs::json {

const Value *Value::member(std::string_view key) const
{
    if (const auto *o = object()) {
        for (const auto &[k, val] : *o) {
            if (k == key)
                return &val;
        }
    }
    return nullptr;
}

namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 if invalid. Sets `cp`.
std::size_t utf8Sequence(std::string_view s, std::size_t i, std::uint32_t &cp)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    std::uint32_t min = 0;
    if ((b0 & 0xe0) == 0xc0) {
        len = 2, cp = b0 & 0x1fu, min = 0x80;
    } else if ((b0 & 0xf0) == 0xe0) {
        len = 3, cp = b0 & 0x0fu, min = 0x800;
    } else if ((b0 & 0xf8) == 0xf0) {
        len = 4, cp = b0 & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

class Parser
{
public:
    explicit Parser(std::string_view t)
        : m_t(t)
    {
    }

    Result<Value> document()
    {
        skipWs();
        Value v;
        if (!value(v, 0))
            return fail(m_error, "offset " + std::to_string(m_pos));
        skipWs();
        if (m_pos != m_t.size())
            return fail("unexpected data after the JSON value", "offset " + std::to_string(m_pos));
        return v;
    }

private:
    bool error(std::string msg)
    {
        m_error = std::move(msg);
        return false;
    }
    void skipWs()
    {
        while (m_pos < m_t.size() && (m_t[m_pos] == ' ' || m_t[m_pos] == '\t' || m_t[m_pos] == '\n' || m_t[m_pos] == '\r'))
            ++m_pos;
    }
    bool literal(std::string_view word)
    {
        if (m_t.substr(m_pos, word.size()) != word)
            return error("invalid literal");
        m_pos += word.size();
        return true;
    }

    bool value(Value &out, int depth)
    {
        if (depth > kMaxDepth)
            return error("nesting deeper than " + std::to_string(kMaxDepth));
        if (m_pos >= m_t.size())
            return error("unexpected end of input");
        switch (m_t[m_pos]) {
        case 'n':
            out.v = nullptr;
            return literal("null");
        case 't':
            out.v = true;
            return literal("true");
        case 'f':
            out.v = false;
            return literal("false");
        case '"': {
            std::string s;
            if (!string(s))
                return false;
            out.v = std::move(s);
            return true;
        }
        case '[':
            return array(out, depth);
        case '{':
            return object(out, depth);
        default:
            return number(out);
        }
    }

    bool number(Value &out)
    {
        const std::size_t start = m_pos;
        auto digits = [&] {
            const std::size_t s = m_pos;
            while (m_pos < m_t.size() && m_t[m_pos] >= '0' && m_t[m_pos] <= '9')
                ++m_pos;
            return m_pos - s;
        };
        if (m_pos < m_t.size() && m_t[m_pos] == '-')
            ++m_pos;
        if (m_pos < m_t.size() && m_t[m_pos] == '0') {
            ++m_pos;
        } else if (digits() == 0) {
            return error("invalid value");
        }
        if (m_pos < m_t.size() && m_t[m_pos] == '.') {
            ++m_pos;
            if (digits() == 0)
                return error("invalid number");
        }
        if (m_pos < m_t.size() && (m_t[m_pos] == 'e' || m_t[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_t.size() && (m_t[m_pos] == '+' || m_t[m_pos] == '-'))
                ++m_pos;
            if (digits() == 0)
                return error("invalid number");
        }
        out.v = Number {std::string(m_t.substr(start, m_pos - start))};
        return true;
    }

    bool hex4(std::uint32_t &v)
    {
        if (m_pos + 4 > m_t.size())
            return error("truncated \\u escape");
        v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_t[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else
                return error("invalid \\u escape");
        }
        return true;
    }

    bool string(std::string &s)
    {
        ++m_pos; // opening quote
        while (true) {
            if (m_pos >= m_t.size())
                return error("unterminated string");
            const auto c = static_cast<unsigned char>(m_t[m_pos]);
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return error("control character in string");
            if (c == '\\') {
                if (++m_pos >= m_t.size())
                    return error("unterminated string");
                const char e = m_t[m_pos++];
                switch (e) {
                case '"':
                    s.push_back('"');
                    break;
                case '\\':
                    s.push_back('\\');
                    break;
                case '/':
                    s.push_back('/');
                    break;
                case 'b':
                    s.push_back('\b');
                    break;
                case 'f':
                    s.push_back('\f');
                    break;
                case 'n':
                    s.push_back('\n');
                    break;
                case 'r':
                    s.push_back('\r');
                    break;
                case 't':
                    s.push_back('\t');
                    break;
                case 'u': {
                    std::uint32_t cp = 0;
                    if (!hex4(cp))
                        return false;
                    if (cp >= 0xd800 && cp <= 0xdbff) {
                        std::uint32_t lo = 0;
                        if (m_t.substr(m_pos, 2) != "\\u")
                            return error("unpaired surrogate");
                        m_pos += 2;
                        if (!hex4(lo))
                            return false;
                        if (lo < 0xdc00 || lo > 0xdfff)
                            return error("unpaired surrogate");
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
                        return error("unpaired surrogate");
                    }
                    appendUtf8(s, cp);
                    break;
                }
                default:
                    return error("invalid escape");
                }
                continue;
            }
            std::uint32_t cp = 0;
            const std::size_t len = utf8Sequence(m_t, m_pos, cp);
            if (len == 0)
                return error("invalid UTF-8 in string");
            s.append(m_t.substr(m_pos, len));
            m_pos += len;
        }
    }

    bool array(Value &out, int depth)
    {
        ++m_pos;
        Array a;
        skipWs();
        if (m_pos < m_t.size() && m_t[m_pos] == ']') {
            ++m_pos;
            out.v = std::move(a);
            return true;
        }
        while (true) {
            skipWs();
            Value item;
            if (!value(item, depth + 1))
                return false;
            a.push_back(std::move(item));
            skipWs();
            if (m_pos >= m_t.size())
                return error("unterminated array");
            if (m_t[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_t[m_pos] == ']') {
                ++m_pos;
                out.v = std::move(a);
                return true;
            }
            return error("expected ',' or ']'");
        }
    }

    bool object(Value &out, int depth)
    {
        ++m_pos;
        Object o;
        skipWs();
        if (m_pos < m_t.size() && m_t[m_pos] == '}') {
            ++m_pos;
            out.v = std::move(o);
            return true;
        }
        while (true) {
            skipWs();
            if (m_pos >= m_t.size() || m_t[m_pos] != '"')
                return error("expected a member name");
            std::string key;
            if (!string(key))
                return false;
            skipWs();
            if (m_pos >= m_t.size() || m_t[m_pos] != ':')
                return error("expected ':'");
            ++m_pos;
            skipWs();
            Value item;
            if (!value(item, depth + 1))
                return false;
            o.push_back(Member {std::move(key), std::move(item)});
            skipWs();
            if (m_pos >= m_t.size())
                return error("unterminated object");
            if (m_t[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_t[m_pos] == '}') {
                ++m_pos;
                out.v = std::move(o);
                return true;
            }
            return error("expected ',' or '}'");
        }
    }

    std::string_view m_t;
    std::size_t m_pos = 0;
    std::string m_error;
};

constexpr char kHex[] = "0123456789abcdef";

} // namespace

Result<Value> parse(std::string_view text)
{
    return Parser(text).document();
}

bool isValid(std::string_view text)
{
    return parse(text).has_value();
}

std::size_t decodeUtf8At(std::string_view s, std::size_t i, std::uint32_t &cp)
{
    return i < s.size() ? utf8Sequence(s, i, cp) : 0;
}

std::string duplicateMember(const Value &v)
{
    const Object *o = v.object();
    if (!o)
        return {};
    for (std::size_t i = 0; i < o->size(); ++i) {
        for (std::size_t j = i + 1; j < o->size(); ++j) {
            if ((*o)[i].first == (*o)[j].first)
                return (*o)[i].first;
        }
    }
    return {};
}

bool isValidUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8Sequence(s, i, cp);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

std::string toValidUtf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8Sequence(s, i, cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD for each byte that starts no valid sequence
            ++i;
            continue;
        }
        out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

void appendString(std::string &out, std::string_view s, Escaping esc)
{
    out.push_back('"');
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            if (c == '"' || c == '\\') {
                out.push_back('\\');
                out.push_back(static_cast<char>(c));
            } else if (c == '\n') {
                out += "\\n";
            } else if (c == '\r') {
                out += "\\r";
            } else if (c == '\t') {
                out += "\\t";
            } else if (c < 0x20 || (esc == Escaping::GoHtmlSafe && (c == '<' || c == '>' || c == '&'))) {
                out += "\\u00";
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 15]);
            } else {
                out.push_back(static_cast<char>(c));
            }
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t len = utf8Sequence(s, i, cp);
        if (len == 0) {
            out += "\\ufffd";
            ++i;
            continue;
        }
        if (cp == 0x2028 || cp == 0x2029) { // Go escapes the JavaScript line separators
            out += cp == 0x2028 ? "\\u2028" : "\\u2029";
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    out.push_back('"');
}

namespace {
/** Writes `value` compact (indent 0) or with `indent` spaces per level, members in their order. */
void appendValue(std::string &out, const Value &value, Escaping esc, int indent, int depth)
{
    auto newline = [&](int level) {
        if (indent <= 0)
            return;
        out.push_back('\n');
        out.append(static_cast<std::size_t>(indent * level), ' ');
    };
    struct Visitor {
        std::string &out;
        Escaping esc;
        int indent;
        int depth;
        decltype(newline) &nl;
        void operator()(std::nullptr_t) const { out += "null"; }
        void operator()(bool b) const { out += b ? "true" : "false"; }
        void operator()(const Number &n) const { out += n.text; }
        void operator()(const std::string &s) const { appendString(out, s, esc); }
        void operator()(const Array &a) const
        {
            out.push_back('[');
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (i)
                    out.push_back(',');
                nl(depth + 1);
                appendValue(out, a[i], esc, indent, depth + 1);
            }
            if (!a.empty())
                nl(depth);
            out.push_back(']');
        }
        void operator()(const Object &o) const
        {
            out.push_back('{');
            for (std::size_t i = 0; i < o.size(); ++i) {
                if (i)
                    out.push_back(',');
                nl(depth + 1);
                appendString(out, o[i].first, esc);
                out += indent > 0 ? ": " : ":";
                appendValue(out, o[i].second, esc, indent, depth + 1);
            }
            if (!o.empty())
                nl(depth);
            out.push_back('}');
        }
    };
    std::visit(Visitor {out, esc, indent, depth, newline}, value.v);
}
} // namespace

void append(std::string &out, const Value &value, Escaping esc)
{
    appendValue(out, value, esc, 0, 0);
}

std::string writeIndented(const Value &value, int indent)
{
    std::string out;
    appendValue(out, value, Escaping::Standard, indent, 0);
    return out;
}

std::string write(const Value &value, Escaping esc)
{
    std::string out;
    append(out, value, esc);
    return out;
}

} // namespace gs::json
