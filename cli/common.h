#pragma once
// Shared plumbing of gwctl's commands: option parsing conventions, exit codes, signals, messages.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QCommandLineParser>
#include <QObject>
#include <QStringList>

#include "core/envelopekind.h"

namespace gs::cli {

enum ExitCode { kOk = 0, kFailure = 1, kUsage = 2 };

/** Parses `args` (args[0] is "gwctl <command>"). On --help prints help and returns kOk; on error, kUsage. -1 to go on. */
int parseOrExit(QCommandLineParser &parser, const QStringList &args, const QString &description);

/** Adds --log-level to `parser`. */
void addLogLevelOption(QCommandLineParser &parser);
/** Applies --log-level; false (after a message) if the value is unknown. */
bool applyLogLevel(const QCommandLineParser &parser);

/** Writes one line to stdout and flushes it; safe from any thread (lines never interleave). */
void printLine(const std::string &line);

/** Prints "gwctl: error: <text>" to stderr. */
void printError(const std::string &text);
/** Prints "gwctl: warning: <text>" to stderr. */
void printWarning(const std::string &text);

/** Parses repeated NAME=URL options into a map; false (after a message) on a malformed one. */
bool parseResolve(const QStringList &values, std::map<std::string, std::string> &out);

/** The IP address in option `name` (e.g. --bind); empty (after a message) when it is not one. */
std::string addressOption(const QCommandLineParser &parser, const QString &name);

/** Adds --envelope to `parser`. */
void addEnvelopeOption(QCommandLineParser &parser);
/** Reads --envelope into `out` (unset when not given); false (after a message) if the value is unknown. */
bool parseEnvelopeOption(const QCommandLineParser &parser, std::optional<EnvelopeKind> &out);

/** Quits the running event loop on SIGINT or SIGTERM. */
void quitOnSignals();

} // namespace gs::cli
