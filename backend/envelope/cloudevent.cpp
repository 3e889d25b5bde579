#include "cloudevent.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>

#include "core/base64.h"
#include "core/printable.h"

namespace gs {

namespace {
constexpr std::array<std::string_view, 10> kReserved {
    "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data", "data_base64"};

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool isTokenChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
}
} // namespace

const std::string *CloudEvent::extension(std::string_view name) const
{
    for (const auto &[k, v] : extensions) {
        if (k == name)
            return &v;
    }
    return nullptr;
}

std::string mediaTypeOf(std::string_view ct)
{
    std::string out(trimmed(ct.substr(0, ct.find(';'))));
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool isJsonMediaType(std::string_view contentType)
{
    const std::string mt = mediaTypeOf(contentType);
    return mt == "application/json" || (mt.size() > 5 && mt.ends_with("+json") && mt.find('/') != std::string::npos);
}

bool isTextMediaType(std::string_view contentType)
{
    return mediaTypeOf(contentType).starts_with("text/");
}

bool isMediaType(std::string_view contentType)
{
    // Far longer than any real one; passed on as a header, a huge one would be refused downstream.
    if (contentType.size() > 1024)
        return false;
    for (char c : contentType) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
            return false;
    }
    const std::string_view mt = trimmed(contentType.substr(0, contentType.find(';')));
    const auto slash = mt.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == mt.size())
        return false;
    return std::all_of(mt.begin(), mt.end(), [](char c) { return c == '/' || isTokenChar(c); })
        && mt.find('/', slash + 1) == std::string_view::npos;
}

std::string inferContentType(std::string_view payload)
{
    return json::isValid(payload) ? "application/json" : "application/octet-stream";
}

bool isValidAttributeName(std::string_view name)
{
    return !name.empty() && name.size() <= 20
        && std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

bool isReservedAttributeName(std::string_view name)
{
    return std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end();
}

namespace {
/**
 * The CloudEvents String type excludes control characters (U+0000-U+001F, U+007F-U+009F) and
 * noncharacters; empty when `s` has none, else what was found.
 */
std::string forbiddenCharacter(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = json::decodeUtf8At(s, i, cp);
        if (len == 0)
            return "invalid UTF-8";
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return "a control character";
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
            return "a noncharacter";
        i += len;
    }
    return {};
}
} // namespace

Result<void> checkCloudEvent(const CloudEvent &ce)
{
    const std::pair<const char *, const std::string *> strings[] = {{"id", &ce.id}, {"source", &ce.source}, {"type", &ce.type},
        {"subject", &ce.subject}, {"dataschema", &ce.dataschema}};
    for (const auto &[name, value] : strings) {
        if (auto what = forbiddenCharacter(*value); !what.empty())
            return fail(std::string(name) + " contains " + what + ", which CloudEvents strings may not");
    }
    for (const auto &[name, value] : ce.extensions) {
        if (auto what = forbiddenCharacter(value); !what.empty())
            return fail("extension " + quoted(name) + " contains " + what + ", which CloudEvents strings may not");
    }
    if (ce.specversion != "1.0")
        return fail("specversion must be \"1.0\", found " + quoted(ce.specversion));
    if (ce.id.empty())
        return fail("the required attribute 'id' is missing or empty");
    if (ce.source.empty())
        return fail("the required attribute 'source' is missing or empty");
    if (ce.type.empty())
        return fail("the required attribute 'type' is missing or empty");
    if (!ce.time.empty() && !parseRfc3339(ce.time))
        return fail("time must be an RFC 3339 timestamp such as 2026-12-03T10:00:00Z, found " + quoted(ce.time));
    if (!ce.datacontenttype.empty() && !isMediaType(ce.datacontenttype))
        return fail("datacontenttype must be a media type such as application/json, found " + quoted(ce.datacontenttype));
    for (const auto &[name, value] : ce.extensions) {
        if (!isValidAttributeName(name))
            return fail("extension attribute name " + quoted(name) + " must be 1 to 20 lower-case letters or digits");
        if (isReservedAttributeName(name))
            return fail("extension attribute name " + quoted(name) + " is a core attribute's name");
    }
    for (std::size_t i = 0; i < ce.extensions.size(); ++i) {
        for (std::size_t j = i + 1; j < ce.extensions.size(); ++j) {
            if (ce.extensions[i].first == ce.extensions[j].first)
                return fail("extension attribute " + quoted(ce.extensions[i].first) + " is given twice");
        }
    }
    return {};
}

CloudEvent toCloudEvent(const Event &event, std::string id)
{
    CloudEvent ce;
    ce.id = id.empty() ? event.id : std::move(id);
    ce.source = event.gateway;
    ce.type = event.type;
    ce.subject = event.source;
    ce.time = formatMicroTime(event.time);
    ce.hasData = !event.payload.empty();
    ce.data = event.payload;
    // The source's own Content-Type (a webhook request's) when it is one we can pass on safely.
    const std::string given = event.metaValue("content-type");
    if (!given.empty() && isMediaType(given))
        ce.datacontenttype = given;
    else if (ce.hasData)
        ce.datacontenttype = inferContentType(event.payload);
    return ce;
}

