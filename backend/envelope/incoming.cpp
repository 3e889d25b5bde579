#include "incoming.h"

#include "argo.h"

namespace gs {

Result<CloudEvent> decodeHttpEvent(const http::Headers &headers, std::string_view body)
{
    (void)headers; // the CloudEvents modes are detected from headers (issue: CloudEvents both ways)
    if (body.empty())
        return fail("empty body: expected an argo-v0.10 envelope (a JSON object with context and payload)");
    auto parsed = json::parse(body);
    if (!parsed)
        return fail("the body is not JSON (" + parsed.error().text() + "): expected an argo-v0.10 envelope");
    if (!argo::looksLikeEnvelope(*parsed))
        return fail("not an event: expected an argo-v0.10 envelope (a JSON object with context and payload)");
    return argo::decode(*parsed);
}

} // namespace gs
