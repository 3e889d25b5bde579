#pragma once
// One event source on the client: validate over gRPC, open the stream, restart it with backoff
// when it fails (decisions §1). Lives on the client's thread; gRPC callbacks reach it queued.

#include <chrono>
#include <memory>

#include <QObject>
#include <QTimer>

#include "eventing.grpc.pb.h"
#include "eventpipeline.h"
#include "notifier.h"
#include "sourcestatus.h"
#include "streamreader.h"

namespace gs {

/** What every session of one gateway client shares. */
struct SessionContext {
    std::shared_ptr<gateways::Eventing::Stub> stub;
    std::shared_ptr<EventPipeline> pipeline;
    std::shared_ptr<ReactorTracker> tracker;
    std::string gateway;
    std::string type;
    std::string version; ///< the ConfigMap's argo-events-event-source-version label
    bool extensions = true;
    std::chrono::milliseconds validateTimeout {10000};
    std::chrono::milliseconds initialBackoff {1000};
    std::chrono::milliseconds maxBackoff {60000};
};

class SourceSession : public QObject
{
    Q_OBJECT
public:
    SourceSession(std::shared_ptr<const SessionContext> context, std::string key, std::string value, QObject *parent = nullptr);
    ~SourceSession() override;

    void start();
    [[nodiscard]] const SourceStatus &status() const { return m_status; }
    /** Refreshes the event count from the stream. */
    [[nodiscard]] SourceStatus snapshot() const;

Q_SIGNALS:
    void statusChanged(const gs::SourceStatus &status);

private:
    void validate();
    void onValidated(const grpc::Status &rpc, bool valid, const std::string &reason);
    void openStream();
    void onNotice(const StreamNotice &notice);
    void scheduleRestart(const std::string &reason);
    void setPhase(SourcePhase phase, std::string message);
    [[nodiscard]] gateways::EventSource request() const;

    std::shared_ptr<const SessionContext> m_ctx;
    std::string m_key;
    std::string m_value;
    SourceStatus m_status;
    std::shared_ptr<Notifier> m_notifier;
    std::shared_ptr<grpc::ClientContext> m_validateCall;
    std::shared_ptr<StreamReader> m_reader;
    std::uint64_t m_eventsBefore = 0; // events of earlier streams
    QTimer m_restartTimer;
    std::chrono::milliseconds m_backoff;
    std::chrono::steady_clock::time_point m_streamOpened;
    int m_generation = 0; // ignores notices from a stream that was replaced
};

} // namespace gs
