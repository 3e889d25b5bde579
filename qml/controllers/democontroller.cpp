#include "democontroller.h"

#include "controllers/gatewaymanager.h"
#include "http/server.h"
#include "runtime/demo.h"
#include "runtime/sinkserver.h"

namespace gs {

DemoController::DemoController(GatewayManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
}

DemoController::~DemoController()
{
    stop();
}

Result<void> DemoController::start(std::chrono::milliseconds interval)
{
    if (m_running)
        return {};
    m_interval = interval;
    // The sink answers like a sensor would; the app sees each event through its own tap already.
    auto sink = SinkServer::start("127.0.0.1", 0, [](const CloudEvent &) {});
    if (!sink)
        return tl::unexpected(sink.error());
    auto port = http::freePort();
    if (!port)
        return tl::unexpected(port.error());
    auto webhook = demo::webhookPair(*port);
    if (!webhook)
        return tl::unexpected(webhook.error());
    auto calendar = demo::calendarPair();
    if (!calendar)
        return tl::unexpected(calendar.error());
    m_sink = std::move(*sink);
    const std::vector<std::string> sinks {m_sink->url()};
    if (auto r = m_manager->start(*webhook, tr("built-in demo"), sinks); !r)
        return r;
    if (auto r = m_manager->start(*calendar, tr("built-in demo"), sinks); !r)
        return r;
    m_url = QString::fromStdString("http://127.0.0.1:" + std::to_string(*port) + "/example");
    // Post only once the webhook listens, so no early POST is refused (as gwctl demo does).
    if (LocalGateway *lg = m_manager->gateway(QString::fromStdString(webhook->gateway.meta.name))) {
        connect(&lg->client(), &GatewayClient::sourceStatusChanged, this, [this](const SourceStatus &s) {
            if (s.connection.starts_with("connected"))
                webhookConnected();
        });
    }
    m_running = true;
    Q_EMIT runningChanged();
    return {};
}

void DemoController::run()
{
    if (auto r = start(m_interval); !r)
        m_manager->reportError(tr("The demo did not start: %1").arg(QString::fromStdString(r.error().text())));
}

void DemoController::webhookConnected()
{
    if (m_connected)
        return;
    m_connected = true;
    if (m_interval.count() > 0)
        m_generator = std::make_unique<demo::Generator>(m_url.toStdString(), m_interval);
    for (; m_postsWaiting > 0; --m_postsWaiting)
        postSample();
}

void DemoController::postSample()
{
    if (!m_running)
        return;
    if (!m_connected) {
        ++m_postsWaiting;
    } else if (!m_generator) {
        // No timed generator (interval 0): one that posts once now and then only when asked.
        m_generator = std::make_unique<demo::Generator>(m_url.toStdString(), std::chrono::hours(24 * 365));
    } else {
        m_generator->postNow();
    }
}

void DemoController::stop()
{
    m_generator.reset();
    m_connected = false;
    m_sink.reset();
    if (m_running) {
        m_running = false;
        Q_EMIT runningChanged();
    }
}

} // namespace gs
