#pragma once
// Runs one Gateway on this machine: the bundled server for its type in-process (or a custom
// server at localhost:<processorPort>), the gateway client over real gRPC, and HTTP dispatch.
// Shared by `gwctl run`, `gwctl demo` and the app.

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <QObject>

#include "client/eventpipeline.h"
#include "client/gatewayclient.h"
#include "core/result.h"
#include "dispatch/dispatcher.h"
#include "server/gatewayserver.h"
#include "spec/manifests.h"

namespace gs {

struct LocalOptions {
    std::vector<std::string> sinks; ///< --sink URL (repeatable)
    std::map<std::string, std::string> resolve; ///< --resolve NAME=URL
    std::string bindAddress = "127.0.0.1"; ///< where bundled sources listen (webhook)
    std::string secretsDir;
    std::FILE *jsonl = nullptr; ///< --output jsonl: print each event here
    std::optional<EnvelopeKind> envelope; ///< --envelope: overrides the Gateway's annotation
    DispatchOptions dispatch;
    bool extensions = true;
    /** The app's live view: every accepted event and every delivery change is copied here. */
    std::shared_ptr<EventTap> tap;
};

class LocalGateway : public QObject
{
    Q_OBJECT
public:
    /** Starts everything; `warnings` receives non-fatal findings (skipped watchers, ...). */
    [[nodiscard]] static Result<std::unique_ptr<LocalGateway>> start(
        const Gateway &gateway, const ConfigMap &configMap, LocalOptions options, std::vector<std::string> &warnings);
    ~LocalGateway() override;

    /**
     * Applies edited files: the ConfigMap is reconciled by id and watchers are re-resolved. A change
     * of name, type or processorPort cannot be applied live and is refused with a reason.
     */
    [[nodiscard]] Result<ReconcileResult> update(const Gateway &gateway, const ConfigMap &configMap, std::vector<std::string> &warnings);

    /** Stops sources, gives pending deliveries up to `drain`, stops the server. Returns undelivered count. */
    std::uint64_t stop(std::chrono::milliseconds drain = std::chrono::milliseconds(5000));

    [[nodiscard]] GatewayClient &client() { return *m_client; }
    [[nodiscard]] Dispatcher &dispatcher() { return *m_dispatcher; }
    [[nodiscard]] const Gateway &gateway() const { return m_gateway; }
    /** Events the client has taken so far (delivered, printed, or both). */
    [[nodiscard]] std::uint64_t eventsReceived() const { return m_pipeline->accepted(); }
    /** The envelope events are delivered in now. */
    [[nodiscard]] EnvelopeKind envelope() const { return m_pipeline->envelope(); }
    /** host:port the client dials. */
    [[nodiscard]] std::string serverTarget() const { return m_target; }

private:
    LocalGateway() = default;
    [[nodiscard]] std::vector<Target> targetsFor(const Gateway &gw, std::vector<std::string> &warnings);

    Gateway m_gateway;
    LocalOptions m_options;
    std::string m_target;
    std::unique_ptr<GatewayServer> m_server; // null for a custom type
    std::shared_ptr<Dispatcher> m_dispatcher;
    std::shared_ptr<DeliveryPipeline> m_pipeline;
    std::unique_ptr<GatewayClient> m_client;
    bool m_stopped = false;
    std::set<std::string> m_warned; // watcher warnings already given
};

} // namespace gs
