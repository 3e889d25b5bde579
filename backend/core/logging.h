#pragma once
// One logging category per subsystem (house style rule 7). Qt's logging is thread-safe, so
// gRPC and HTTP threads may log through these directly.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcSpec)
Q_DECLARE_LOGGING_CATEGORY(lcGrpc)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcClient)
Q_DECLARE_LOGGING_CATEGORY(lcDispatch)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcWebhook)
Q_DECLARE_LOGGING_CATEGORY(lcCalendar)
Q_DECLARE_LOGGING_CATEGORY(lcStream)
Q_DECLARE_LOGGING_CATEGORY(lcNats)
Q_DECLARE_LOGGING_CATEGORY(lcMqtt)
Q_DECLARE_LOGGING_CATEGORY(lcKafka)
Q_DECLARE_LOGGING_CATEGORY(lcAmqp)
Q_DECLARE_LOGGING_CATEGORY(lcCli)

namespace gs {

/** Sets the process-wide log level: "debug", "info", "warning" or "error". False if unknown. */
bool setLogLevel(const QString &level);

/** Installs a compact stderr format ("level category: message") used by gwctl. */
void installCliLogFormat();

} // namespace gs
