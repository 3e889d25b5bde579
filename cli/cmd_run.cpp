// gwctl run: a Gateway + ConfigMap from files, run locally, files watched for edits.

#include <cstdio>

#include <QCoreApplication>
#include <QTimer>

#include "client/configwatcher.h"
#include "commands.h"
#include "common.h"
#include "http/client.h"
#include "core/logging.h"
#include "runtime/localgateway.h"

namespace gs::cli {

namespace {
void printWarnings(const std::vector<Warning> &warnings)
{
    for (const auto &w : warnings)
        printWarning(w.where + ": " + w.message);
}
void printWarnings(const std::vector<std::string> &warnings)
{
    for (const auto &w : warnings)
        printWarning(w);
}
} // namespace

int runCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("gateway"), QStringLiteral("The Gateway resource (YAML file)."), QStringLiteral("file")});
    p.addOption({QStringLiteral("event-sources"), QStringLiteral("Its event-source ConfigMap (YAML file; default: the Gateway's file)."),
        QStringLiteral("file")});
    p.addOption({QStringLiteral("sink"), QStringLiteral("Also POST every event to URL (repeatable)."), QStringLiteral("url")});
    p.addOption({QStringLiteral("resolve"),
        QStringLiteral("Deliver to watcher NAME at URL instead of its in-cluster address (repeatable)."), QStringLiteral("name=url")});
    p.addOption({QStringLiteral("bind"), QStringLiteral("Address bundled sources listen on (default 127.0.0.1)."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1")});
    p.addOption({QStringLiteral("output"), QStringLiteral("'jsonl': print each event as a CloudEvents 1.0 JSON line on stdout."),
        QStringLiteral("format")});
    addEnvelopeOption(p);
    p.addOption(
        {QStringLiteral("secrets-dir"), QStringLiteral("Read Kubernetes Secret references as DIR/NAME/KEY."), QStringLiteral("dir")});
    p.addOption({QStringLiteral("no-watch"), QStringLiteral("Do not reload the files when they change.")});
    p.addOption({QStringLiteral("max-pending"), QStringLiteral("Pending events held in memory (default 100000)."), QStringLiteral("n")});
    p.addOption({QStringLiteral("max-pending-mib"), QStringLiteral("Bytes of pending events held in memory, in MiB (default 512)."),
        QStringLiteral("mib")});
    p.addOption({QStringLiteral("stats-interval"), QStringLiteral("Log delivery statistics every N seconds."), QStringLiteral("seconds")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args,
            QStringLiteral("Run a v0.10 Gateway and its event sources on this machine.\n"
                           "Events go where spec.eventProtocol says: type HTTP POSTs them to the watchers (and --sink URLs);\n"
                           "type NATS publishes each envelope on the subject <gateway>:<key> to nats.url (nats.type Standard,\n"
                           "or Streaming with nats.clusterId and nats.clientId), at least once, reconnecting forever.\n"
                           "Passwords and tokens in the NATS URL are masked in every message."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    if (!p.positionalArguments().isEmpty()) {
        printError("unexpected argument '" + p.positionalArguments().first().toStdString() + "' (see --help)");
        return kUsage;
    }
    if (!p.isSet(QStringLiteral("gateway"))) {
        printError("--gateway FILE is required (see --help)");
        return kUsage;
    }
    const QString output = p.value(QStringLiteral("output"));
    if (!output.isEmpty() && output != u"jsonl") {
        printError("--output: expected 'jsonl', found '" + output.toStdString() + "'");
        return kUsage;
    }
    LocalOptions options;
    for (const QString &s : p.values(QStringLiteral("sink"))) {
        if (!http::Url::parse(s.toStdString())) {
            printError("--sink " + http::redactUrl(s.toStdString()) + ": expected an http:// or https:// URL with a host and a port in 1-65535");
            return kUsage;
        }
        if (const auto authority = s.section(u'/', 2, 2); authority.contains(u'@'))
            qCWarning(lcCli).noquote() << "--sink" << QString::fromStdString(http::redactUrl(s.toStdString()))
                                       << ": credentials in a URL are not sent; use a URL without them";
        options.sinks.push_back(s.toStdString());
    }
    if (!parseResolve(p.values(QStringLiteral("resolve")), options.resolve))
        return kUsage;
    if (!parseEnvelopeOption(p, options.envelope))
        return kUsage;
    options.bindAddress = addressOption(p, QStringLiteral("bind"));
    if (options.bindAddress.empty())
        return kUsage;
    double statsSeconds = 0;
    if (p.isSet(QStringLiteral("stats-interval"))) {
        bool ok = false;
        statsSeconds = p.value(QStringLiteral("stats-interval")).toDouble(&ok);
        // !(x >= lo) also catches NaN.
        if (!ok || !(statsSeconds >= 0.1) || !(statsSeconds <= 86400)) {
            printError("--stats-interval: expected a number of seconds from 0.1 to 86400");
            return kUsage;
        }
    }
    options.secretsDir = p.value(QStringLiteral("secrets-dir")).toStdString();
    if (output == u"jsonl")
        options.jsonl = stdout;
    if (p.isSet(QStringLiteral("max-pending"))) {
        bool ok = false;
        const auto n = p.value(QStringLiteral("max-pending")).toULongLong(&ok);
        if (!ok || n == 0) {
            printError("--max-pending: expected a positive number");
            return kUsage;
        }
        options.dispatch.maxPendingEvents = n;
    }
    if (p.isSet(QStringLiteral("max-pending-mib"))) {
        bool ok = false;
        const auto n = p.value(QStringLiteral("max-pending-mib")).toULongLong(&ok);
        if (!ok || n == 0 || n > (1u << 20)) {
            printError("--max-pending-mib: expected a number of MiB from 1 to 1048576");
            return kUsage;
        }
        options.dispatch.maxPendingBytes = static_cast<std::size_t>(n) << 20;
    }

    const std::string gwPath = p.value(QStringLiteral("gateway")).toStdString();
    const std::string cmPath = p.value(QStringLiteral("event-sources")).toStdString();
    std::vector<Warning> fileWarnings;
    auto pair = loadGatewayPair(gwPath, cmPath, fileWarnings);
    printWarnings(fileWarnings);
    if (!pair) {
        printError(pair.error().text());
        return kFailure;
    }
    std::vector<std::string> warnings;
    auto gateway = LocalGateway::start(pair->gateway, pair->configMap, options, warnings);
    printWarnings(warnings);
    if (!gateway) {
        printError(gateway.error().text());
        return kFailure;
    }
    quitOnSignals();

    std::unique_ptr<ConfigWatcher> watcher;
    if (!p.isSet(QStringLiteral("no-watch"))) {
        QStringList files {QString::fromStdString(gwPath)};
        if (!cmPath.empty())
            files << QString::fromStdString(cmPath);
        watcher = std::make_unique<ConfigWatcher>(files);
        QObject::connect(watcher.get(), &ConfigWatcher::changed, [&] {
            std::vector<Warning> w;
            auto next = loadGatewayPair(gwPath, cmPath, w);
            if (!next) {
                qCWarning(lcCli).noquote() << QString::fromStdString(next.error().text() + " (keeping the running sources)");
                return;
            }
            std::vector<std::string> uw;
            auto r = (*gateway)->update(next->gateway, next->configMap, uw);
            printWarnings(uw);
            if (!r) {
                qCWarning(lcCli).noquote() << QString::fromStdString(r.error().text());
                return;
            }
            if (!r->started.empty() || !r->stopped.empty())
                qCInfo(lcCli) << "reloaded:" << r->started.size() << "started," << r->stopped.size() << "stopped," << r->unchanged
                              << "unchanged";
        });
    }

    QTimer statsTimer;
    if (statsSeconds > 0) {
        QObject::connect(&statsTimer, &QTimer::timeout, [&] {
            const auto s = (*gateway)->dispatcher().stats();
            qCInfo(lcCli) << "stats: received" << s.submitted << "delivered" << s.delivered << "retries" << s.retries << "failed"
                          << s.failed << "refused" << s.refused << "pending" << s.pendingEvents;
        });
        statsTimer.start(static_cast<int>(statsSeconds * 1000));
    }
    QCoreApplication::exec();
    const auto undelivered = (*gateway)->stop(std::chrono::milliseconds(5000));
    const auto stats = (*gateway)->dispatcher().stats();
    qCInfo(lcCli).noquote() << QStringLiteral("events: %1 received for delivery, %2 deliveries succeeded, %3 retries, %4 failed, %5 refused "
                                              "while full; delivery latency p50 %6 ms, p99 %7 ms, max %8 ms")
                                   .arg((*gateway)->eventsReceived())
                                   .arg(stats.delivered)
                                   .arg(stats.retries)
                                   .arg(stats.failed)
                                   .arg(stats.refused)
                                   .arg(stats.latencyP50Ms, 0, 'f', 2)
                                   .arg(stats.latencyP99Ms, 0, 'f', 2)
                                   .arg(stats.latencyMaxMs, 0, 'f', 2);
    if (undelivered > 0)
        printWarning("events still pending delivery when stopping, now lost: " + std::to_string(undelivered));
    return kOk;
}

} // namespace gs::cli
