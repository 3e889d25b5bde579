#include "incoming.h"

#include <algorithm>

#include "argo.h"
#include "httpbinding.h"

namespace gs {

Result<CloudEvent> decodeHttpEvent(const http::Headers &headers, std::string_view body)
{
    // Which one would count is anyone's guess (senders and proxies differ): refuse rather than pick.
    if (std::count_if(headers.begin(), headers.end(), [](const auto &h) { return http::headerNameEquals(h.first, "Content-Type"); }) > 1)
        return fail("the request has more than one Content-Type header");
    // decisions §2: structured by Content-Type, then binary by ce-specversion, then argo-v0.10 by shape.
    if (cehttp::isStructured(headers))
        return fromStructuredJson(body);
    for (const auto &[name, value] : headers) {
        if (http::headerNameEquals(name, "Content-Type") && mediaTypeOf(value) == "application/cloudevents-batch+json")
            return fail("batched CloudEvents (application/cloudevents-batch+json) are not accepted: send one event per request");
    }
    if (cehttp::isBinary(headers))
        return cehttp::fromBinary(headers, body);
    const char *expected = "expected a CloudEvent (Content-Type application/cloudevents+json, or ce-* headers) or an argo-v0.10 "
                           "envelope (a JSON object with context and payload)";
    if (body.empty())
        return fail(std::string("empty body: ") + expected);
    auto parsed = json::parse(body);
    if (!parsed)
        return fail("the body is not JSON (" + parsed.error().text() + "): " + expected);
    if (!argo::looksLikeEnvelope(*parsed))
        return fail(std::string("not an event: ") + expected);
    return argo::decode(*parsed);
}

} // namespace gs
