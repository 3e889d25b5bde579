#include "eventingservice.h"

#include <deque>
#include <mutex>
#include <optional>

#include "core/json.h"
#include "core/logging.h"

namespace gs {

namespace {

SourceSpec toSpec(const gateways::EventSource &es)
{
    return SourceSpec {es.id(), es.name(), es.data(), es.version()};
}

class StreamReactor;

/**
 * The emitter handed to a running source: a bounded queue drained by one gRPC write at a time.
 * It outlives the reactor if a source still holds it; once closed it refuses everything.
 */
class StreamQueue final : public Emitter
{
public:
    StreamQueue(StreamReactor *reactor, std::string name, bool extensions, StreamLimits limits)
        : m_reactor(reactor)
        , m_name(std::move(name))
        , m_extensions(extensions)
        , m_limits(limits)
    {
    }

    EmitResult emit(SourceEvent &&event) override
    {
        {
            // Refuse before taking the payload, so a source that waits for room can offer it again.
            std::lock_guard lock(m_mutex);
            if (m_closed || m_pendingFinish || m_finished)
                return EmitResult::Closed;
            if (m_queue.size() >= m_limits.maxQueuedEvents || m_bytes + event.payload.size() > m_limits.maxQueuedBytes)
                return EmitResult::Full;
        }
        gateways::Event msg;
        msg.set_name(m_name);
        msg.set_payload(std::move(event.payload));
        if (m_extensions) {
            // proto3 strings must be UTF-8: one Latin-1 header byte would make the message
            // unserialisable and silently stop the stream. Request headers are not ours to trust.
            auto &meta = *msg.mutable_meta();
            for (auto &[k, v] : event.meta)
                meta[json::isValidUtf8(k) ? k : json::toValidUtf8(k)] = json::isValidUtf8(v) ? std::move(v) : json::toValidUtf8(v);
        }
        return push(std::move(msg), false);
    }

    [[nodiscard]] bool wantsMeta() const override { return m_extensions; }

    void reportState(const std::string &phase, const std::string &message) override
    {
        qCInfo(lcServer).noquote() << QString::fromStdString(m_name) << QString::fromStdString(phase) << QString::fromStdString(message);
        if (!m_extensions)
            return;
        gateways::Event msg;
        msg.mutable_state()->set_phase(phase);
        msg.mutable_state()->set_message(json::toValidUtf8(message));
        push(std::move(msg), true);
    }

    void fail(const std::string &reason) override { finish(grpc::Status(grpc::StatusCode::UNKNOWN, reason)); }

    /** Ends the stream with `status` once the write in flight (if any) is done. Idempotent. */
    void finish(grpc::Status status);
    /** The client went away: drop what is queued and finish. */
    void cancel();
    /** Reactor side: a write completed. */
    void onWriteDone(bool ok);
    /** Reactor side: OnDone ran; the reactor is gone. */
    void detach()
    {
        std::lock_guard lock(m_mutex);
        m_reactor = nullptr;
        m_closed = true;
    }

private:
    EmitResult push(gateways::Event &&msg, bool control);
    void startWrite(const gateways::Event *msg, bool moreQueued);
    void finishNow(grpc::Status status);

    std::mutex m_mutex;
    StreamReactor *m_reactor;
    const std::string m_name;
    const bool m_extensions;
    const StreamLimits m_limits;
    std::deque<gateways::Event> m_queue; // front is in flight while m_writing
    std::size_t m_bytes = 0;
    bool m_writing = false;
    bool m_closed = false; // no more events accepted
    bool m_finished = false; // Finish issued
    std::optional<grpc::Status> m_pendingFinish;
};

class StreamReactor final : public grpc::ServerWriteReactor<gateways::Event>
{
public:
    StreamReactor(std::shared_ptr<SourceType> type, const gateways::EventSource &request, bool extensions, StreamLimits limits)
        : m_queue(std::make_shared<StreamQueue>(this, request.name(), extensions, limits))
    {
        const SourceSpec spec = toSpec(request);
        qCInfo(lcServer).noquote() << "start" << QString::fromStdString(spec.name) << "id" << QString::fromStdString(spec.id);
        auto source = type->start(spec, m_queue);
        if (!source) {
            qCWarning(lcServer).noquote() << QString::fromStdString(spec.name)
                                          << "failed to start:" << QString::fromStdString(source.error().text());
            m_queue->finish(grpc::Status(grpc::StatusCode::UNKNOWN, source.error().text()));
            return;
        }
        std::lock_guard lock(m_sourceMutex);
        m_source = std::move(*source);
    }

    void OnWriteDone(bool ok) override { m_queue->onWriteDone(ok); }

    void OnCancel() override
    {
        stopSource();
        m_queue->cancel();
    }

