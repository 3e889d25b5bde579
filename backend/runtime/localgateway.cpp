#include "localgateway.h"

#include <algorithm>

#include "core/logging.h"
#include "core/redact.h"
#include "dispatch/natspublisher.h"
#include "dispatch/watchers.h"
#include "http/client.h"
#include "sources/registry.h"

namespace gs {

namespace {

/** eventProtocol NATS as something the Dispatcher can use, or why not. */
Result<void> checkNatsProtocol(const Gateway &gw)
{
    const auto &p = gw.eventProtocol;
    if (p.natsType != "Standard" && p.natsType != "Streaming")
        return fail("spec.eventProtocol.nats.type: expected Standard or Streaming, found '" + p.natsType + "'", gw.origin);
    if (auto ok = checkNatsUrl(p.natsUrl); !ok)
        return fail("spec.eventProtocol.nats.url: " + ok.error().message, gw.origin);
    return {};
}

} // namespace

std::vector<Target> LocalGateway::targetsFor(const Gateway &gw, std::vector<std::string> &warnings)
{
    std::vector<Target> targets;
    for (const auto &url : m_options.sinks)
        targets.push_back({"sink " + http::redactUrl(url), url});
    if (gw.eventProtocol.type == "NATS") {
        // v0.10 publishes every event on <gateway>:<key> and uses no watchers (spec §4.7).
        const auto &p = gw.eventProtocol;
        Target t;
        t.url = p.natsUrl;
        const std::string subjects = ", subjects " + gw.meta.name + ":<key>";
        if (p.natsType == "Streaming") {
            t.kind = TargetKind::NatsStreaming;
            t.clusterId = p.clusterId;
            t.clientId = p.clientId;
            t.name = "NATS Streaming " + redactBrokerUrl(p.natsUrl) + " cluster " + p.clusterId + subjects;
        } else {
            t.kind = TargetKind::Nats;
            t.name = "NATS " + redactBrokerUrl(p.natsUrl) + subjects;
        }
        targets.push_back(std::move(t));
        if (!gw.sensors.empty() || !gw.gatewayWatchers.empty()) {
            std::string w = "spec.watchers: not used with eventProtocol NATS (events are published to NATS only, as v0.10)";
            if (m_warned.insert(w).second)
                warnings.push_back(std::move(w));
        }
        return targets;
    }
    std::vector<std::string> found;
    for (auto &t : localWatcherTargets(gw, m_options.resolve, found))
        targets.push_back(std::move(t));
    // Each skipped watcher is reported once, not again on every reload.
    for (auto &w : found) {
        if (m_warned.insert(w).second)
            warnings.push_back(std::move(w));
    }
    return targets;
}

Result<std::unique_ptr<LocalGateway>> LocalGateway::start(
    const Gateway &gateway, const ConfigMap &configMap, LocalOptions options, std::vector<std::string> &warnings)
{
    if (gateway.eventProtocol.type == "NATS") {
        if (auto ok = checkNatsProtocol(gateway); !ok)
            return tl::unexpected(ok.error());
    }

    std::unique_ptr<LocalGateway> lg(new LocalGateway);
    lg->m_gateway = gateway;
    lg->m_options = std::move(options);

    for (const auto &[name, url] : lg->m_options.resolve) {
        bool known = false;
        for (const auto &s : gateway.sensors)
            known |= s.name == name;
        for (const auto &g : gateway.gatewayWatchers)
            known |= g.name == name;
        if (!known)
            warnings.push_back("--resolve " + name + ": the Gateway has no watcher called " + name);
    }

    lg->m_dispatcher = std::make_shared<Dispatcher>(lg->m_options.dispatch);
    if (lg->m_options.tap)
        lg->m_dispatcher->setObserver(deliveryObserverFor(lg->m_options.tap));
    auto targets = lg->targetsFor(gateway, warnings);
    if (targets.empty() && !lg->m_options.jsonl && !lg->m_options.tap)
        warnings.push_back("events are delivered nowhere: the Gateway has no reachable watchers; add --sink URL or --output jsonl");
    lg->m_dispatcher->setTargets(std::move(targets));
    lg->m_pipeline = std::make_shared<DeliveryPipeline>(lg->m_dispatcher, lg->m_options.envelope.value_or(gateway.envelope()));
    lg->m_pipeline->setJsonLines(lg->m_options.jsonl);
    lg->m_pipeline->setTap(lg->m_options.tap);

    if (isBundledType(gateway.type)) {
        SourceEnvironment env;
        env.bindAddress = lg->m_options.bindAddress;
        env.secretsDir = lg->m_options.secretsDir;
        // In-process servers take a free port: several gateways may all say processorPort "9330".
        auto server = GatewayServer::start(std::shared_ptr<SourceType>(makeSourceType(gateway.type, env)), "127.0.0.1", 0);
        if (!server)
            return tl::unexpected(server.error());
        lg->m_server = std::move(*server);
        lg->m_target = lg->m_server->target();
    } else {
        int port = 0;
        const std::string &pp = gateway.processorPort;
        if (!pp.empty() && pp.size() <= 5 && std::all_of(pp.begin(), pp.end(), [](char c) { return c >= '0' && c <= '9'; }))
            port = std::stoi(pp);
        if (port < 1 || port > 65535)
            return fail("spec.processorPort: expected a port number for the custom gateway server, found '" + gateway.processorPort + "'",
                gateway.origin);
        lg->m_target = "localhost:" + std::to_string(port);
        qCInfo(lcClient).noquote() << "type" << QString::fromStdString(gateway.type) << "is not bundled: using the custom gateway server at"
                                   << QString::fromStdString(lg->m_target);
    }

    GatewayClient::Options copts;
    copts.serverTarget = lg->m_target;
    copts.extensions = lg->m_options.extensions;
    {
        const auto kind = toString(lg->m_pipeline->envelope());
        qCInfo(lcDispatch).noquote() << QString::fromStdString(gateway.meta.name) << "delivers events as"
                                     << QString::fromUtf8(kind.data(), static_cast<qsizetype>(kind.size())) << "to"
                                     << lg->m_dispatcher->targets().size() << "target(s)";
    }
    lg->m_client = std::make_unique<GatewayClient>(gateway, copts, lg->m_pipeline);
    lg->m_client->reconcile(configMap);
    return lg;
}

LocalGateway::~LocalGateway()
{
    stop(std::chrono::milliseconds(0));
}

Result<ReconcileResult> LocalGateway::update(const Gateway &gateway, const ConfigMap &configMap, std::vector<std::string> &warnings)
{
    if (gateway.meta.name != m_gateway.meta.name || gateway.type != m_gateway.type
        || (!m_server && gateway.processorPort != m_gateway.processorPort))
        return fail("metadata.name, spec.type and spec.processorPort cannot change while running; restart to apply", gateway.origin);
    if (gateway.eventProtocol.type == "NATS") {
        if (auto ok = checkNatsProtocol(gateway); !ok)
            return tl::unexpected(ok.error());
    } else if (gateway.eventProtocol.type != "HTTP") {
        return fail("spec.eventProtocol.type: expected HTTP or NATS, found '" + gateway.eventProtocol.type + "'", gateway.origin);
    }
    auto targets = targetsFor(gateway, warnings);
    if (!(targets == m_dispatcher->targets())) {
        qCInfo(lcDispatch) << "delivery targets changed:" << targets.size() << "targets";
        m_dispatcher->setTargets(std::move(targets));
    }
    if (const auto kind = m_options.envelope.value_or(gateway.envelope()); kind != m_pipeline->envelope()) {
        qCInfo(lcDispatch).noquote() << "envelope changed to" << QString::fromUtf8(toString(kind).data(), static_cast<qsizetype>(toString(kind).size()));
        m_pipeline->setEnvelope(kind);
    }
    m_gateway = gateway;
    return m_client->reconcile(configMap);
}

std::uint64_t LocalGateway::stop(std::chrono::milliseconds drain)
{
    if (m_stopped || !m_client) // a start that failed half-way has nothing running
        return 0;
    m_stopped = true;
    m_client->stopAll();
    if (m_server)
        m_server->shutdown();
    m_dispatcher->drain(drain);
    return m_dispatcher->stats().pendingEvents;
}

} // namespace gs
