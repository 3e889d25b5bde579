#include "cloudevent.h"

#include <algorithm>
#include <cctype>

#include "core/base64.h"

namespace gs {

namespace {
/** Lower-cased media type without parameters or surrounding spaces. */
std::string mediaType(std::string_view ct)
{
    ct = ct.substr(0, ct.find(';'));
    while (!ct.empty() && (ct.front() == ' ' || ct.front() == '\t'))
        ct.remove_prefix(1);
    while (!ct.empty() && (ct.back() == ' ' || ct.back() == '\t'))
        ct.remove_suffix(1);
    std::string out(ct);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}
} // namespace

bool isJsonMediaType(std::string_view contentType)
{
    const std::string mt = mediaType(contentType);
    return mt == "application/json" || (mt.size() > 5 && mt.ends_with("+json") && mt.find('/') != std::string::npos);
}

bool isTextMediaType(std::string_view contentType)
{
    return mediaType(contentType).starts_with("text/");
}

std::string inferContentType(std::string_view payload)
{
    return json::isValid(payload) ? "application/json" : "application/octet-stream";
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
    const std::string given = event.metaValue("content-type");
    if (!given.empty())
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

} // namespace gs
