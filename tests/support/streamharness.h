#pragma once
// Runs one stream source the way `gwctl run` does (bundled server, gateway client over real gRPC,
// HTTP dispatch) and delivers to a RecordingSink in CloudEvents binary mode, so each request's body
// is exactly the event's payload. Records every source status the client reports.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <QObject>

#include "client/sourcestatus.h"
#include "recordingsink.h"
#include "runtime/localgateway.h"

namespace gs::test {

/** One received event: its payload and CloudEvents attributes. */
struct Received {
    std::string payload;
    std::string type; ///< ce-type: the gateway type
    std::string subject; ///< ce-subject: the event-source key
};

class StreamHarness : public QObject
{
    Q_OBJECT
public:
    StreamHarness();
    ~StreamHarness() override;

    /** A Gateway of `type` named "<type>-gateway" with one ConfigMap entry `key: |` + `config`. */
    bool start(const std::string &type, const std::string &key, const std::string &config, QString *error = nullptr);
    /** Stops the gateway (sources, deliveries). Returns how long that took. */
    std::chrono::milliseconds stop();

    [[nodiscard]] std::vector<Received> received() const;
    [[nodiscard]] std::vector<std::string> payloads() const;
    bool waitForCount(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(15));

    /** Every status the client reported, in order. */
    [[nodiscard]] const std::vector<SourceStatus> &statuses() const { return m_statuses; }
    [[nodiscard]] SourceStatus last() const { return m_statuses.empty() ? SourceStatus {} : m_statuses.back(); }
    /** Number of reports with this connection phase so far. */
    [[nodiscard]] int count(ConnectionPhase phase) const;
    /** Waits until more than `before` reports of `phase` arrived. */
    bool waitForPhase(ConnectionPhase phase, int before = 0, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /** Waits until the source's status is `phase` (Failed, Running, ...). */
    bool waitForSourcePhase(SourcePhase phase, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /** All reports as text, for failure messages. */
    [[nodiscard]] QString history() const;

    RecordingSink sink;
    Gateway gateway;
    ConfigMap configMap;

private:
    std::unique_ptr<LocalGateway> m_gateway;
    std::vector<SourceStatus> m_statuses;
};

} // namespace gs::test
