#include "yamljson.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/json.h"
#include "yaml.h"

namespace gs::yaml {

namespace {

std::string withoutUnderscores(std::string_view s)
{
    std::string out;
    for (char c : s) {
        if (c != '_')
            out += c;
    }
    return out;
}

/** Base-60 "1:30:00" -> 5400 (YAML 1.1). */
long double sexagesimal(const std::string &s)
{
    long double v = 0;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto colon = s.find(':', start);
        v = v * 60 + std::strtold(s.substr(start, colon - start).c_str(), nullptr);
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    return v;
}

Result<std::string> intJson(std::string_view text, const std::string &path)
{
    std::string s = withoutUnderscores(text);
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.erase(0, 1);
    }
    if (s.find(':') != std::string::npos) {
        const long double v = sexagesimal(s);
        // Exactly representable only up to 2^63 - 1: beyond that the cast is undefined.
        if (!(v < 9223372036854775807.0L))
            return fail("the base-60 integer " + std::string(text) + " is too large for JSON; quote it to keep it as text", path);
        return std::string(negative ? "-" : "") + std::to_string(static_cast<long long>(v));
    }
    int base = 10;
    std::string digits = s;
    if (s.starts_with("0b"))
        base = 2, digits = s.substr(2);
    else if (s.starts_with("0x"))
        base = 16, digits = s.substr(2);
    else if (s.size() > 1 && s[0] == '0')
        base = 8, digits = s.substr(1);
    unsigned long long v = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
    if (ec != std::errc() || p != digits.data() + digits.size()) {
        if (base == 10)
            return std::string(negative ? "-" : "") + digits; // a big decimal stays a JSON number as written
        return fail("the integer " + std::string(text) + " is too large for JSON; quote it to keep it as text", path);
    }
    return std::string(negative && v ? "-" : "") + std::to_string(v);
}

Result<std::string> floatJson(std::string_view text, const std::string &path)
{
    std::string s = withoutUnderscores(text);
    long double v;
    if (s.find(':') != std::string::npos) {
        const bool negative = s[0] == '-';
        v = sexagesimal(s.substr(s[0] == '+' || s[0] == '-' ? 1 : 0));
        v = negative ? -v : v;
    } else {
        v = std::strtold(s.c_str(), nullptr);
        if (s.find("inf") != std::string::npos || s.find("Inf") != std::string::npos || s.find("INF") != std::string::npos
            || s.find("nan") != std::string::npos || s.find("NaN") != std::string::npos || s.find("NAN") != std::string::npos)
            v = NAN;
    }
    const double d = static_cast<double>(v);
    if (!std::isfinite(d))
        return fail(std::string(text) + " has no JSON form; quote it to keep it as text", path);
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, p); // shortest form, as Go's encoding/json writes float64
}

Result<void> append(std::string &out, const Node &node, const std::string &path)
{
    if (node.isNull()) {
        out += "null";
        return {};
    }
    switch (node.type()) {
    case NodeType::Undefined:
        out += "null";
        return {};
    case NodeType::Scalar: {
        const std::string &s = node.scalar();
        if (!isPlain(node)) {
            json::appendString(out, s);
            return {};
        }
        switch (classifyPlain11(s)) {
        case Plain11::Null:
            out += "null";
            return {};
        case Plain11::Bool: {
            const char c = s[0];
            out += (c == 'y' || c == 'Y' || c == 't' || c == 'T' || s == "on" || s == "On" || s == "ON") ? "true" : "false";
            return {};
        }
        case Plain11::Int: {
            auto v = intJson(s, path);
            if (!v)
                return tl::unexpected(v.error());
            out += *v;
            return {};
        }
        case Plain11::Float: {
            auto v = floatJson(s, path);
            if (!v)
                return tl::unexpected(v.error());
            out += *v;
            return {};
        }
        case Plain11::String:
            json::appendString(out, s);
            return {};
        }
        return {};
    }
    case NodeType::Sequence: {
        out += '[';
        std::size_t i = 0;
        for (const auto &item : node.items()) {
            if (i)
                out += ',';
            if (auto ok = append(out, item, path + "[" + std::to_string(i) + "]"); !ok)
                return ok;
            ++i;
        }
        out += ']';
        return {};
    }
    case NodeType::Mapping: {
        out += '{';
        bool first = true;
        for (const auto &kv : node.entries()) {
            if (!first)
                out += ',';
            first = false;
            const std::string &key = kv.key.scalar();
            json::appendString(out, key);
            out += ':';
            if (auto ok = append(out, kv.value, path + "." + key); !ok)
                return ok;
        }
        out += '}';
        return {};
    }
    }
    return {};
}

} // namespace

Result<std::string> toJson(const Node &node, const std::string &path)
{
    std::string out;
    if (auto ok = append(out, node, path); !ok)
        return tl::unexpected(ok.error());
    return out;
}

} // namespace gs::yaml
