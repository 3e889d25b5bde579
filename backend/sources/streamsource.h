#pragma once
// The shared base of the four stream gateways (nats, mqtt, kafka, amqp): one worker thread per
// source runs a blocking broker client with bounded poll timeouts, connects and reconnects with the
// source's `backoff` exactly as decisions §6 says, reports its connection state through the
// Emitter (connecting / connected / reconnecting / failed, decisions §1) and stops promptly.
// A broker implements only BrokerClient: connect(), poll(), disconnect(), describe().

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "emitter.h"
#include "sourcetype.h"
#include "streamconfig.h"

namespace gs::stream {

/** Largest payload a v0.10 client accepts (decisions §1); bigger broker messages are dropped and counted. */
inline constexpr std::size_t kMaxPayload = 4000000;
/** Upper bound of one poll: the worker notices a stop request at least this often. */
inline constexpr std::chrono::milliseconds kPollTimeout {200};

/** Why connecting failed. A permanent error (a refused declare, a partition that does not exist) is not retried by the source. */
struct ConnectError {
    std::string message;
    bool permanent = false;
};

/** What a broker client may do while it polls (worker thread only). */
class StreamLink
{
public:
    virtual ~StreamLink() = default;
    /**
     * Hands one message to the stream. While the stream's queue is full it waits (the broker feels
     * back-pressure); false once the source is stopping or the stream has ended.
     */
    virtual bool deliver(SourceEvent &&event) = 0;
    /** False when nobody reads SourceEvent::meta: clients may skip building it. */
    [[nodiscard]] virtual bool wantsMeta() const = 0;
    /** For libraries that reconnect by themselves (librdkafka): the connection is lost / back. */
    virtual void reconnecting(const std::string &error) = 0;
    virtual void connected() = 0;
    [[nodiscard]] virtual bool stopping() const = 0;
};

/** One broker connection of one source. Every method runs on the source's worker thread. */
class BrokerClient
{
public:
    virtual ~BrokerClient() = default;
    /** Connects and subscribes; returns once messages published from now on will arrive. Bounded in time. */
    virtual tl::expected<void, ConnectError> connect(StreamLink &link) = 0;
    /** Waits at most `timeout` for messages and delivers them; an error means the connection is lost. */
    virtual tl::expected<void, std::string> poll(StreamLink &link, std::chrono::milliseconds timeout) = 0;
    /** Unsubscribes and closes; idempotent, also after a failed connect. */
    virtual void disconnect() = 0;
    /** What it connects to, secrets masked: "NATS server nats://127.0.0.1:4222, subject 'orders.>'". */
    [[nodiscard]] virtual std::string describe() const = 0;
};

/** The sleeps of decisions §6 / PC-25 (pure, for tests). */
class BackoffPolicy
{
public:
    explicit BackoffPolicy(Backoff backoff);
    /** The sleep after the `failures`-th failed attempt in a row (1-based); `reconnect` caps it at 60 s. No jitter. */
    [[nodiscard]] std::chrono::nanoseconds sleepAfter(int failures, bool reconnect) const;
    /** True if the initial connection gives up after `failures` failed attempts. */
    [[nodiscard]] bool exhausted(int failures) const;
    /** `sleep` plus a random part up to jitter x sleep. */
    [[nodiscard]] std::chrono::nanoseconds withJitter(std::chrono::nanoseconds sleep, std::mt19937 &rng) const;
    [[nodiscard]] const Backoff &backoff() const { return m_backoff; }

private:
    Backoff m_backoff;
};

/** A running stream source: the worker thread and its state machine. Destroying it stops it (joins). */
class StreamSource final : public RunningSource, private StreamLink
{
public:
    StreamSource(std::string name, std::unique_ptr<BrokerClient> client, Backoff backoff, std::shared_ptr<Emitter> emitter);
    ~StreamSource() override;

    /** Messages dropped because they were larger than kMaxPayload. */
    [[nodiscard]] std::uint64_t dropped() const { return m_dropped.load(); }

private:
    void run();
    /** Connects with backoff; false when stopping or giving up (then the stream has been failed). */
    bool connectLoop(bool reconnect, std::string lastError);
    /** Sleeps `d` unless stopped first; false if stopped. */
    bool sleepFor(std::chrono::nanoseconds d);
    void report(const char *phase, const std::string &message);

    // StreamLink
    bool deliver(SourceEvent &&event) override;
    [[nodiscard]] bool wantsMeta() const override { return m_emitter->wantsMeta(); }
    void reconnecting(const std::string &error) override;
    void connected() override;
    [[nodiscard]] bool stopping() const override { return m_stop.load(); }

    const std::string m_name;
    std::unique_ptr<BrokerClient> m_client;
    const BackoffPolicy m_policy;
    std::shared_ptr<Emitter> m_emitter;
    std::string m_what; // m_client->describe(), computed once
    std::mt19937 m_rng;
    std::atomic<bool> m_stop {false};
    std::atomic<bool> m_ended {false}; // the stream is closed: nothing more to do
    std::atomic<std::uint64_t> m_dropped {0};
    bool m_linkUp = false; // worker thread: last reported state was connected
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
};

/** "2 s", "1.5 s", "250 ms": a sleep as the state messages show it. */
[[nodiscard]] std::string formatSleep(std::chrono::nanoseconds d);

/**
 * The registry entry of a stream type: reads the typed config (which has `backoff`), asks the broker
 * for a client, and runs it on a StreamSource. Secrets are resolved in makeClient, never logged.
 */
template<class Config>
class StreamSourceType : public TypedSourceType<Config>
{
public:
    explicit StreamSourceType(SourceEnvironment env)
        : m_env(std::move(env))
    {
    }

protected:
    Result<std::unique_ptr<RunningSource>> run(const SourceSpec &spec, Config config, std::shared_ptr<Emitter> emitter) final
    {
        auto client = makeClient(spec, config);
        if (!client)
            return tl::unexpected(client.error());
        return std::make_unique<StreamSource>(spec.name, std::move(*client), config.backoff, std::move(emitter));
    }
    /** A client for one source; fails only for what no retry can fix (an unreadable secret). */
    virtual Result<std::unique_ptr<BrokerClient>> makeClient(const SourceSpec &spec, const Config &config) = 0;

    SourceEnvironment m_env;
};

} // namespace gs::stream
