// gwctl calendar next: the next firings of a calendar schedule, one RFC 3339 UTC instant per line.

#include <cstdio>

#include "commands.h"
#include "core/printable.h"
#include "common.h"
#include "core/timefmt.h"
#include "sources/calendar/schedule.h"

namespace gs::cli {

namespace {
constexpr int kMaxCount = 10000;

int nextCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("schedule"), QStringLiteral("Cron expression, descriptor or @every <duration> (with an optional CRON_TZ=<zone> prefix)."),
        QStringLiteral("expr")});
    p.addOption({QStringLiteral("interval"), QStringLiteral("Go duration (at least 1s), instead of --schedule."), QStringLiteral("duration")});
    p.addOption({QStringLiteral("timezone"), QStringLiteral("Zone of the tz database (default: the local zone)."), QStringLiteral("zone")});
    p.addOption({QStringLiteral("recurrence"), QStringLiteral("An EXDATE line (repeatable)."), QStringLiteral("line")});
    p.addOption({QStringLiteral("from"), QStringLiteral("Instant to start after, RFC 3339 with Z or an offset (default: now)."),
        QStringLiteral("time")});
    p.addOption({QStringLiteral("count"), QStringLiteral("How many firings (default 10, at most 10000)."), QStringLiteral("n"),
        QStringLiteral("10")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args, QStringLiteral("Print the next firings of a calendar schedule, one RFC 3339 UTC instant per line."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    if (!p.positionalArguments().isEmpty()) {
        printError("unexpected argument '" + p.positionalArguments().first().toStdString() + "' (see --help)");
        return kUsage;
    }
    const bool hasSchedule = p.isSet(QStringLiteral("schedule")), hasInterval = p.isSet(QStringLiteral("interval"));
    if (hasSchedule == hasInterval) {
        printError(hasSchedule ? "pass --schedule or --interval, not both" : "one of --schedule or --interval is required");
        return kUsage;
    }
    bool ok = false;
    const int count = p.value(QStringLiteral("count")).toInt(&ok);
    if (!ok || count < 1 || count > kMaxCount) {
        printError("--count: expected a number from 1 to " + std::to_string(kMaxCount) + ", found '"
            + p.value(QStringLiteral("count")).toStdString() + "'");
        return kUsage;
    }
    SysNanos from = nowNanos();
    if (p.isSet(QStringLiteral("from"))) {
        const std::string text = p.value(QStringLiteral("from")).toStdString();
        const auto t = parseRfc3339(text);
        if (!t) {
            printError("--from: expected an RFC 3339 time from year " + std::to_string(kMinRfc3339Year) + " to " + std::to_string(kMaxRfc3339Year)
                + " such as 2026-12-03T10:00:00Z or 2026-12-03T11:00:00+01:00, found " + quoted(text));
            return kUsage;
        }
        from = *t;
    }
    calendar::ScheduleInput in;
    in.schedule = p.value(QStringLiteral("schedule")).toStdString();
    in.interval = p.value(QStringLiteral("interval")).toStdString();
    in.timezone = p.value(QStringLiteral("timezone")).toStdString();
    for (const auto &line : p.values(QStringLiteral("recurrence")))
        in.recurrence.push_back(line.toStdString());
    if (hasSchedule && in.schedule.empty()) {
        printError("--schedule: the expression is empty");
        return kFailure;
    }
    auto schedule = calendar::Schedule::build(in);
    if (!schedule) {
        printError(schedule.error().text());
        return kFailure;
    }
    for (const auto &w : schedule->warnings())
        printWarning(w);
    std::string out;
    out.reserve(static_cast<std::size_t>(count) * 32);
    SysNanos t = from;
    for (int i = 0; i < count; ++i) {
        const auto n = schedule->next(t, from);
        if (!n) {
            printWarning("no more firings after " + formatRfc3339(t) + " (dates are evaluated up to the year "
                + std::to_string(calendar::kLastYear) + ")");
            break;
        }
        out += formatRfc3339(*n);
        out += '\n';
        t = *n;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    return kOk;
}
} // namespace

int calendarCommand(const QStringList &args)
{
    const QString sub = args.size() > 1 ? args.at(1) : QString();
    if (sub == u"next") {
        QStringList rest = args;
        rest.removeAt(1);
        rest[0] = args.at(0) + QStringLiteral(" next");
        return nextCommand(rest);
    }
    if (sub == u"--help" || sub == u"-h") {
        std::printf("Usage: gwctl calendar next [options]\n\nSubcommands:\n  next     print the next firings of a calendar schedule\n");
        return kOk;
    }
    printError(sub.isEmpty() ? "calendar: a subcommand is required: next" : "calendar: unknown subcommand '" + sub.toStdString() + "' (expected: next)");
    return kUsage;
}

} // namespace gs::cli
