// gwctl: the headless command line of Gateway Studio.

#include <cstdio>

#include <QCoreApplication>

#include "commands.h"
#include "common.h"
#include "core/logging.h"
#include "server/grpclogging.h"

namespace {

struct Command {
    const char *name;
    const char *summary;
    int (*run)(const QStringList &args);
};

const Command kCommands[] = {
    {"run", "run a Gateway and its event-source ConfigMap locally, delivering over HTTP", &gs::cli::runCommand},
    {"serve", "serve one bundled gateway type over gRPC (drop-in for the v0.10 server images)", &gs::cli::serveCommand},
    {"publish", "publish a test message to the subject, topic or exchange a stream source (nats, mqtt, kafka, amqp) listens to",
        &gs::cli::publishCommand},
    {"sink", "receive events over HTTP and print each as a CloudEvents JSON line", &gs::cli::sinkCommand},
    {"calendar", "calendar tools: 'calendar next' prints the next firings of a schedule", &gs::cli::calendarCommand},
    {"validate", "check Gateway and ConfigMap files: one line per problem (file:line:col: severity: path: message)",
        &gs::cli::validateCommand},
    {"fmt", "write YAML files in canonical layout (comments kept), on stdout or in place with --write", &gs::cli::fmtCommand},
    {"convert", "convert v0.10 Gateway + ConfigMap <-> the modern EventSource (--to eventsource|gateway)", &gs::cli::convertCommand},
    {"new", "print a commented Gateway and ConfigMap for a gateway type, valid as written", &gs::cli::newCommand},
    {"schema", "print the schema of a source type, Gateway or ConfigMap as JSON (what forms are generated from)", &gs::cli::schemaCommand},
    {"demo", "run the offline demo: webhook and calendar gateways that really fire, events printed live", &gs::cli::demoCommand},
};

void printUsage(std::FILE *out)
{
    std::fprintf(out, "Usage: gwctl <command> [options]\n\nCommands:\n");
    for (const auto &c : kCommands)
        std::fprintf(out, "  %-9s %s\n", c.name, c.summary);
    std::fprintf(out, "\nRun 'gwctl <command> --help' for a command's options. 'gwctl --version' prints the version.\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    gs::routeGrpcLogs();
    QCoreApplication::setApplicationName(QStringLiteral("gwctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GS_VERSION));
    gs::installCliLogFormat();
    gs::setLogLevel(QStringLiteral("info"));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        printUsage(stderr);
        return gs::cli::kUsage;
    }
    const QString first = args.at(1);
    if (first == u"--help" || first == u"-h" || first == u"help") {
        printUsage(stdout);
        return gs::cli::kOk;
    }
    if (first == u"--version") {
        std::printf("gwctl %s\n", GS_VERSION);
        return gs::cli::kOk;
    }
    for (const auto &c : kCommands) {
        if (first == QLatin1String(c.name)) {
            args.removeAt(1);
            args[0] = QStringLiteral("gwctl ") + first;
            return c.run(args);
        }
    }
    gs::cli::printError("unknown command '" + first.toStdString() + "'");
    printUsage(stderr);
    return gs::cli::kUsage;
}
