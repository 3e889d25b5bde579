#pragma once
// Runs gateways in the app: one LocalGateway each, on the GUI thread.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <QObject>
#include <QUrl>
#include <QtQmlIntegration>

#include "core/result.h"
#include "models/gatewaylistmodel.h"
#include "runtime/localgateway.h"
#include "spec/manifests.h"
#include "store/eventtap.h"

namespace gs {

class Notifier;

/**
 * Starts and stops the app's gateways (from files or the demo) and keeps GatewayListModel in step
 * with their sources. Every gateway feeds the same EventTap. Files are read off the GUI thread.
 */
class GatewayManager : public QObject
{
    Q_OBJECT
    // Reaches QML as a singleton instance: see registrations.h.
    Q_PROPERTY(gs::GatewayListModel *gateways READ gateways CONSTANT)
    /** The last error (a file that did not load, a gateway that did not start), until the next one. */
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    /** True while files are being read and checked. */
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
public:
    explicit GatewayManager(std::shared_ptr<EventTap> tap, QObject *parent = nullptr);
    ~GatewayManager() override;

    [[nodiscard]] GatewayListModel *gateways() { return &m_list; }
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] bool loading() const { return m_loading > 0; }

    /** Watchers and sinks every gateway started from now on also delivers to (the command line's --sink). */
    void setExtraSinks(std::vector<std::string> urls) { m_sinks = std::move(urls); }
    /** Watcher name -> URL for gateways started from now on (the command line's --resolve NAME=URL). */
    void setResolve(std::map<std::string, std::string> resolve) { m_resolve = std::move(resolve); }

    /** Starts `pair` now (GUI thread). `origin` says where it came from; `sinks` add delivery targets. */
    Result<void> start(const GatewayPair &pair, const QString &origin, const std::vector<std::string> &sinks = {},
        const std::vector<Warning> &fileWarnings = {});
    /**
     * Reads a Gateway file and its event-source ConfigMap file (empty: the ConfigMap is in the
     * Gateway's file) on a worker thread, then starts the gateway; errors go to lastError.
     */
    Q_INVOKABLE void openFiles(const QUrl &gatewayFile, const QUrl &eventSourcesFile = {});
    /** Stops gateway `name` and removes it from the list. */
    Q_INVOKABLE void stopGateway(const QString &name);
    /** Stops every gateway (shutdown: rule 29). */
    void stopAll();
    [[nodiscard]] LocalGateway *gateway(const QString &name) const;
    Q_INVOKABLE void clearError();
    /** True when `gateway` runs a stream type (nats, mqtt, kafka, amqp), whose sources take test messages. */
    Q_INVOKABLE bool canSendTestMessage(const QString &gateway) const;
    /**
     * Publishes a message (`data`, or a small JSON sample) where source `source` of `gateway` listens,
     * off the GUI thread, so the user sees it arrive as an event; `testMessageSent` follows.
     */
    Q_INVOKABLE void sendTestMessage(const QString &gateway, const QString &source, const QString &data = {});
    /** Shows `message` as the last error (other controllers report through here too). */
    void reportError(const QString &message) { setError(message); }

Q_SIGNALS:
    void lastErrorChanged();
    void loadingChanged();
    /** A gateway started and is in the list. */
    void gatewayStarted(const QString &name);
    /** A test message went out (`ok`; `message` says where, secrets masked) or did not (`message` says why). */
    void testMessageSent(const QString &gateway, const QString &source, bool ok, const QString &message);
    /** Also reported through lastError. */
    void errorOccurred(const QString &message);

private:
    void setError(const QString &message);

    std::shared_ptr<EventTap> m_tap;
    GatewayListModel m_list;
    std::map<QString, std::unique_ptr<LocalGateway>> m_running;
    std::map<QString, GatewayPair> m_pairs; // what each running gateway was started from (test messages)
    std::vector<std::string> m_sinks;
    std::map<std::string, std::string> m_resolve;
    QString m_lastError;
    int m_loading = 0;
    std::shared_ptr<Notifier> m_notifier; // worker threads report back through it
};

} // namespace gs
