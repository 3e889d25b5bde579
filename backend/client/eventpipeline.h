#pragma once
// Where the client hands each received event: envelope, dispatch and local outputs.

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>

#include "core/envelopekind.h"
#include "core/event.h"
#include "dispatch/dispatcher.h"
#include "store/eventtap.h"

namespace gs {

class EventPipeline
{
public:
    virtual ~EventPipeline() = default;
    /**
     * Takes `event` unless the pipeline is full; then returns false, leaves `event` untouched, and
     * calls `onSpace` once when there is room. Thread-safe and non-blocking (called on gRPC threads).
     */
    virtual bool offer(Event &event, std::function<void()> onSpace) = 0;
};

/** The standard pipeline: the gateway's envelope -> Dispatcher, plus an optional JSON-lines copy. */
class DeliveryPipeline final : public EventPipeline
{
public:
    explicit DeliveryPipeline(std::shared_ptr<Dispatcher> dispatcher, EnvelopeKind envelope = EnvelopeKind::Argo);

    /** The envelope for events offered from now on. Thread-safe. */
    void setEnvelope(EnvelopeKind envelope) { m_envelope.store(envelope); }
    [[nodiscard]] EnvelopeKind envelope() const { return m_envelope.load(); }

    /** Also print each accepted event as one CloudEvents 1.0 JSON line to `out` (decisions §2). */
    void setJsonLines(std::FILE *out) { m_jsonl = out; }
    /** Also copy each accepted event into `tap` (the app's live view). Set before the first offer. */
    void setTap(std::shared_ptr<EventTap> tap) { m_tap = std::move(tap); }
    bool offer(Event &event, std::function<void()> onSpace) override;
    [[nodiscard]] std::uint64_t accepted() const;

private:
    std::shared_ptr<Dispatcher> m_dispatcher;
    std::atomic<EnvelopeKind> m_envelope;
    std::FILE *m_jsonl = nullptr;
    std::shared_ptr<EventTap> m_tap;
    mutable std::mutex m_outMutex;
    std::uint64_t m_accepted = 0;
};

} // namespace gs