    void OnDone() override
    {
        stopSource();
        m_queue->detach();
        delete this;
    }

private:
    void stopSource()
    {
        std::unique_ptr<RunningSource> s;
        {
            std::lock_guard lock(m_sourceMutex);
            s = std::move(m_source);
        }
        s.reset(); // outside the lock: a source may take a moment to stop
    }

    std::shared_ptr<StreamQueue> m_queue;
    std::mutex m_sourceMutex;
    std::unique_ptr<RunningSource> m_source;
};

EmitResult StreamQueue::push(gateways::Event &&msg, bool control)
{
    const gateways::Event *toWrite = nullptr;
    {
        std::lock_guard lock(m_mutex);
        if (m_closed || m_pendingFinish || m_finished)
            return EmitResult::Closed;
        const std::size_t size = msg.payload().size();
        if (!control && (m_queue.size() >= m_limits.maxQueuedEvents || m_bytes + size > m_limits.maxQueuedBytes))
            return EmitResult::Full;
        m_bytes += size;
        m_queue.push_back(std::move(msg));
        if (!m_writing) {
            m_writing = true;
            toWrite = &m_queue.front(); // deque references stay valid across push_back
        }
    }
    if (toWrite)
        startWrite(toWrite, false);
    return EmitResult::Accepted;
}

void StreamQueue::startWrite(const gateways::Event *msg, bool moreQueued)
{
    // m_reactor is only cleared in OnDone, which cannot run while this write is outstanding.
    // With more events queued behind this one, let gRPC coalesce them into fewer socket writes;
    // the last queued event is written without the hint, which flushes.
    grpc::WriteOptions options;
    if (moreQueued)
        options.set_buffer_hint();
    m_reactor->StartWrite(msg, options);
}

void StreamQueue::onWriteDone(bool ok)
{
    const gateways::Event *next = nullptr;
    bool moreQueued = false;
    std::optional<grpc::Status> finishWith;
    {
        std::lock_guard lock(m_mutex);
        if (!m_queue.empty()) {
            m_bytes -= m_queue.front().payload().size();
            m_queue.pop_front();
        }
        if (!ok) { // the client is gone: nothing more can be written
            m_closed = true;
            m_queue.clear();
            m_bytes = 0;
            if (!m_pendingFinish)
                m_pendingFinish = grpc::Status::CANCELLED;
        }
        if (!m_queue.empty()) {
            next = &m_queue.front();
            moreQueued = m_queue.size() > 1;
        } else {
            m_writing = false;
            if (m_pendingFinish && !m_finished) {
                m_finished = true;
                finishWith = std::move(m_pendingFinish);
            }
        }
    }
    if (next)
        startWrite(next, moreQueued);
    else if (finishWith)
        finishNow(std::move(*finishWith));
}

void StreamQueue::finish(grpc::Status status)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_finished || m_pendingFinish)
            return;
        if (m_writing) {
            m_pendingFinish = std::move(status); // sent after the queued events
            return;
        }
        m_finished = true;
    }
    finishNow(std::move(status));
}

void StreamQueue::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        // Keep only the write in flight; gRPC still holds a pointer to it.
        while (m_queue.size() > (m_writing ? 1u : 0u)) {
            m_bytes -= m_queue.back().payload().size();
            m_queue.pop_back();
        }
    }
    finish(grpc::Status::CANCELLED);
}

void StreamQueue::finishNow(grpc::Status status)
{
    StreamReactor *r = nullptr;
    {
        std::lock_guard lock(m_mutex);
        r = m_reactor;
    }
    if (r)
        r->Finish(std::move(status));
}

} // namespace

EventingService::EventingService(std::shared_ptr<SourceType> type, StreamLimits limits)
    : m_type(std::move(type))
    , m_limits(limits)
{
}

grpc::ServerUnaryReactor *EventingService::ValidateEventSource(
    grpc::CallbackServerContext *ctx, const gateways::EventSource *request, gateways::ValidEventSource *response)
{
    // Always OK status with the verdict inside: a v0.10 client crashes on an RPC error here.
    const Verdict v = m_type->validate(toSpec(*request));
    response->set_isvalid(v.valid);
    response->set_reason(v.reason);
    if (!v.valid)
        qCWarning(lcServer).noquote() << QString::fromStdString("invalid event source " + request->name() + ": " + v.reason);
    auto *reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerWriteReactor<gateways::Event> *EventingService::StartEventSource(
    grpc::CallbackServerContext *ctx, const gateways::EventSource *request)
{
    const auto &md = ctx->client_metadata();
    const auto it = md.find(kExtensionMetadataKey);
    const bool extensions = it != md.end() && it->second == "1";
    return new StreamReactor(m_type, *request, extensions, m_limits);
}

} // namespace gs
