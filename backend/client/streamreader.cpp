#include "streamreader.h"

#include <algorithm>

#include "core/ids.h"
#include "core/logging.h"
#include "server/eventingservice.h"

namespace gs {

StreamReader::StreamReader(
    StreamIdentity identity, std::shared_ptr<EventPipeline> pipeline, std::shared_ptr<ReactorTracker> tracker, NoticeFn notify)
    : m_identity(std::move(identity))
    , m_pipeline(std::move(pipeline))
    , m_tracker(std::move(tracker))
    , m_notify(std::move(notify))
{
    m_tracker->add();
}

StreamReader::~StreamReader()
{
    m_tracker->remove();
}

std::shared_ptr<StreamReader> StreamReader::open(gateways::Eventing::Stub &stub, const gateways::EventSource &request,
    StreamIdentity identity, std::shared_ptr<EventPipeline> pipeline, bool extensions, std::shared_ptr<ReactorTracker> tracker,
    NoticeFn notify)
{
    std::shared_ptr<StreamReader> r(new StreamReader(std::move(identity), std::move(pipeline), std::move(tracker), std::move(notify)));
    r->m_self = r;
    r->m_request = request;
    if (extensions)
        r->m_context.AddMetadata(kExtensionMetadataKey, "1");
    stub.async()->StartEventSource(&r->m_context, &r->m_request, r.get());
    r->StartRead(&r->m_incoming);
    r->StartCall();
    return r;
}

void StreamReader::cancel()
{
    bool releaseHold = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled)
            return;
        m_cancelled = true;
        if (m_paused) {
            m_paused = false;
            m_held.reset();
            releaseHold = true;
        }
    }
    m_context.TryCancel();
    if (releaseHold)
        RemoveHold();
}

void StreamReader::OnReadDone(bool ok)
{
    if (!ok)
        return; // the stream ended; OnDone reports how
    if (m_incoming.name().empty() && m_incoming.has_state()) {
        // A state report (extension), not an event.
        m_notify(StreamNotice {StreamNotice::Kind::State, m_incoming.state().phase(), m_incoming.state().message(), {}});
        StartRead(&m_incoming);
        return;
    }
    Event ev;
    ev.received = std::chrono::steady_clock::now();
    ev.time = nowMicros();
    ev.id = newUuid();
    ev.gateway = m_identity.gateway;
    ev.type = m_identity.type;
    ev.source = m_incoming.name().empty() ? m_identity.source : m_incoming.name();
    ev.payload = std::move(*m_incoming.mutable_payload());
    for (auto &[k, v] : *m_incoming.mutable_meta())
        ev.meta.emplace_back(k, std::move(v));
    // A protobuf map has no order: sort by key so every event shows its metadata the same way.
    std::sort(ev.meta.begin(), ev.meta.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    m_incoming.Clear();
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled)
            return;
        m_held = std::move(ev);
    }
    deliverHeld();
}

bool StreamReader::deliverHeld()
{
    // Runs on the read callback, or in resume() while paused: never on two threads at once.
    auto self = shared_from_this();
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            m_spaceSignalled = false;
        }
        if (m_pipeline->offer(*m_held, [self] { self->resume(); }))
            break;
        std::lock_guard lock(m_mutex);
        if (m_cancelled)
            return false;
        if (m_spaceSignalled)
            continue; // room appeared between the refusal and now: try again
        if (!m_paused) {
            m_paused = true;
            AddHold(); // keeps OnDone away while no read is outstanding
        }
        return false;
    }
    m_events.fetch_add(1, std::memory_order_relaxed);
    bool releaseHold = false;
    {
        std::lock_guard lock(m_mutex);
        m_held.reset();
        releaseHold = m_paused;
        m_paused = false;
        if (m_cancelled) {
            if (releaseHold)
                RemoveHold();
            return true;
        }
    }
    StartRead(&m_incoming);
    if (releaseHold)
        RemoveHold(); // after StartRead: a read is outstanding, so OnDone cannot run here
    return true;
}

void StreamReader::resume()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled)
            return;
        if (!m_paused || m_resuming || !m_held) {
            m_spaceSignalled = true;
            return;
        }
        m_resuming = true;
    }
    deliverHeld();
    std::lock_guard lock(m_mutex);
    m_resuming = false;
}

void StreamReader::OnDone(const grpc::Status &status)
{
    m_notify(StreamNotice {StreamNotice::Kind::Ended, {}, {}, status});
    m_self.reset(); // may delete this
}

} // namespace gs
