#pragma once
// The gateway client: runs every entry of an event-source ConfigMap against one gateway server
// over gRPC, and reconciles by event-source id when the ConfigMap changes (spec §4.2).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <QObject>

#include "eventpipeline.h"
#include "sourcestatus.h"
#include "spec/manifests.h"

namespace gs {

class SourceSession;
class ReactorTracker;
struct SessionContext;

/** What a reconcile changed. */
struct ReconcileResult {
    std::vector<std::string> started; ///< keys
    std::vector<std::string> stopped; ///< keys
    std::size_t unchanged = 0;
};

class GatewayClient : public QObject
{
    Q_OBJECT
public:
    struct Options {
        std::string serverTarget; ///< host:port of the gateway server
        bool extensions = true; ///< negotiate the Gateway Studio extensions
        std::chrono::milliseconds initialBackoff {1000};
        std::chrono::milliseconds maxBackoff {60000};
    };

    GatewayClient(const Gateway &gateway, Options options, std::shared_ptr<EventPipeline> pipeline, QObject *parent = nullptr);
    ~GatewayClient() override;

    /** Starts new ids, stops stale ones; unchanged entries keep their streams. */
    ReconcileResult reconcile(const ConfigMap &configMap);
    /** Stops every source and waits (bounded) for their streams to end. */
    void stopAll(std::chrono::milliseconds wait = std::chrono::milliseconds(5000));

    [[nodiscard]] std::vector<SourceStatus> statuses() const;
    [[nodiscard]] const std::string &gatewayName() const { return m_gatewayName; }

Q_SIGNALS:
    void sourceStatusChanged(const gs::SourceStatus &status);
    void sourceRemoved(const QString &id);

private:
    std::shared_ptr<SessionContext> contextFor(const std::string &version);

    std::string m_gatewayName;
    std::string m_gatewayType;
    Options m_options;
    std::shared_ptr<EventPipeline> m_pipeline;
    std::shared_ptr<ReactorTracker> m_tracker;
    std::shared_ptr<void> m_stub; // gateways::Eventing::Stub, kept out of this header
    std::map<std::string, SourceSession *> m_sessions; // by id, children of this object
};

} // namespace gs
