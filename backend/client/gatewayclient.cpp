#include "gatewayclient.h"

#include <set>

#include <grpcpp/grpcpp.h>

#include "core/ids.h"
#include "core/logging.h"
#include "server/grpclogging.h"
#include "sourcesession.h"

namespace gs {

GatewayClient::GatewayClient(const Gateway &gateway, Options options, std::shared_ptr<EventPipeline> pipeline, QObject *parent)
    : QObject(parent)
    , m_gatewayName(gateway.meta.name)
    , m_gatewayType(gateway.type)
    , m_options(std::move(options))
    , m_pipeline(std::move(pipeline))
    , m_tracker(std::make_shared<ReactorTracker>())
{
    keepGrpcInitialized();
    qRegisterMetaType<gs::SourceStatus>();
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(16 * 1024 * 1024);
    // Retry connecting soon after a server restart instead of gRPC's default of up to two minutes.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 500);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5000);
    auto channel = grpc::CreateCustomChannel(m_options.serverTarget, grpc::InsecureChannelCredentials(), args);
    m_stub = std::shared_ptr<gateways::Eventing::Stub>(gateways::Eventing::NewStub(channel));
}

GatewayClient::~GatewayClient()
{
    stopAll();
}

std::shared_ptr<SessionContext> GatewayClient::contextFor(const std::string &version)
{
    auto ctx = std::make_shared<SessionContext>();
    ctx->stub = std::static_pointer_cast<gateways::Eventing::Stub>(m_stub);
    ctx->pipeline = m_pipeline;
    ctx->tracker = m_tracker;
    ctx->gateway = m_gatewayName;
    ctx->type = m_gatewayType;
    ctx->version = version;
    ctx->extensions = m_options.extensions;
    ctx->initialBackoff = m_options.initialBackoff;
    ctx->maxBackoff = m_options.maxBackoff;
    return ctx;
}

ReconcileResult GatewayClient::reconcile(const ConfigMap &cm)
{
    ReconcileResult result;
    const auto versionIt = cm.meta.labels.find(kEventSourceVersionLabel);
    const std::string version = versionIt == cm.meta.labels.end() ? std::string() : versionIt->second;

    std::map<std::string, std::pair<std::string, std::string>> wanted; // id -> (key, value)
    for (const auto &[key, value] : cm.data)
        wanted.emplace(eventSourceId(key, value), std::make_pair(key, value));

    // Stale first, then new (v0.10's order): a changed route is freed before it is taken again.
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (wanted.contains(it->first)) {
            ++it;
            continue;
        }
        result.stopped.push_back(it->second->status().name);
        qCInfo(lcClient).noquote() << "stopping" << QString::fromStdString(it->second->status().name);
        const QString id = QString::fromStdString(it->first);
        delete it->second;
        it = m_sessions.erase(it);
        Q_EMIT sourceRemoved(id);
    }
    std::shared_ptr<SessionContext> ctx;
    for (const auto &[id, kv] : wanted) {
        if (m_sessions.contains(id)) {
            ++result.unchanged;
            continue;
        }
        if (!ctx)
            ctx = contextFor(version);
        auto *session = new SourceSession(ctx, kv.first, kv.second, this);
        connect(session, &SourceSession::statusChanged, this, &GatewayClient::sourceStatusChanged);
        m_sessions.emplace(id, session);
        result.started.push_back(kv.first);
        qCInfo(lcClient).noquote() << "starting" << QString::fromStdString(kv.first) << "id" << QString::fromStdString(id);
        session->start();
    }
    return result;
}

void GatewayClient::stopAll(std::chrono::milliseconds wait)
{
    for (auto &[id, session] : m_sessions)
        delete session;
    m_sessions.clear();
    if (!m_tracker->waitIdle(wait))
        qCWarning(lcClient) << "some event streams did not end in time";
}

std::vector<SourceStatus> GatewayClient::statuses() const
{
    std::vector<SourceStatus> out;
    for (const auto &[id, session] : m_sessions)
        out.push_back(session->snapshot());
    return out;
}

} // namespace gs
