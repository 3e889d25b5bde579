#include "common.h"

#include <csignal>
#include <mutex>
#include <fcntl.h>
#include <cstdio>
#include <unistd.h>

#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>

#include "core/printable.h"
#include "http/client.h"

#include "core/logging.h"

namespace gs::cli {

int parseOrExit(QCommandLineParser &parser, const QStringList &args, const QString &description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        printError(parser.errorText().toStdString() + " (see --help)");
        return kUsage;
    }
    if (parser.isSet(help)) {
        // Qt writes "Usage: <argv[0]> [options]"; name the command as users type it.
        QString text = parser.helpText();
        const auto eol = text.indexOf(u'\n');
        text.replace(0, eol, QStringLiteral("Usage: ") + args.first() + QStringLiteral(" [options]"));
        std::fputs(text.toUtf8().constData(), stdout);
        return kOk;
    }
    return -1;
}

void addLogLevelOption(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("log-level"), QStringLiteral("debug, info (default), warning or error."),
        QStringLiteral("level"), QStringLiteral("info")));
}

bool applyLogLevel(const QCommandLineParser &parser)
{
    const QString level = parser.value(QStringLiteral("log-level"));
    if (!setLogLevel(level)) {
        printError("--log-level: expected debug, info, warning or error, found '" + level.toStdString() + "'");
        return false;
    }
    return true;
}

void printLine(const std::string &line)
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printError(const std::string &text)
{
    std::fprintf(stderr, "gwctl: error: %s\n", printable(text).c_str());
}

void printWarning(const std::string &text)
{
    std::fprintf(stderr, "gwctl: warning: %s\n", printable(text).c_str());
}

bool parseResolve(const QStringList &values, std::map<std::string, std::string> &out)
{
    for (const QString &v : values) {
        const auto eq = v.indexOf(u'=');
        const QString name = v.left(eq);
        const QString url = v.mid(eq + 1);
        if (eq <= 0 || !http::Url::parse(url.toStdString())) {
            printError("--resolve " + http::redactUrl(v.toStdString()) + ": expected NAME=URL with an http:// or https:// URL");
            return false;
        }
        out[name.toStdString()] = url.toStdString();
    }
    return true;
}

std::string addressOption(const QCommandLineParser &parser, const QString &name)
{
    const QString value = parser.value(name);
    if (QHostAddress address; !address.setAddress(value)) {
        printError("--" + name.toStdString() + ": expected an IP address such as 127.0.0.1 or 0.0.0.0, found " + quoted(value.toStdString()));
        return {};
    }
    return value.toStdString();
}

void addEnvelopeOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("envelope"),
        QStringLiteral("Deliver events as argo-v0.10, cloudevents-binary or cloudevents-structured (default: the Gateway's "
                       "gateway-studio/envelope annotation, else argo-v0.10)."),
        QStringLiteral("envelope")});
}

bool parseEnvelopeOption(const QCommandLineParser &parser, std::optional<EnvelopeKind> &out)
{
    if (!parser.isSet(QStringLiteral("envelope")))
        return true;
    const std::string value = parser.value(QStringLiteral("envelope")).toStdString();
    out = parseEnvelopeKind(value);
    if (!out)
        printError("--envelope: expected " + envelopeKindChoices() + ", found " + quoted(value));
    return out.has_value();
}

namespace {
int s_signalPipe[2] = {-1, -1};

volatile std::sig_atomic_t s_signalled = 0;

void onSignal(int)
{
    // A second signal while stopping means "now": skip waiting for pending deliveries.
    if (s_signalled)
        ::_exit(130);
    s_signalled = 1;
    const char c = 1;
    [[maybe_unused]] auto n = ::write(s_signalPipe[1], &c, 1); // async-signal-safe
}
} // namespace

void quitOnSignals()
{
    if (s_signalPipe[0] >= 0)
        return;
    if (::pipe2(s_signalPipe, O_CLOEXEC) != 0)
        return;
    struct sigaction sa {
    };
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    auto *notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [] {
        char buf[16];
        [[maybe_unused]] auto n = ::read(s_signalPipe[0], buf, sizeof buf);
        qCInfo(lcCli) << "stopping (signal again to quit without waiting for pending deliveries)";
        QCoreApplication::quit();
    });
}

} // namespace gs::cli
