// gwctl demo: the offline demo. A real webhook gateway on a free loopback port with a generator
// posting to it, a real calendar gateway firing every 10 s and every minute, real dispatch to an
// embedded sink, and each delivered event printed live.

#include <cstdio>

#include <QCoreApplication>

#include "commands.h"
#include "common.h"
#include "core/logging.h"
#include "http/server.h"
#include "runtime/demo.h"
#include "runtime/localgateway.h"
#include "runtime/sinkserver.h"

namespace gs::cli {

int demoCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("interval"), QStringLiteral("Seconds between generated events (default 2; 0 turns the generator off)."),
        QStringLiteral("seconds"), QStringLiteral("2")});
    addEnvelopeOption(p);
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args, QStringLiteral("Run the offline demo and print delivered events as CloudEvents JSON lines."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    LocalOptions options;
    if (!parseEnvelopeOption(p, options.envelope))
        return kUsage;
    bool ok = false;
    const double interval = p.value(QStringLiteral("interval")).toDouble(&ok);
    if (!ok || interval < 0) {
        printError("--interval: expected a number of seconds");
        return kUsage;
    }

    auto sink = SinkServer::start("127.0.0.1", 0, [](const CloudEvent &ce) { printLine(toStructuredJson(ce)); });
    if (!sink) {
        printError(sink.error().text());
        return kFailure;
    }
    auto port = http::freePort();
    if (!port) {
        printError(port.error().text());
        return kFailure;
    }
    auto pair = demo::webhookPair(*port);
    auto calendarPair = demo::calendarPair();
    if (!pair || !calendarPair) {
        printError(!pair ? pair.error().text() : calendarPair.error().text());
        return kFailure;
    }
    options.sinks.push_back((*sink)->url());
    std::vector<std::string> warnings;
    auto gateway = LocalGateway::start(pair->gateway, pair->configMap, options, warnings);
    if (!gateway) {
        printError(gateway.error().text());
        return kFailure;
    }
    auto calendar = LocalGateway::start(calendarPair->gateway, calendarPair->configMap, options, warnings);
    if (!calendar) {
        printError(calendar.error().text());
        return kFailure;
    }
    const std::string url = "http://127.0.0.1:" + std::to_string(*port) + "/example";
    std::fprintf(stderr,
        "Gateway Studio demo: webhook gateway 'demo-webhook' listening on %s (POST);\n"
        "calendar gateway 'demo-calendar' firing every 10 s and at the start of every minute.\n"
        "Events are delivered to an embedded sink as %s and printed below as CloudEvents JSON lines.\n"
        "Post your own with:\n"
        "  curl -X POST -H 'Content-Type: application/json' --data '{\"hello\":\"world\"}' %s\n"
        "Press Ctrl+C to stop.\n",
        url.c_str(), std::string(toString((*gateway)->envelope())).c_str(), url.c_str());
    quitOnSignals();
    std::unique_ptr<demo::Generator> generator;
    if (interval > 0) {
        // Start posting once the webhook reports that it listens, so no early POST is refused.
        QObject::connect(&(*gateway)->client(), &GatewayClient::sourceStatusChanged, &(*gateway)->client(), [&](const SourceStatus &s) {
            if (!generator && s.connection.starts_with("connected"))
                generator = std::make_unique<demo::Generator>(url, std::chrono::milliseconds(static_cast<long long>(interval * 1000)));
        });
    }
    QCoreApplication::exec();
    generator.reset();
    (*calendar)->stop(std::chrono::milliseconds(0));
    (*gateway)->stop(std::chrono::milliseconds(5000));
    return kOk;
}

} // namespace gs::cli
