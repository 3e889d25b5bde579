#include "gatewaymanager.h"

#include <QThreadPool>

#include "client/notifier.h"
#include "core/logging.h"
#include "runtime/samplepublish.h"

namespace gs {

GatewayManager::GatewayManager(std::shared_ptr<EventTap> tap, QObject *parent)
    : QObject(parent)
    , m_tap(std::move(tap))
    , m_notifier(std::make_shared<Notifier>(this))
{
}

GatewayManager::~GatewayManager()
{
    m_notifier->detach();
    stopAll();
}

void GatewayManager::setError(const QString &message)
{
    qCWarning(lcClient).noquote() << message;
    m_lastError = message;
    Q_EMIT lastErrorChanged();
    Q_EMIT errorOccurred(message);
}

void GatewayManager::clearError()
{
    if (m_lastError.isEmpty())
        return;
    m_lastError.clear();
    Q_EMIT lastErrorChanged();
}

Result<void> GatewayManager::start(
    const GatewayPair &pair, const QString &origin, const std::vector<std::string> &sinks, const std::vector<Warning> &fileWarnings)
{
    const QString name = QString::fromStdString(pair.gateway.meta.name);
    if (m_running.contains(name))
        return fail("a gateway called '" + pair.gateway.meta.name + "' is already running; stop it first");
    LocalOptions options;
    options.tap = m_tap;
    options.sinks = sinks;
    options.sinks.insert(options.sinks.end(), m_sinks.begin(), m_sinks.end());
    options.resolve = m_resolve;
    std::vector<std::string> warnings;
    auto lg = LocalGateway::start(pair.gateway, pair.configMap, options, warnings);
    if (!lg)
        return tl::unexpected(lg.error());

    GatewayListModel::Info info;
    info.name = name;
    info.type = QString::fromStdString(pair.gateway.type);
    info.origin = origin;
    const auto envelope = toString((*lg)->envelope());
    info.envelope = QString::fromUtf8(envelope.data(), static_cast<qsizetype>(envelope.size()));
    for (const auto &t : (*lg)->dispatcher().targets())
        info.targets << QString::fromStdString(t.label());
    for (const auto &w : fileWarnings)
        info.warnings << QString::fromStdString(w.where + ": " + w.message);
    for (const auto &w : warnings)
        info.warnings << QString::fromStdString(w);
    m_list.add(info);

    SourceListModel *sources = m_list.sources(name);
    GatewayClient &client = (*lg)->client();
    for (const auto &s : client.statuses())
        sources->update(s);
    // Both live on this thread: the client reports its sessions' changes here directly.
    connect(&client, &GatewayClient::sourceStatusChanged, sources, &SourceListModel::update);
    connect(&client, &GatewayClient::sourceRemoved, sources, &SourceListModel::remove);
    m_running.emplace(name, std::move(*lg));
    m_pairs[name] = pair;
    Q_EMIT gatewayStarted(name);
    return {};
}

void GatewayManager::openFiles(const QUrl &gatewayFile, const QUrl &eventSourcesFile)
{
    const std::string gwPath = gatewayFile.isLocalFile() ? gatewayFile.toLocalFile().toStdString() : gatewayFile.toString().toStdString();
    const std::string cmPath = eventSourcesFile.isEmpty() ? std::string()
        : eventSourcesFile.isLocalFile()                  ? eventSourcesFile.toLocalFile().toStdString()
                                                          : eventSourcesFile.toString().toStdString();
    if (gwPath.empty()) {
        setError(tr("Choose a Gateway file to open."));
        return;
    }
    ++m_loading;
    Q_EMIT loadingChanged();
    // Reading and checking YAML is file I/O: off the GUI thread; the result comes back by value.
    QThreadPool::globalInstance()->start([gwPath, cmPath, notifier = m_notifier, self = this] {
        std::vector<Warning> warnings;
        auto pair = loadGatewayPair(gwPath, cmPath, warnings);
        notifier->post([self, gwPath, cmPath, pair = std::move(pair), warnings = std::move(warnings)] {
            --self->m_loading;
            Q_EMIT self->loadingChanged();
            if (!pair) {
                self->setError(QString::fromStdString(pair.error().text()));
                return;
            }
            const QString origin = QString::fromStdString(cmPath.empty() ? gwPath : gwPath + " + " + cmPath);
            if (auto r = self->start(*pair, origin, {}, warnings); !r)
                self->setError(QString::fromStdString(r.error().text()));
        });
    });
}

void GatewayManager::stopGateway(const QString &name)
{
    auto it = m_running.find(name);
    if (it == m_running.end())
        return;
    it->second->stop(std::chrono::milliseconds(0));
    m_running.erase(it);
    m_pairs.erase(name);
    m_list.remove(name);
}

void GatewayManager::stopAll()
{
    for (auto &[name, lg] : m_running)
        lg->stop(std::chrono::milliseconds(0));
    m_running.clear();
    m_pairs.clear();
}

bool GatewayManager::canSendTestMessage(const QString &gateway) const
{
    const auto it = m_pairs.find(gateway);
    return it != m_pairs.end() && takesTestMessages(it->second.gateway.type);
}

void GatewayManager::sendTestMessage(const QString &gateway, const QString &source, const QString &data)
{
    const auto it = m_pairs.find(gateway);
    if (it == m_pairs.end()) {
        Q_EMIT testMessageSent(gateway, source, false, tr("No running gateway called %1").arg(gateway));
        return;
    }
    // Publishing talks to a broker (up to a few seconds): off the GUI thread, the result comes back by value.
    QThreadPool::globalInstance()->start([pair = it->second, gateway, source, data, notifier = m_notifier, self = this] {
        const std::string key = source.toStdString();
        const std::string message = data.isEmpty() ? sampleMessage(pair.gateway.meta.name, key) : data.toStdString();
        auto sent = publishSample(pair.gateway, pair.configMap, key, message, {});
        notifier->post([self, gateway, source, sent = std::move(sent)] {
            Q_EMIT self->testMessageSent(gateway, source, sent.has_value(),
                QString::fromStdString(sent ? *sent : sent.error().text()));
        });
    });
}

LocalGateway *GatewayManager::gateway(const QString &name) const
{
    auto it = m_running.find(name);
    return it == m_running.end() ? nullptr : it->second.get();
}

} // namespace gs
