// The calendar from the command line: `gwctl calendar next` (format, exit codes), the example
// Gateway under `gwctl run` delivering to a sink, and `gwctl serve --type calendar` driven by an
// independent v0.10-style client (Debian's python3-grpcio).

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/base64.h"
#include "core/json.h"
#include "core/timefmt.h"
#include "recordingsink.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using test::TestProcess;

namespace {
QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list)
        out << QString::fromUtf8(a);
    return out;
}
} // namespace

class TstCalendarCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nextPrintsInstants()
    {
        auto r = test::runToEnd(test::gwctlPath(),
            args({"calendar", "next", "--schedule", "45 23 ? * MON-FRI", "--timezone", "America/Los_Angeles", "--from",
                "2019-07-26T12:00:00-07:00", "--count", "3"}));
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("2019-07-27T06:45:00Z\n2019-07-30T06:45:00Z\n2019-07-31T06:45:00Z\n"));
        QVERIFY(r.err.isEmpty());
        auto every = test::runToEnd(test::gwctlPath(),
            args({"calendar", "next", "--interval", "1.5s", "--from", "2026-01-01T00:00:00.000000001Z", "--count", "2"}));
        QCOMPARE(every.out, QStringLiteral("2026-01-01T00:00:01.500000001Z\n2026-01-01T00:00:03.000000001Z\n"));
        auto def = test::runToEnd(test::gwctlPath(), args({"calendar", "next", "--schedule", "@hourly", "--timezone", "UTC"}));
        QCOMPARE(def.code, 0);
        QCOMPARE(def.out.count(u'\n'), 10); // default count
        const auto first = parseRfc3339(def.out.section(u'\n', 0, 0).toStdString());
        QVERIFY(first && *first > nowNanos());
        auto warn = test::runToEnd(test::gwctlPath(),
            args({"calendar", "next", "--schedule", "0 12 * * *", "--timezone", "UTC", "--recurrence", "EXDATE:20261224T120000Z", "--from",
                "2026-12-23T13:00:00Z", "--count", "1"}));
        QCOMPARE(warn.code, 0);
        QCOMPARE(warn.out, QStringLiteral("2026-12-25T12:00:00Z\n"));
        QVERIFY(warn.err.contains(u"warning: recurrence[0]: the time part of 20261224T120000Z is ignored"));
        auto many = test::runToEnd(test::gwctlPath(), args({"calendar", "next", "--schedule", "* * * * *", "--count", "10000"}));
        QCOMPARE(many.code, 0);
        QCOMPARE(many.out.count(u'\n'), 10000);
    }

    void nextExitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("error");
        QTest::newRow("invalid schedule") << args({"calendar", "next", "--schedule", "61 * * * *"}) << 1
                                          << QStringLiteral("minute field: 61 is out of range (0-59)");
        QTest::newRow("unknown zone") << args({"calendar", "next", "--schedule", "* * * * *", "--timezone", "UTC+9"}) << 1
                                      << QStringLiteral("timezone: unknown time zone 'UTC+9'");
        QTest::newRow("short interval") << args({"calendar", "next", "--interval", "500ms"}) << 1 << QStringLiteral("shorter than the minimum of 1s");
        QTest::newRow("RRULE") << args({"calendar", "next", "--schedule", "@daily", "--recurrence", "RRULE:FREQ=DAILY"}) << 1
                               << QStringLiteral("RRULE is not supported");
        QTest::newRow("neither") << args({"calendar", "next"}) << 2 << QStringLiteral("one of --schedule or --interval is required");
        QTest::newRow("both") << args({"calendar", "next", "--schedule", "@daily", "--interval", "1m"}) << 2
                              << QStringLiteral("not both");
        QTest::newRow("count too big") << args({"calendar", "next", "--schedule", "@daily", "--count", "10001"}) << 2
                                       << QStringLiteral("--count: expected a number from 1 to 10000");
        QTest::newRow("count zero") << args({"calendar", "next", "--schedule", "@daily", "--count", "0"}) << 2 << QStringLiteral("--count");
        QTest::newRow("bad from") << args({"calendar", "next", "--schedule", "@daily", "--from", "yesterday"}) << 2
                                  << QStringLiteral("--from: expected an RFC 3339 time");
        QTest::newRow("from without offset") << args({"calendar", "next", "--schedule", "@daily", "--from", "2026-01-01T00:00:00"}) << 2
                                             << QStringLiteral("--from");
        QTest::newRow("no subcommand") << args({"calendar"}) << 2 << QStringLiteral("a subcommand is required");
        QTest::newRow("unknown subcommand") << args({"calendar", "prev"}) << 2 << QStringLiteral("unknown subcommand 'prev'");
        QTest::newRow("unknown option") << args({"calendar", "next", "--schedul", "x"}) << 2 << QStringLiteral("Unknown option");
    }

    void nextExitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, error);
        auto r = test::runToEnd(test::gwctlPath(), arguments);
        QCOMPARE(r.code, code);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(error), qPrintable(r.err));
    }

    void exampleGatewayDeliversFirings()
    {
        // The unmodified example: every-10s fires once ten seconds in; the envelope carries the calendar payload.
        test::RecordingSink sink;
        TestProcess run;
        QVERIFY(run.start(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), test::examplesDir() + u"/calendar-gateway.yaml",
                QStringLiteral("--event-sources"), test::examplesDir() + u"/calendar-event-sources.yaml", QStringLiteral("--sink"),
                QString::fromStdString(sink.url())}));
        QVERIFY2(run.waitFor(QStringLiteral("every-10s: connected: first firing at")).hasMatch(), qPrintable(run.allStderr()));
        QVERIFY2(run.waitFor(QStringLiteral("weekday-morning-berlin: connected: first firing at")).hasMatch(), qPrintable(run.allStderr()));
        QVERIFY(test::waitUntil(
            [&] {
                for (const auto &r : sink.requests()) {
                    if (r.body.find("calendar-gateway:every-10s") != std::string::npos)
                        return true;
                }
                return false;
            },
            std::chrono::seconds(13)));
        QCOMPARE(run.stop(true), 0);
        for (const auto &req : sink.requests()) {
            auto env = json::parse(req.body);
            QVERIFY(env.has_value());
            const std::string host = *env->member("context")->member("source")->member("host")->string();
            if (host != "calendar-gateway:every-10s")
                continue;
            QCOMPARE(*env->member("context")->member("eventType")->string(), std::string("calendar"));
            auto payload = json::parse(*fromBase64(*env->member("payload")->string()));
            QVERIFY(payload.has_value());
            QCOMPARE(*payload->member("userPayload")->string(), std::string("ten seconds passed"));
            const auto fired = parseRfc3339(*payload->member("eventTime")->string());
            QVERIFY(fired.has_value());
            QCOMPARE(fired->time_since_epoch() % std::chrono::seconds {1}, std::chrono::nanoseconds {0});
            return;
        }
        QFAIL("no every-10s event");
    }

    void serveDrivenByV010Client()
    {
        TestProcess serve;
        QVERIFY(serve.start(test::gwctlPath(), {QStringLiteral("serve"), QStringLiteral("--type"), QStringLiteral("calendar"), QStringLiteral("--port"),
                                                   QStringLiteral("0")}));
        auto m = serve.waitFor(QStringLiteral("listening (\\S+)\n"));
        QVERIFY2(m.hasMatch(), qPrintable(serve.allStderr()));
        QTemporaryDir dir;
        QFile cfg(dir.filePath(QStringLiteral("cal.yaml")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write("interval: 1s\nuserPayload:\n  team: ops\n");
        cfg.close();
        TestProcess peer;
        QVERIFY(peer.start(test::python(),
            {test::peersDir() + u"/eventing_peer.py", QStringLiteral("client"), QStringLiteral("--proto"), QStringLiteral(GS_TEST_PROTO_DIR),
                QStringLiteral("--target"), m.captured(1), QStringLiteral("--name"), QStringLiteral("tick"), QStringLiteral("--data-file"),
                cfg.fileName()}));
        QVERIFY2(peer.waitFor(QStringLiteral("\"valid\": true")).hasMatch(), qPrintable(peer.allStdout() + peer.allStderr()));
        auto ev = peer.waitFor(QStringLiteral("(\\{\"name\".*\\})\n"), std::chrono::seconds(5));
        QVERIFY2(ev.hasMatch(), qPrintable(peer.allStdout() + peer.allStderr()));
        const QJsonObject o = QJsonDocument::fromJson(ev.captured(1).toUtf8()).object();
        QCOMPARE(o.value(u"name").toString(), QStringLiteral("tick"));
        QVERIFY(o.value(u"meta").toObject().isEmpty());
        auto payload = json::parse(*fromBase64(o.value(u"payload").toString().toStdString()));
        QVERIFY(payload.has_value());
        QCOMPARE(json::write(*payload->member("userPayload")), std::string(R"({"team":"ops"})"));
        peer.stop();
        QCOMPARE(serve.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TstCalendarCli)
#include "tst_calendarcli.moc"
