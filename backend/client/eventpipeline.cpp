#include "eventpipeline.h"

#include "core/logging.h"
#include "core/printable.h"
#include "envelope/encoder.h"

namespace gs {

DeliveryPipeline::DeliveryPipeline(std::shared_ptr<Dispatcher> dispatcher, EnvelopeKind envelope)
    : m_dispatcher(std::move(dispatcher))
    , m_envelope(envelope)
{
}

bool DeliveryPipeline::offer(Event &event, std::function<void()> onSpace)
{
    const EnvelopeKind kind = m_envelope.load();
    auto encoded = encodeEvent(event, kind);
    if (!encoded) {
        // Only an event no CloudEvent can carry gets here; taking it keeps the stream flowing.
        qCWarning(lcDispatch).noquote() << QString::fromStdString("dropped an event from " + quoted(event.source) + ": " + encoded.error().text());
        return true;
    }
    auto out = std::make_shared<Outgoing>();
    out->eventId = encoded->cloudEvent.id;
    out->source = event.source;
    out->body = std::move(encoded->body);
    out->headers = std::move(encoded->headers);
    out->received = event.received;
    out->subject = event.gateway + ':' + event.source; // v0.10's NATS subject (spec §4.7)
    // NATS (in this version) has no headers: a binary-mode CloudEvent travels in its structured form.
    if (kind == EnvelopeKind::CloudEventsBinary && m_dispatcher->hasMessageTargets())
        out->messageBody = toStructuredJson(encoded->cloudEvent);
    if (!m_dispatcher->trySubmit(out, std::move(onSpace)))
        return false;
    if (m_tap) {
        // A copy for the app, made once the event is really taken (a refused one is offered again).
        auto record = std::make_shared<EventRecord>();
        record->id = out->eventId;
        record->time = event.time;
        record->gateway = event.gateway;
        record->type = event.type;
        record->source = event.source;
        record->contentType = encoded->cloudEvent.datacontenttype;
        record->payload = std::move(event.payload); // taken: the caller drops the event now
        record->meta = std::move(event.meta);
        record->envelope = kind;
        record->sent = out;
        m_tap->pushEvent(std::move(record));
    }
    std::lock_guard lock(m_outMutex);
    ++m_accepted;
    if (m_jsonl) {
        const std::string line = toStructuredJson(encoded->cloudEvent);
        std::fwrite(line.data(), 1, line.size(), m_jsonl);
        std::fputc('\n', m_jsonl);
        std::fflush(m_jsonl);
    }
    return true;
}

std::uint64_t DeliveryPipeline::accepted() const
{
    std::lock_guard lock(m_outMutex);
    return m_accepted;
}

} // namespace gs
