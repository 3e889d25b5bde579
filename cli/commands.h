#pragma once
// The gwctl commands. Each takes its arguments (args[0] is "gwctl <command>") and returns the exit code.

#include <QStringList>

namespace gs::cli {

int runCommand(const QStringList &args);
int serveCommand(const QStringList &args);
int sinkCommand(const QStringList &args);
int demoCommand(const QStringList &args);
int calendarCommand(const QStringList &args);
int validateCommand(const QStringList &args);
int fmtCommand(const QStringList &args);
int convertCommand(const QStringList &args);
int newCommand(const QStringList &args);
int schemaCommand(const QStringList &args);
int publishCommand(const QStringList &args);

} // namespace gs::cli
