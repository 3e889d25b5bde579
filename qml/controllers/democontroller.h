#pragma once
// The offline demo as a mode of the real app (rule 8): real gateways, a generator, a local sink.

#include <chrono>
#include <memory>

#include <QObject>
#include <QtQmlIntegration>

#include "core/result.h"

namespace gs {

class GatewayManager;
class SinkServer;
namespace demo {
class Generator;
}

/**
 * Starts the built-in demo set through GatewayManager: a webhook gateway on a free loopback port,
 * fed by a generator every few seconds and by postSample(); the calendar demo; and an embedded sink
 * so every event has a delivery to watch.
 */
class DemoController : public QObject
{
    Q_OBJECT
    // Reaches QML as a singleton instance: see registrations.h.
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    /** Where the demo webhook listens: POST here with curl. */
    Q_PROPERTY(QString webhookUrl READ webhookUrl NOTIFY runningChanged)
public:
    explicit DemoController(GatewayManager *manager, QObject *parent = nullptr);
    ~DemoController() override;

    [[nodiscard]] bool running() const { return m_running; }
    [[nodiscard]] QString webhookUrl() const { return m_url; }

    /** Starts the demo; `interval` between generated events (0: no generator). */
    Result<void> start(std::chrono::milliseconds interval = std::chrono::milliseconds(3000));
    /** Starts the demo, reporting a failure through GatewayManager::lastError. */
    Q_INVOKABLE void run();
    /** Posts one sample event to the demo webhook now. */
    Q_INVOKABLE void postSample();
    /** Stops the generator and the sink (the gateways stop with GatewayManager). */
    void stop();

Q_SIGNALS:
    void runningChanged();

private:
    void webhookConnected();

    GatewayManager *m_manager;
    bool m_running = false;
    QString m_url;
    std::chrono::milliseconds m_interval {3000};
    bool m_connected = false; // the webhook listens
    int m_postsWaiting = 0; // samples asked for before the webhook listened
    std::unique_ptr<SinkServer> m_sink;
    std::unique_ptr<demo::Generator> m_generator;
};

} // namespace gs
