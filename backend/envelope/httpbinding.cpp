#include "httpbinding.h"

#include <algorithm>
#include <cctype>

#include "core/printable.h"

namespace gs::cehttp {

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

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string contentTypeOf(const http::Headers &headers)
{
    for (const auto &[name, value] : headers) {
        if (http::headerNameEquals(name, "Content-Type"))
            return value;
    }
    return {};
}
} // namespace

std::string encodeHeaderValue(std::string_view value)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '%') {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xf]);
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

Result<std::string> decodeHeaderValue(std::string_view value)
{
    // 0.x-era senders wrapped values in double quotes.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '%' && i + 2 < value.size() && hexValue(value[i + 1]) >= 0 && hexValue(value[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hexValue(value[i + 1]) * 16 + hexValue(value[i + 2])));
            i += 2;
        } else {
            out.push_back(value[i]);
        }
    }
    if (!json::isValidUtf8(out))
        return fail("decodes to invalid UTF-8");
    return out;
}

Result<Message> toBinary(const CloudEvent &ce)
{
    if (auto ok = checkCloudEvent(ce); !ok)
        return tl::unexpected(ok.error());
    Message m;
    if (!ce.datacontenttype.empty())
        m.headers.emplace_back("Content-Type", ce.datacontenttype);
    auto add = [&](std::string_view name, const std::string &value) {
        if (!value.empty())
            m.headers.emplace_back("ce-" + std::string(name), encodeHeaderValue(value));
    };
    add("specversion", ce.specversion);
    add("id", ce.id);
    add("source", ce.source);
    add("type", ce.type);
    add("subject", ce.subject);
    add("time", ce.time);
    add("dataschema", ce.dataschema);
    for (const auto &[name, value] : ce.extensions)
        m.headers.emplace_back("ce-" + name, encodeHeaderValue(value));
    if (ce.hasData)
        m.body = ce.data;
    return m;
}

Result<Message> toStructured(const CloudEvent &ce)
{
    if (auto ok = checkCloudEvent(ce); !ok)
        return tl::unexpected(ok.error());
    Message m;
    m.headers.emplace_back("Content-Type", kStructuredContentType);
    m.body = toStructuredJson(ce);
    return m;
}

bool isBinary(const http::Headers &headers)
{
    return std::any_of(headers.begin(), headers.end(), [](const auto &h) { return http::headerNameEquals(h.first, "ce-specversion"); });
}

bool isStructured(const http::Headers &headers)
{
    return mediaTypeOf(contentTypeOf(headers)) == "application/cloudevents+json";
}

Result<CloudEvent> fromBinary(const http::Headers &headers, std::string_view body)
{
    CloudEvent ce;
    ce.specversion.clear();
    std::vector<std::string> seen;
    for (const auto &[rawName, rawValue] : headers) {
        if (rawName.size() < 3 || !http::headerNameEquals(rawName.substr(0, 3), "ce-"))
            continue;
        const std::string name = lower(rawName.substr(3));
        const std::string header = "ce-" + name;
        if (!isValidAttributeName(name))
            return fail("binary CloudEvent: header " + quoted(rawName) + ": attribute names are 1 to 20 lower-case letters or digits");
        if (std::find(seen.begin(), seen.end(), name) != seen.end())
            return fail("binary CloudEvent: header " + header + " is given twice");
        seen.push_back(name);
        if (name == "datacontenttype")
            return fail("binary CloudEvent: header ce-datacontenttype is not used in binary mode; the Content-Type header carries it");
        if (name == "data")
            return fail("binary CloudEvent: header ce-data is not an attribute; the body carries the data");
        auto value = decodeHeaderValue(rawValue);
        if (!value)
            return fail("binary CloudEvent: header " + header + ": " + value.error().message);
        if (name == "specversion")
            ce.specversion = std::move(*value);
        else if (name == "id")
            ce.id = std::move(*value);
        else if (name == "source")
            ce.source = std::move(*value);
        else if (name == "type")
            ce.type = std::move(*value);
        else if (name == "subject")
            ce.subject = std::move(*value);
        else if (name == "time")
            ce.time = std::move(*value);
        else if (name == "dataschema")
            ce.dataschema = std::move(*value);
        else
            ce.extensions.emplace_back(name, std::move(*value));
    }
    if (ce.specversion.empty())
        return fail("binary CloudEvent: the ce-specversion header is missing or empty");
    ce.datacontenttype = contentTypeOf(headers);
    ce.hasData = !body.empty();
    ce.data = std::string(body);
    if (auto ok = checkCloudEvent(ce); !ok)
        return fail("binary CloudEvent: " + ok.error().message);
    return ce;
}

} // namespace gs::cehttp
