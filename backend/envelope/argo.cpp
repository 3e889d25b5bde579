#include "argo.h"

#include "core/base64.h"
#include "core/ids.h"
#include "core/json.h"

namespace gs::argo {

std::string eventId(const Event &event)
{
    return hexOfText(event.id);
}

std::string encode(const Event &event)
{
    constexpr auto go = json::Escaping::GoHtmlSafe;
    std::string out;
    out.reserve(420 + event.payload.size() * 4 / 3);
    out += "{\"context\":{\"eventType\":";
    json::appendString(out, event.type, go);
    out += ",\"eventTypeVersion\":\"v0.10\",\"cloudEventsVersion\":\"0.1\","
           "\"source\":{\"scheme\":\"\",\"user\":\"\",\"password\":\"\",\"host\":";
    json::appendString(out, event.gateway + ":" + event.source, go);
    out += ",\"port\":0,\"path\":\"\",\"query\":\"\",\"fragment\":\"\"},\"eventID\":\"";
    out += eventId(event);
    out += "\",\"eventTime\":\"";
    out += formatMicroTime(event.time);
    out += "\",\"schemaURL\":null,\"contentType\":\"application/json\"},\"payload\":";
    if (event.payload.empty()) {
        out += "null"; // Go marshals an empty []byte as null
    } else {
        out.push_back('"');
        appendBase64(out, event.payload);
        out.push_back('"');
    }
    out.push_back('}');
    return out;
}

bool looksLikeEnvelope(const json::Value &body)
{
    return body.isObject() && body.member("context") && body.member("payload");
}

Result<CloudEvent> decode(const json::Value &body)
{
    if (!looksLikeEnvelope(body))
        return fail("not an argo-v0.10 envelope: expected a JSON object with context and payload");
    const json::Value &ctx = *body.member("context");
    if (!ctx.isObject())
        return fail("argo-v0.10 envelope: context must be an object");
    for (const auto &[where, v] : {std::pair {"", &body}, std::pair {"context.", &ctx}, std::pair {"context.source.", ctx.member("source")}}) {
        if (!v)
            continue;
        // Go keeps the last of a member given twice and we would read the first: refuse.
        if (const std::string d = json::duplicateMember(*v); !d.empty())
            return fail(std::string("argo-v0.10 envelope: ") + where + d + " is given twice");
    }
    auto str = [&](const json::Value &obj, std::string_view key, bool required) -> Result<std::string> {
        const json::Value *v = obj.member(key);
        if (!v || v->isNull()) {
            if (required)
                return fail("argo-v0.10 envelope: context." + std::string(key) + " is missing");
            return std::string();
        }
        if (!v->isString())
            return fail("argo-v0.10 envelope: context." + std::string(key) + " must be a string");
        return *v->string();
    };
    CloudEvent ce;
    auto id = str(ctx, "eventID", true);
    if (!id)
        return tl::unexpected(id.error());
    if (id->empty())
        return fail("argo-v0.10 envelope: context.eventID is empty");
    ce.id = *id;
    auto type = str(ctx, "eventType", true);
    if (!type)
        return tl::unexpected(type.error());
    if (type->empty())
        return fail("argo-v0.10 envelope: context.eventType is empty");
    ce.type = *type;
    auto time = str(ctx, "eventTime", false);
    if (!time)
        return tl::unexpected(time.error());
    if (!time->empty() && !parseRfc3339(*time))
        return fail("argo-v0.10 envelope: context.eventTime is not an RFC 3339 time: '" + *time + "'");
    ce.time = *time;
    const json::Value *source = ctx.member("source");
    if (!source || !source->isObject())
        return fail("argo-v0.10 envelope: context.source must be an object with a host");
    auto host = str(*source, "host", true);
    if (!host)
        return fail("argo-v0.10 envelope: context.source.host is missing");
    if (host->empty())
        return fail("argo-v0.10 envelope: context.source.host is empty");
    const auto colon = host->find(':');
    ce.source = host->substr(0, colon);
    if (colon != std::string::npos)
        ce.subject = host->substr(colon + 1);
    if (ce.source.empty())
        return fail("argo-v0.10 envelope: context.source.host has no gateway name before ':'");

    const json::Value *payload = body.member("payload");
    if (payload->isString()) {
        auto bytes = fromBase64(*payload->string());
        if (!bytes)
            return fail("argo-v0.10 envelope: payload is not valid base64");
        ce.data = std::move(*bytes);
        ce.hasData = !ce.data.empty();
    } else if (!payload->isNull()) {
        return fail("argo-v0.10 envelope: payload must be a base64 string or null");
    }
    // contentType is always application/json in v0.10, whatever the bytes: recompute (decisions §2).
    if (ce.hasData)
        ce.datacontenttype = inferContentType(ce.data);
    return ce;
}

} // namespace gs::argo
