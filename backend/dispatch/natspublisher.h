#pragma once
// Publishing envelopes to NATS (spec §4.7, decisions §6) on a thread of its own, with cnats:
// core NATS (a batch of publishes, then one flush with a timeout: once the server has answered the
// flush it has every message of the batch) or NATS Streaming (cnats's stan client: a synchronous
// publish that waits for the streaming server's ack). No cnats type appears in this header.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "delivery.h"

namespace gs {

/** Where and how to publish: the Gateway's `eventProtocol.nats`. */
struct NatsEndpoint {
    std::string url; ///< nats://[user:password@ | token@]host:port, or a comma-separated list
    bool streaming = false; ///< nats.type Streaming
    std::string clusterId; ///< Streaming only
    std::string clientId; ///< Streaming only

    bool operator==(const NatsEndpoint &) const = default;
};

struct NatsPublishOptions {
    std::chrono::milliseconds flushTimeout {5000}; ///< core NATS: how long the server may take to confirm a batch
    std::chrono::milliseconds connectTimeout {2000};
    std::chrono::milliseconds reconnectMin {1000}; ///< reconnect waits: doubling from this, with jitter...
    std::chrono::milliseconds reconnectMax {10000}; ///< ...up to this, forever
    std::chrono::milliseconds streamingAckWait {30000}; ///< stan's default
};

/** The connection's state, for logs and the UI. */
enum class NatsLinkState { Connecting, Connected, Reconnecting, Closed };

[[nodiscard]] const char *toString(NatsLinkState s);

/** One connection to a NATS server (or streaming cluster) and the thread that publishes on it. */
class NatsPublisher
{
public:
    struct Job {
        std::uint64_t token = 0; ///< handed back in the Outcome
        std::string subject;
        std::shared_ptr<const Outgoing> event; ///< publishes messageBody if set, else body
    };
    struct Outcome {
        std::uint64_t token = 0;
        std::string error; ///< empty: the server has the message
    };
    struct Callbacks {
        /** Results of a batch, on the publisher's thread. Must not block. */
        std::function<void(std::vector<Outcome>)> done;
        /** State changes, on the publisher's or a cnats thread. Must not block. */
        std::function<void(NatsLinkState, const std::string &detail)> stateChanged;
    };

    /** Starts connecting at once; reconnects forever. */
    NatsPublisher(NatsEndpoint endpoint, NatsPublishOptions options, Callbacks callbacks);
    /** Closes the connection and joins the thread; jobs not yet published get no Outcome. */
    ~NatsPublisher();
    NatsPublisher(const NatsPublisher &) = delete;
    NatsPublisher &operator=(const NatsPublisher &) = delete;

    /** Queues jobs; each gets exactly one Outcome. Thread-safe, never blocks. */
    void publish(std::vector<Job> jobs);

    [[nodiscard]] NatsLinkState state() const;
    [[nodiscard]] const NatsEndpoint &endpoint() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

/**
 * Checks a NATS URL (or comma-separated list) the way cnats will read it: `nats://` or `tls://`
 * (or no scheme), a host, a port in 1-65535 if given. Messages never repeat a password.
 */
[[nodiscard]] Result<void> checkNatsUrl(std::string_view url);

/** The servers of a comma-separated URL list, trimmed. */
[[nodiscard]] std::vector<std::string> splitNatsUrls(std::string_view url);

/**
 * "<status text>: <detail>" for a cnats status (a natsStatus) from cnats' thread-local last error,
 * without its "(file.c:123): " prefix. Call on the thread that got the status.
 */
[[nodiscard]] std::string natsError(int status);

} // namespace gs
