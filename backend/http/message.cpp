#include "message.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace gs::http {

bool headerNameEquals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string Request::header(std::string_view name) const
{
    for (const auto &[k, v] : headers) {
        if (headerNameEquals(k, name))
            return v;
    }
    return {};
}

bool Request::hasHeader(std::string_view name) const
{
    return std::any_of(headers.begin(), headers.end(), [&](const auto &h) { return headerNameEquals(h.first, name); });
}

Response Response::text(int status, std::string body)
{
    Response r;
    r.status = status;
    r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    r.body = std::move(body);
    return r;
}

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && headerNameEquals(s.substr(0, prefix.size()), prefix);
}

} // namespace

std::optional<Target> parseTarget(std::string_view target)
{
    if (startsWithNoCase(target, "http://") || startsWithNoCase(target, "https://")) {
        const auto authority = target.find("://") + 3;
        const auto slash = target.find_first_of("/?", authority);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
        if (!target.empty() && target.front() == '?')
            return Target {"/", std::string(target.substr(1))};
    }
    // A request target has no fragment (RFC 9112 §3.2).
    if (target.empty() || target.front() != '/' || target.find('#') != std::string_view::npos)
        return std::nullopt;
    Target t;
    const auto q = target.find('?');
    if (q != std::string_view::npos)
        t.query = std::string(target.substr(q + 1));
    const auto raw = target.substr(0, q);
    t.path.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '%') {
            t.path += raw[i];
            continue;
        }
        if (i + 2 >= raw.size())
            return std::nullopt;
        const int hi = hexValue(raw[i + 1]);
        const int lo = hexValue(raw[i + 2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return std::nullopt;
        t.path += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return t;
}

std::string cleanPath(std::string_view path)
{
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    while (i <= path.size()) {
        auto j = path.find('/', i);
        if (j == std::string_view::npos)
            j = path.size();
        const auto part = path.substr(i, j - i);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        i = j + 1;
    }
    std::string out;
    for (const auto &p : parts) {
        out += '/';
        out += p;
    }
    if (out.empty())
        return "/";
    // A trailing slash names a directory-like path in Go's mux; keep it (but not after "." or "..").
    if (path.size() > 1 && path.back() == '/')
        out += '/';
    return out;
}

std::string escapePath(std::string_view path)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || std::string_view("/-._~!$&'()*+,;=:@").find(ch) != std::string_view::npos) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

} // namespace gs::http
