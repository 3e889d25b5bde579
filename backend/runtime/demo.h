#pragma once
// The offline demo's parts: embedded webhook and calendar Gateways + ConfigMaps, and a generator
// that really POSTs to the webhook (never canned events: everything travels the real HTTP, gRPC
// and dispatch path; the calendar really fires).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <memory>

#include "core/result.h"
#include "spec/manifests.h"

namespace gs::demo {

/** The demo's webhook Gateway and ConfigMap (as YAML a user could save and run), on `webhookPort`. */
[[nodiscard]] std::string webhookManifests(std::uint16_t webhookPort);
/** The same, parsed. */
[[nodiscard]] Result<GatewayPair> webhookPair(std::uint16_t webhookPort);

/** The demo's calendar Gateway and ConfigMap: a 10-second interval and an every-minute cron schedule. */
[[nodiscard]] std::string calendarManifests();
/** The same, parsed. */
[[nodiscard]] Result<GatewayPair> calendarPair();

/** A sample webhook body: a small JSON document, different each time, saying where it came from. */
[[nodiscard]] std::string sampleBody(std::uint64_t sequence, std::string_view origin);

/** POSTs sampleBody() to a URL every `interval` (and on demand), on its own thread, until destroyed. */
class Generator
{
public:
    Generator(std::string url, std::chrono::milliseconds interval);
    ~Generator();
    Generator(const Generator &) = delete;
    Generator &operator=(const Generator &) = delete;

    /** Events answered 200 so far. */
    [[nodiscard]] std::uint64_t sent() const;
    /** Posts one more sample now (the app's "post a sample event" button). Thread-safe. */
    void postNow();

    struct Impl;

private:
    std::shared_ptr<Impl> m_impl;
};

} // namespace gs::demo
