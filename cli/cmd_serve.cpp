// gwctl serve: one bundled gateway type as a standalone gRPC server (v0.10 image drop-in).

#include <QCoreApplication>

#include "commands.h"
#include "common.h"
#include "core/logging.h"
#include "server/gatewayserver.h"
#include "sources/registry.h"

namespace gs::cli {

int serveCommand(const QStringList &args)
{
    QCommandLineParser p;
    QString types;
    for (const auto &t : bundledTypes())
        types += (types.isEmpty() ? u""_qs : u", "_qs) + QString::fromStdString(t);
    p.addOption({QStringLiteral("type"), QStringLiteral("Gateway type to serve: ") + types + u'.', QStringLiteral("type")});
    p.addOption({QStringLiteral("port"), QStringLiteral("gRPC port (default: $GATEWAY_SERVER_PORT)."), QStringLiteral("port")});
    p.addOption({QStringLiteral("grpc-bind"), QStringLiteral("Address for gRPC (default 127.0.0.1; the v0.10 client dials localhost)."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1")});
    p.addOption({QStringLiteral("bind"), QStringLiteral("Address sources listen on (default 0.0.0.0, as v0.10)."),
        QStringLiteral("address"), QStringLiteral("0.0.0.0")});
    p.addOption(
        {QStringLiteral("secrets-dir"), QStringLiteral("Read Kubernetes Secret references as DIR/NAME/KEY."), QStringLiteral("dir")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args, QStringLiteral("Serve one gateway type over gRPC (gateways.Eventing).")); rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    if (qEnvironmentVariableIsSet("DEBUG_LOG"))
        setLogLevel(QStringLiteral("debug"));
    const std::string type = p.value(QStringLiteral("type")).toStdString();
    if (type.empty() || !isBundledType(type)) {
        std::string known;
        for (const auto &t : bundledTypes())
            known += (known.empty() ? "" : ", ") + t;
        printError(type.empty() ? "--type TYPE is required (one of: " + known + ")" : "--type: expected one of " + known + ", found '" + type + "'");
        return kUsage;
    }
    QString portText = p.value(QStringLiteral("port"));
    const char *portSource = "--port";
    if (portText.isEmpty()) {
        portText = qEnvironmentVariable("GATEWAY_SERVER_PORT");
        portSource = "GATEWAY_SERVER_PORT";
    }
    bool ok = false;
    const int port = portText.toInt(&ok);
    if (portText.isEmpty()) {
        printError("no port: pass --port or set GATEWAY_SERVER_PORT");
        return kUsage;
    }
    if (!ok || port < 0 || port > 65535) {
        printError(std::string(portSource) + ": expected a port number from 0 to 65535, found '" + portText.toStdString() + "'");
        return kUsage;
    }
    SourceEnvironment env;
    env.bindAddress = addressOption(p, QStringLiteral("bind"));
    const std::string grpcBind = addressOption(p, QStringLiteral("grpc-bind"));
    if (env.bindAddress.empty() || grpcBind.empty())
        return kUsage;
    env.secretsDir = p.value(QStringLiteral("secrets-dir")).toStdString();
    auto server = GatewayServer::start(std::shared_ptr<SourceType>(makeSourceType(type, env)),
        grpcBind, static_cast<std::uint16_t>(port));
    if (!server) {
        printError(server.error().text());
        return kFailure;
    }
    // The chosen port on stdout, for scripts that pass --port 0.
    std::printf("listening %s\n", (*server)->target().c_str());
    std::fflush(stdout);
    quitOnSignals();
    QCoreApplication::exec();
    (*server)->shutdown();
    return kOk;
}

} // namespace gs::cli
