// gwctl publish: send a test message to where a stream source of a Gateway's ConfigMap listens.

#include <QFile>

#include "commands.h"
#include "common.h"
#include "runtime/samplepublish.h"

namespace gs::cli {

int publishCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("source"), QStringLiteral("The event source: its key in the ConfigMap."));
    p.addOption({QStringLiteral("gateway"), QStringLiteral("The Gateway resource (YAML file)."), QStringLiteral("file")});
    p.addOption({QStringLiteral("event-sources"), QStringLiteral("Its event-source ConfigMap (YAML file; default: the Gateway's file)."),
        QStringLiteral("file")});
    p.addOption(
        {QStringLiteral("data"), QStringLiteral("The message to publish (default: a small JSON test message)."), QStringLiteral("text")});
    p.addOption({QStringLiteral("data-file"), QStringLiteral("Publish the bytes of FILE ('-' for stdin)."), QStringLiteral("file")});
    p.addOption(
        {QStringLiteral("secrets-dir"), QStringLiteral("Read Kubernetes Secret references as DIR/NAME/KEY."), QStringLiteral("dir")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args,
            QStringLiteral("Publish one message to the subject (nats), topic (mqtt, kafka) or exchange (amqp) that a stream\n"
                           "source listens to, read from the same files as 'gwctl run', to check a gateway end to end.\n"
                           "Wildcards in a subject, topic filter or topic-exchange binding key are replaced by 'sample'.\n"
                           "Kafka: single-partition sources get the message on their partition. Prints where it went."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    if (p.positionalArguments().size() != 1) {
        printError("expected one event source (its key in the ConfigMap) (see --help)");
        return kUsage;
    }
    if (!p.isSet(QStringLiteral("gateway"))) {
        printError("--gateway FILE is required (see --help)");
        return kUsage;
    }
    if (p.isSet(QStringLiteral("data")) && p.isSet(QStringLiteral("data-file"))) {
        printError("--data and --data-file exclude each other");
        return kUsage;
    }
    std::vector<Warning> warnings;
    auto pair = loadGatewayPair(
        p.value(QStringLiteral("gateway")).toStdString(), p.value(QStringLiteral("event-sources")).toStdString(), warnings);
    if (!pair) {
        printError(pair.error().text());
        return kFailure;
    }
    const std::string key = p.positionalArguments().first().toStdString();
    std::string data;
    if (p.isSet(QStringLiteral("data"))) {
        data = p.value(QStringLiteral("data")).toStdString();
    } else if (p.isSet(QStringLiteral("data-file"))) {
        const QString path = p.value(QStringLiteral("data-file"));
        QFile f(path);
        const bool opened = path == u"-" ? f.open(stdin, QIODevice::ReadOnly) : f.open(QIODevice::ReadOnly);
        if (!opened) {
            printError("--data-file " + path.toStdString() + ": " + f.errorString().toStdString());
            return kFailure;
        }
        const QByteArray bytes = f.readAll();
        data.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    } else {
        data = sampleMessage(pair->gateway.meta.name, key);
    }
    auto where = publishSample(pair->gateway, pair->configMap, key, data, p.value(QStringLiteral("secrets-dir")).toStdString());
    if (!where) {
        printError(where.error().text());
        return kFailure;
    }
    printLine("published " + std::to_string(data.size()) + " bytes to " + *where);
    return kOk;
}

} // namespace gs::cli
