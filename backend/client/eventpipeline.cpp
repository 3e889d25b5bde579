#include "eventpipeline.h"

#include "envelope/argo.h"
#include "envelope/cloudevent.h"

namespace gs {

DeliveryPipeline::DeliveryPipeline(std::shared_ptr<Dispatcher> dispatcher)
    : m_dispatcher(std::move(dispatcher))
{
}

bool DeliveryPipeline::offer(Event &event, std::function<void()> onSpace)
{
    auto out = std::make_shared<Outgoing>();
    out->eventId = argo::eventId(event);
    out->source = event.source;
    out->body = argo::encode(event);
    out->headers.emplace_back("Content-Type", "application/json");
    out->received = event.received;
    if (!m_dispatcher->trySubmit(out, std::move(onSpace)))
        return false;
    std::lock_guard lock(m_outMutex);
    ++m_accepted;
    if (m_jsonl) {
        const std::string line = toStructuredJson(toCloudEvent(event, out->eventId));
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
