#include "sourcesession.h"

#include "core/ids.h"
#include "core/logging.h"

namespace gs {

const char *toString(SourcePhase p)
{
    switch (p) {
    case SourcePhase::Starting:
        return "starting";
    case SourcePhase::Running:
        return "running";
    case SourcePhase::Invalid:
        return "invalid";
    case SourcePhase::Failed:
        return "failed";
    case SourcePhase::Completed:
        return "completed";
    }
    return "?";
}

const char *toString(ConnectionPhase p)
{
    switch (p) {
    case ConnectionPhase::None:
        return "";
    case ConnectionPhase::Connecting:
        return "connecting";
    case ConnectionPhase::Connected:
        return "connected";
    case ConnectionPhase::Reconnecting:
        return "reconnecting";
    case ConnectionPhase::Failed:
        return "failed";
    }
    return "?";
}

ConnectionPhase connectionPhaseFrom(const std::string &phase)
{
    for (auto p : {ConnectionPhase::Connecting, ConnectionPhase::Connected, ConnectionPhase::Reconnecting, ConnectionPhase::Failed}) {
        if (phase == toString(p))
            return p;
    }
    return ConnectionPhase::None;
}

SourceSession::SourceSession(std::shared_ptr<const SessionContext> context, std::string key, std::string value, QObject *parent)
    : QObject(parent)
    , m_ctx(std::move(context))
    , m_key(std::move(key))
    , m_value(std::move(value))
    , m_notifier(std::make_shared<Notifier>(this))
    , m_backoff(m_ctx->initialBackoff)
{
    m_status.id = eventSourceId(m_key, m_value);
    m_status.name = m_key;
    m_restartTimer.setSingleShot(true);
    connect(&m_restartTimer, &QTimer::timeout, this, &SourceSession::validate);
}

SourceSession::~SourceSession()
{
    m_notifier->detach();
    if (m_validateCall)
        m_validateCall->TryCancel();
    if (m_reader)
        m_reader->cancel();
}

gateways::EventSource SourceSession::request() const
{
    gateways::EventSource es;
    es.set_id(m_status.id);
    es.set_name(m_key);
    es.set_data(m_value);
    es.set_version(m_ctx->version);
    return es;
}

void SourceSession::start()
{
    validate();
}

SourceStatus SourceSession::snapshot() const
{
    SourceStatus s = m_status;
    s.events = m_eventsBefore + (m_reader ? m_reader->events() : 0);
    return s;
}

void SourceSession::setPhase(SourcePhase phase, std::string message)
{
    m_status.phase = phase;
    m_status.message = std::move(message);
    Q_EMIT statusChanged(snapshot());
}

void SourceSession::validate()
{
    setPhase(SourcePhase::Starting, "validating");
    struct Call {
        std::shared_ptr<grpc::ClientContext> ctx = std::make_shared<grpc::ClientContext>();
        gateways::EventSource req;
        gateways::ValidEventSource resp;
    };
    auto call = std::make_shared<Call>();
    call->req = request();
    call->ctx->set_deadline(std::chrono::system_clock::now() + m_ctx->validateTimeout);
    m_validateCall = call->ctx;
    const int generation = ++m_generation;
    m_ctx->stub->async()->ValidateEventSource(
        call->ctx.get(), &call->req, &call->resp, [this, call, generation, n = m_notifier](grpc::Status s) {
            n->post([this, call, generation, s] {
                if (generation != m_generation)
                    return;
                m_validateCall.reset();
                onValidated(s, call->resp.isvalid(), call->resp.reason());
            });
        });
}

void SourceSession::onValidated(const grpc::Status &rpc, bool valid, const std::string &reason)
{
    if (!rpc.ok()) {
        scheduleRestart("cannot validate: " + rpc.error_message() + " (gRPC " + std::to_string(rpc.error_code()) + ")");
        return;
    }
    if (!valid) {
        // v0.10 keeps an invalid source until its config text changes; so do we, but visibly.
        qCWarning(lcClient).noquote() << QString::fromStdString(m_key + " is not valid: " + reason);
        setPhase(SourcePhase::Invalid, reason);
        return;
    }
    openStream();
}

void SourceSession::openStream()
{
    if (m_reader)
        m_eventsBefore += m_reader->events();
    const int generation = ++m_generation;
    auto n = m_notifier;
    m_streamOpened = std::chrono::steady_clock::now();
    m_reader = StreamReader::open(*m_ctx->stub, request(), StreamIdentity {m_ctx->gateway, m_ctx->type, m_key}, m_ctx->pipeline,
        m_ctx->extensions, m_ctx->tracker, [this, n, generation](StreamNotice notice) {
            n->post([this, generation, notice = std::move(notice)] {
                if (generation == m_generation)
                    onNotice(notice);
            });
        });
    m_status.connection.clear();
    m_status.connectionPhase = ConnectionPhase::None;
    m_status.connectionMessage.clear();
    setPhase(SourcePhase::Running, "event source is running");
    qCInfo(lcClient).noquote() << QString::fromStdString(m_key) + QStringLiteral(": stream opened");
}

void SourceSession::onNotice(const StreamNotice &notice)
{
    if (notice.kind == StreamNotice::Kind::State) {
        m_status.connection = notice.phase + (notice.message.empty() ? "" : ": " + notice.message);
        m_status.connectionPhase = connectionPhaseFrom(notice.phase);
        m_status.connectionMessage = notice.message;
        // gwctl run shows these on stderr: trouble as warnings, the rest as information.
        if (m_status.connectionPhase == ConnectionPhase::Reconnecting || m_status.connectionPhase == ConnectionPhase::Failed)
            qCWarning(lcClient).noquote() << QString::fromStdString(m_key + ": " + m_status.connection);
        else
            qCInfo(lcClient).noquote() << QString::fromStdString(m_key + ": " + m_status.connection);
        Q_EMIT statusChanged(snapshot());
        return;
    }
    const grpc::Status &s = notice.status;
    if (s.ok()) {
        qCInfo(lcClient).noquote() << QString::fromStdString(m_key + ": completed (the server ended the stream)");
        setPhase(SourcePhase::Completed, "event source has been stopped by the server");
        return;
    }
    // A stream that ran for a while earns a fresh backoff.
    if (std::chrono::steady_clock::now() - m_streamOpened > std::chrono::seconds(30))
        m_backoff = m_ctx->initialBackoff;
    scheduleRestart(s.error_message().empty() ? "stream failed (gRPC " + std::to_string(s.error_code()) + ")" : s.error_message());
}

void SourceSession::scheduleRestart(const std::string &reason)
{
    ++m_generation;
    if (m_reader) {
        m_eventsBefore += m_reader->events();
        m_reader.reset();
    }
    m_status.connection.clear();
    m_status.connectionPhase = ConnectionPhase::None;
    m_status.connectionMessage.clear();
    m_status.retryInSeconds = static_cast<int>((m_backoff.count() + 999) / 1000);
    ++m_status.restarts;
    qCWarning(lcClient).noquote() << QString::fromStdString(m_key + " failed: " + reason + " - restarting in " + std::to_string(m_status.retryInSeconds) + " s");
    setPhase(SourcePhase::Failed, reason);
    m_restartTimer.start(m_backoff);
    m_backoff = std::min(m_backoff * 2, m_ctx->maxBackoff);
}

} // namespace gs
