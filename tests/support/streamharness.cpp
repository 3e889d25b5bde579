#include "streamharness.h"

#include "testsupport.h"

namespace gs::test {

StreamHarness::StreamHarness() = default;

StreamHarness::~StreamHarness()
{
    stop();
}

bool StreamHarness::start(const std::string &type, const std::string &key, const std::string &config, QString *error)
{
    std::string body;
    std::size_t start = 0;
    while (start < config.size()) {
        const auto nl = config.find('\n', start);
        body += "    " + config.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
        if (nl == std::string::npos)
            break;
        start = nl + 1;
    }
    const std::string yaml = "apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata:\n  name: " + type
        + "-gateway\n  labels:\n    gateways.argoproj.io/gateway-controller-instanceid: argo-events\n    argo-events-gateway-version: "
          "v0.10\n"
          "spec:\n  type: "
        + type + "\n  eventSource: " + type
        + "-event-source\n  processorPort: \"9330\"\n  eventProtocol:\n    type: HTTP\n    http:\n      port: \"9300\"\n"
        + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + type
        + "-event-source\n  labels:\n    argo-events-event-source-version: v0.10\ndata:\n  " + key + ": |\n" + body;
    auto manifests = parseManifests(yaml, "test.yaml");
    if (!manifests || manifests->gateways.size() != 1 || manifests->configMaps.size() != 1) {
        if (error)
            *error = QString::fromStdString(manifests ? std::string("expected one Gateway and one ConfigMap") : manifests.error().text());
        return false;
    }
    gateway = manifests->gateways.front();
    configMap = manifests->configMaps.front();
    LocalOptions options;
    options.sinks = {sink.url()};
    options.envelope = EnvelopeKind::CloudEventsBinary;
    std::vector<std::string> warnings;
    auto lg = LocalGateway::start(gateway, configMap, options, warnings);
    if (!lg) {
        if (error)
            *error = QString::fromStdString(lg.error().text());
        return false;
    }
    m_gateway = std::move(*lg);
    connect(&m_gateway->client(), &GatewayClient::sourceStatusChanged, this, [this](const SourceStatus &s) { m_statuses.push_back(s); });
    return true;
}

std::chrono::milliseconds StreamHarness::stop()
{
    if (!m_gateway)
        return {};
    const auto t0 = std::chrono::steady_clock::now();
    m_gateway->stop(std::chrono::milliseconds(2000));
    m_gateway.reset();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
}

std::vector<Received> StreamHarness::received() const
{
    std::vector<Received> out;
    for (const auto &r : sink.requests())
        out.push_back({r.body, r.header("ce-type"), r.header("ce-subject")});
    return out;
}

std::vector<std::string> StreamHarness::payloads() const
{
    std::vector<std::string> out;
    for (const auto &r : sink.requests())
        out.push_back(r.body);
    return out;
}

bool StreamHarness::waitForCount(std::size_t n, std::chrono::milliseconds timeout)
{
    return waitUntil([&] { return sink.count() >= n; }, timeout);
}

int StreamHarness::count(ConnectionPhase phase) const
{
    int n = 0;
    for (const auto &s : m_statuses)
        n += s.connectionPhase == phase ? 1 : 0;
    return n;
}

bool StreamHarness::waitForPhase(ConnectionPhase phase, int before, std::chrono::milliseconds timeout)
{
    return waitUntil([&] { return count(phase) > before && last().connectionPhase == phase; }, timeout);
}

bool StreamHarness::waitForSourcePhase(SourcePhase phase, std::chrono::milliseconds timeout)
{
    return waitUntil([&] { return !m_statuses.empty() && m_statuses.back().phase == phase; }, timeout);
}

QString StreamHarness::history() const
{
    QStringList lines;
    for (const auto &s : m_statuses)
        lines << QString::fromStdString(std::string(toString(s.phase)) + " | " + s.message + " | " + s.connection);
    return lines.join(u'\n');
}

} // namespace gs::test
