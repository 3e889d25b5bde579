#pragma once
// Reads one StartEventSource stream (grpc++ callback API) and feeds the event pipeline.
// Reading pauses while the pipeline is full, which pushes back through gRPC flow control.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <grpcpp/grpcpp.h>

#include "core/event.h"
#include "eventing.grpc.pb.h"
#include "eventpipeline.h"

namespace gs {

/** Counts live reactors so shutdown can wait for them (a reactor must finish before exit). */
class ReactorTracker
{
public:
    void add()
    {
        std::lock_guard lock(m_mutex);
        ++m_live;
    }
    void remove()
    {
        std::lock_guard lock(m_mutex);
        if (--m_live == 0)
            m_zero.notify_all();
    }
    bool waitIdle(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        return m_zero.wait_for(lock, timeout, [this] { return m_live == 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_zero;
    int m_live = 0;
};

/** What the reader reports to its session (on a gRPC thread; the session posts it to its own). */
struct StreamNotice {
    enum class Kind { State, Ended } kind = Kind::State;
    std::string phase; ///< State: connecting / connected / reconnecting / failed
    std::string message; ///< State: the source's message
    grpc::Status status; ///< Ended
};

struct StreamIdentity {
    std::string gateway;
    std::string type;
    std::string source; ///< ConfigMap key, used when a server leaves Event.name empty
};

class StreamReader final : public grpc::ClientReadReactor<gateways::Event>, public std::enable_shared_from_this<StreamReader>
{
public:
    using NoticeFn = std::function<void(StreamNotice)>;

    /** Opens the stream. `notify` receives state reports and the end of the stream. */
    static std::shared_ptr<StreamReader> open(gateways::Eventing::Stub &stub, const gateways::EventSource &request, StreamIdentity identity,
        std::shared_ptr<EventPipeline> pipeline, bool extensions, std::shared_ptr<ReactorTracker> tracker, NoticeFn notify);
    ~StreamReader() override;

    /** Cancels the stream; OnDone follows (with CANCELLED). Thread-safe, idempotent. */
    void cancel();
    [[nodiscard]] std::uint64_t events() const { return m_events.load(std::memory_order_relaxed); }

    void OnReadDone(bool ok) override;
    void OnDone(const grpc::Status &status) override;

private:
    StreamReader(
        StreamIdentity identity, std::shared_ptr<EventPipeline> pipeline, std::shared_ptr<ReactorTracker> tracker, NoticeFn notify);
    /** Offers the held event; on success reads the next one. Returns false if the pipeline is full. */
    bool deliverHeld();
    void resume();

    grpc::ClientContext m_context;
    gateways::EventSource m_request;
    gateways::Event m_incoming;
    const StreamIdentity m_identity;
    std::shared_ptr<EventPipeline> m_pipeline;
    std::shared_ptr<ReactorTracker> m_tracker;
    NoticeFn m_notify;
    std::shared_ptr<StreamReader> m_self; // keeps the reactor alive until OnDone

    std::mutex m_mutex;
    std::optional<Event> m_held; // refused by a full pipeline, offered again on space
    bool m_paused = false; // a hold is taken while paused
    bool m_cancelled = false;
    bool m_resuming = false;
    bool m_spaceSignalled = false;
    std::atomic<std::uint64_t> m_events {0};
};

} // namespace gs