std::string toStructuredJson(const CloudEvent &ce)
{
    std::string out;
    out.reserve(160 + ce.data.size() * 4 / 3);
    auto attr = [&](std::string_view name, const std::string &value, bool always = false) {
        if (value.empty() && !always)
            return;
        out += out.size() == 1 ? "" : ",";
        json::appendString(out, name);
        out.push_back(':');
        json::appendString(out, value);
    };
    out.push_back('{');
    attr("specversion", ce.specversion, true);
    attr("id", ce.id, true);
    attr("source", ce.source, true);
    attr("type", ce.type, true);
    attr("subject", ce.subject);
    attr("time", ce.time);
    attr("datacontenttype", ce.datacontenttype);
    attr("dataschema", ce.dataschema);
    for (const auto &[k, v] : ce.extensions)
        attr(k, v, true);
    if (ce.hasData) {
        // decisions §2: JSON media type that parses -> data as JSON; text/* in UTF-8 -> string; else base64.
        const std::string &ct = ce.datacontenttype;
        bool written = false;
        if (ct.empty() || isJsonMediaType(ct)) {
            if (auto parsed = json::parse(ce.data)) {
                out += ",\"data\":";
                json::append(out, *parsed);
                written = true;
            }
        } else if (isTextMediaType(ct) && json::isValidUtf8(ce.data)) {
            out += ",\"data\":";
            json::appendString(out, ce.data);
            written = true;
        }
        if (!written) {
            out += ",\"data_base64\":\"";
            appendBase64(out, ce.data);
            out.push_back('"');
        }
    }
    out.push_back('}');
    return out;
}

Result<CloudEvent> fromStructuredJson(std::string_view body)
{
    if (body.empty())
        return fail("structured CloudEvent: the body is empty (expected a JSON object)");
    auto parsed = json::parse(body);
    if (!parsed)
        return fail("structured CloudEvent: the body is not JSON (" + parsed.error().text() + ")");
    const json::Object *object = parsed->object();
    if (!object)
        return fail("structured CloudEvent: expected a JSON object (a batch of events is not accepted here)");

    CloudEvent ce;
    ce.specversion.clear();
    const json::Value *data = nullptr;
    const json::Value *dataBase64 = nullptr;
    if (const std::string d = json::duplicateMember(*parsed); !d.empty())
        return fail("structured CloudEvent: attribute " + quoted(d) + " is given twice");
    for (const auto &[name, value] : *object) {
        if (name == "data") {
            data = &value;
            continue;
        }
        if (name == "data_base64") {
            dataBase64 = &value;
            continue;
        }
        if (value.isNull())
            continue; // a null attribute is an absent one
        std::string text;
        if (const std::string *s = value.string()) {
            text = *s;
        } else if (const auto *n = std::get_if<json::Number>(&value.v); n && !isReservedAttributeName(name)) {
            text = n->text; // extension of type Integer
        } else if (const bool *b = std::get_if<bool>(&value.v); b && !isReservedAttributeName(name)) {
            text = *b ? "true" : "false"; // extension of type Boolean
        } else {
            return fail("structured CloudEvent: attribute " + quoted(name) + " must be a "
                + (isReservedAttributeName(name) ? "string" : "string, number or boolean"));
        }
        if (name == "specversion")
            ce.specversion = std::move(text);
        else if (name == "id")
            ce.id = std::move(text);
        else if (name == "source")
            ce.source = std::move(text);
        else if (name == "type")
            ce.type = std::move(text);
        else if (name == "subject")
            ce.subject = std::move(text);
        else if (name == "time")
            ce.time = std::move(text);
        else if (name == "datacontenttype")
            ce.datacontenttype = std::move(text);
        else if (name == "dataschema")
            ce.dataschema = std::move(text);
        else
            ce.extensions.emplace_back(name, std::move(text));
    }
    if (ce.specversion.empty())
        return fail("structured CloudEvent: the required attribute 'specversion' is missing");
    if (data && dataBase64 && !data->isNull() && !dataBase64->isNull())
        return fail("structured CloudEvent: 'data' and 'data_base64' may not both be present");
    if (dataBase64 && !dataBase64->isNull()) {
        const std::string *s = dataBase64->string();
        if (!s)
            return fail("structured CloudEvent: 'data_base64' must be a base64 string");
        auto bytes = fromBase64(*s);
        if (!bytes)
            return fail("structured CloudEvent: 'data_base64' is not valid base64");
        ce.data = std::move(*bytes);
        ce.hasData = true;
    } else if (data && !data->isNull()) {
        // A JSON media type (or none, which means JSON): the bytes are the JSON value, so a string
        // stays a JSON string and is never parsed again. Otherwise a string carries the text itself.
        const std::string *s = data->string();
        if (s && !ce.datacontenttype.empty() && !isJsonMediaType(ce.datacontenttype))
            ce.data = *s;
        else
            ce.data = json::write(*data);
        ce.hasData = true;
    }
    if (auto ok = checkCloudEvent(ce); !ok)
        return fail("structured CloudEvent: " + ok.error().message);
    return ce;
}

} // namespace gs
