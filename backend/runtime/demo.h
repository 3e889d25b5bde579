#pragma once
// The offline demo's parts: an embedded webhook Gateway + ConfigMap, and a generator that really
// POSTs to it (never canned events: everything travels the real HTTP, gRPC and dispatch path).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "core/result.h"
#include "spec/manifests.h"

namespace gs::demo {

/** The demo's webhook Gateway and ConfigMap (as YAML a user could save and run), on `webhookPort`. */
[[nodiscard]] std::string webhookManifests(std::uint16_t webhookPort);
/** The same, parsed. */
[[nodiscard]] Result<GatewayPair> webhookPair(std::uint16_t webhookPort);

/** POSTs a small JSON document to a URL every `interval`, on its own thread, until destroyed. */
class Generator
{
public:
    Generator(std::string url, std::chrono::milliseconds interval);
    ~Generator();
    Generator(const Generator &) = delete;
    Generator &operator=(const Generator &) = delete;

    [[nodiscard]] std::uint64_t sent() const { return m_sent; }
    /** Posts one sample event now (on the calling thread); true on HTTP 200. */
    static bool postSample(const std::string &url, std::uint64_t sequence, std::string *error = nullptr);

private:
    void loop();

    std::string m_url;
    std::chrono::milliseconds m_interval;
    std::atomic<bool> m_stop{false};
    std::atomic<std::uint64_t> m_sent{0};
    std::thread m_thread;
};

} // namespace gs::demo
