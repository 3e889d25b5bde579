// gwctl sink: receive events like a sensor and print each as one CloudEvents 1.0 JSON line.

#include <cstdio>

#include <QCoreApplication>

#include "commands.h"
#include "common.h"
#include "core/logging.h"
#include "runtime/sinkserver.h"

namespace gs::cli {

int sinkCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("port"), QStringLiteral("Port to listen on (0 picks a free one, printed on stderr)."), QStringLiteral("port")});
    p.addOption({QStringLiteral("bind"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("address"),
        QStringLiteral("127.0.0.1")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args, QStringLiteral("Receive events over HTTP and print them as CloudEvents JSON lines.")); rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    bool ok = false;
    const int port = p.value(QStringLiteral("port")).toInt(&ok);
    if (!p.isSet(QStringLiteral("port"))) {
        printError("--port PORT is required (0 picks a free one)");
        return kUsage;
    }
    if (!ok || port < 0 || port > 65535) {
        printError("--port: expected a port number from 0 to 65535, found '" + p.value(QStringLiteral("port")).toStdString() + "'");
        return kUsage;
    }
    auto sink = SinkServer::start(p.value(QStringLiteral("bind")).toStdString(), static_cast<std::uint16_t>(port),
        [](const CloudEvent &ce) { printLine(toStructuredJson(ce)); });
    if (!sink) {
        printError(sink.error().text());
        return kFailure;
    }
    qCInfo(lcCli).noquote() << "sink listening on" << QString::fromStdString((*sink)->url());
    quitOnSignals();
    QCoreApplication::exec();
    return kOk;
}

} // namespace gs::cli
