#include "logging.h"

#include <cstdio>
#include <cstdlib>

#include "printable.h"

Q_LOGGING_CATEGORY(lcCore, "gs.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSpec, "gs.spec", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGrpc, "gs.grpc", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "gs.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClient, "gs.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDispatch, "gs.dispatch", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "gs.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWebhook, "gs.gateway.webhook", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCalendar, "gs.gateway.calendar", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStream, "gs.gateway.stream", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNats, "gs.gateway.nats", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMqtt, "gs.gateway.mqtt", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKafka, "gs.gateway.kafka", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAmqp, "gs.gateway.amqp", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "gs.cli", QtInfoMsg)

namespace gs {

bool setLogLevel(const QString &level)
{
    QString rules;
    if (level == u"debug")
        rules = QStringLiteral("gs.*.debug=true\ngs.*=true");
    else if (level == u"info")
        rules = QStringLiteral("gs.*.debug=false\ngs.*.info=true");
    else if (level == u"warning")
        rules = QStringLiteral("gs.*.debug=false\ngs.*.info=false\ngs.*.warning=true");
    else if (level == u"error")
        rules = QStringLiteral("gs.*.debug=false\ngs.*.info=false\ngs.*.warning=false");
    else
        return false;
    QLoggingCategory::setFilterRules(rules);
    return true;
}

namespace {

/** Every message goes out as one escaped, bounded line: logged values may come from peers. */
void cliMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const std::string safe = printable(message.toStdString(), 8192);
    const QString line = qFormatLogMessage(type, context, QString::fromStdString(safe));
    const QByteArray bytes = line.toUtf8();
    std::fprintf(stderr, "%s\n", bytes.constData());
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void installCliLogFormat()
{
    qInstallMessageHandler(cliMessageHandler);
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                                      "%{if-warning}warning%{endif}%{if-critical}error%{endif}%{if-fatal}fatal%{endif} "
                                      "%{category}: %{message}"));
}

} // namespace gs
