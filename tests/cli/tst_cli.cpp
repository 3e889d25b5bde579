// gwctl as a user runs it: the README scenario end to end across processes, exit codes,
// hostile input at every entry point, the demo, and signals.

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/base64.h"
#include "core/json.h"
#include "http/server.h"
#include "rawhttp.h"
#include "recordingsink.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using test::RawHttp;
using test::TestProcess;

namespace {
QString readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

void writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text.toUtf8());
}

QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list)
        out << QString::fromUtf8(a);
    return out;
}

/** The example ConfigMap, on port 12000 when it is free (unmodified), else on a free port. */
int exampleConfigMap(const QTemporaryDir &dir, QString &path)
{
    path = test::examplesDir() + u"/webhook-event-sources.yaml";
    if (!RawHttp(12000).connected())
        return 12000;
    const int port = test::freePort();
    path = dir.filePath(QStringLiteral("cm.yaml"));
    writeFile(
        path, readAll(test::examplesDir() + u"/webhook-event-sources.yaml").replace(u"\"12000\""_qs, QStringLiteral("\"%1\"").arg(port)));
    return port;
}
} // namespace

class TstCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionHelpAndUsage()
    {
        auto v = test::runToEnd(test::gwctlPath(), args({"--version"}));
        QCOMPARE(v.code, 0);
        QVERIFY(v.out.startsWith(u"gwctl "));
        auto h = test::runToEnd(test::gwctlPath(), args({"--help"}));
        QCOMPARE(h.code, 0);
        for (const char *cmd : {"run", "serve", "sink", "demo"}) {
            QVERIFY(h.out.contains(QString::fromUtf8(cmd)));
            auto ch = test::runToEnd(test::gwctlPath(), {QString::fromUtf8(cmd), QStringLiteral("--help")});
            QCOMPARE(ch.code, 0);
            QVERIFY(ch.out.contains(u"--log-level"));
        }
        QCOMPARE(test::runToEnd(test::gwctlPath(), {}).code, 2);
        auto unknown = test::runToEnd(test::gwctlPath(), args({"frobnicate"}));
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains(u"unknown command 'frobnicate'"));
        auto noGateway = test::runToEnd(test::gwctlPath(), args({"run"}));
        QCOMPARE(noGateway.code, 2);
        QVERIFY(noGateway.err.contains(u"--gateway FILE is required"));
        QCOMPARE(test::runToEnd(test::gwctlPath(), args({"run", "--bogus"})).code, 2);
        QCOMPARE(test::runToEnd(test::gwctlPath(), args({"run", "--gateway", "x", "--output", "xml"})).code, 2);
        QCOMPARE(test::runToEnd(test::gwctlPath(), args({"run", "--gateway", "x", "--sink", "ftp://x"})).code, 2);
        QCOMPARE(test::runToEnd(test::gwctlPath(), args({"run", "--gateway", "x", "--log-level", "loud"})).code, 2);
        auto noPort = test::runToEnd(test::gwctlPath(), args({"sink"}));
        QCOMPARE(noPort.code, 2);
        QVERIFY(noPort.err.contains(u"--port PORT is required"));
        auto noType = test::runToEnd(test::gwctlPath(), args({"serve", "--port", "0"}));
        QCOMPARE(noType.code, 2);
        QVERIFY(noType.err.contains(u"--type TYPE is required (one of: calendar, webhook, nats, mqtt, kafka, amqp)"));
        QVERIFY(test::runToEnd(test::gwctlPath(), args({"run", "--help"})).out.startsWith(u"Usage: gwctl run [options]"));
        // Options are checked before anything starts.
        const QString gw = test::examplesDir() + u"/webhook-gateway.yaml";
        auto badBind = test::runToEnd(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--bind"), QStringLiteral("999.1.1.1")});
        QCOMPARE(badBind.code, 2);
        QVERIFY(badBind.err.contains(u"--bind: expected an IP address"));
        QVERIFY(!badBind.err.contains(u"watcher"));
        auto badStats = test::runToEnd(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--stats-interval"), QStringLiteral("0")});
        QCOMPARE(badStats.code, 2);
        QVERIFY(!badStats.err.contains(u"watcher"));
        for (const char *stats : {"nan", "inf", "0.01", "1e9"})
            QCOMPARE(
                test::runToEnd(test::gwctlPath(),
                    {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--stats-interval"), QString::fromUtf8(stats)})
                    .code,
                2);
        // Sink URLs are checked up front, and credentials in them are never echoed.
        auto badSink = test::runToEnd(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--sink"),
                QStringLiteral("http://bob:hunter2@127.0.0.1:70000/")});
        QCOMPARE(badSink.code, 2);
        QVERIFY2(badSink.err.contains(u"--sink http://***@127.0.0.1:70000/: expected an http:// or https:// URL"), qPrintable(badSink.err));
        QVERIFY(!badSink.err.contains(u"hunter2"));
        auto badResolve = test::runToEnd(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--resolve"),
                QStringLiteral("s=http://h:0/?token=hunter2")});
        QCOMPARE(badResolve.code, 2);
        QVERIFY(!badResolve.err.contains(u"hunter2"));
        // A file name cannot forge a log line: control characters come out escaped.
        auto forged = test::runToEnd(
            test::gwctlPath(), {QStringLiteral("run"), QStringLiteral("--gateway"), QStringLiteral("x\ngwctl: error: forged")});
        QCOMPARE(forged.code, 1);
        QVERIFY2(forged.err.contains(u"x\\ngwctl: error: forged"), qPrintable(forged.err));
        QCOMPARE(forged.err.count(u'\n'), 1);
    }

    void readmeScenario()
    {
        // gwctl run --gateway gw.yaml --event-sources cm.yaml --sink http://127.0.0.1:<sink>/ ; curl POST -> one envelope.
        QTemporaryDir dir;
        QString cmPath;
        const int hookPort = exampleConfigMap(dir, cmPath);
        const int sinkPort = test::freePort();
        TestProcess sink;
        QVERIFY(sink.start(test::gwctlPath(), {QStringLiteral("sink"), QStringLiteral("--port"), QString::number(sinkPort)}));
        QVERIFY(sink.waitFor(QStringLiteral("sink listening on")).hasMatch());
        test::RecordingSink raw; // a second sink that keeps the exact bytes

        TestProcess run;
        QVERIFY(run.start(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), test::examplesDir() + u"/webhook-gateway.yaml",
                QStringLiteral("--event-sources"), cmPath, QStringLiteral("--sink"), QStringLiteral("http://127.0.0.1:%1/").arg(sinkPort),
                QStringLiteral("--sink"), QString::fromStdString(raw.url())}));
        QVERIFY2(run.waitFor(QStringLiteral("example: connected: listening on http://127.0.0.1:%1/example").arg(hookPort)).hasMatch(),
            qPrintable(run.allStderr()));
        // The unresolvable in-cluster watcher is skipped with a single warning, also across reloads.
        QCOMPARE(run.allStderr().count(u"does not resolve here"), 1);
        if (cmPath.startsWith(dir.path())) {
            QFile cmFile(cmPath);
            QVERIFY(cmFile.open(QIODevice::Append));
            cmFile.write("\n# touched\n");
            cmFile.close();
            QTest::qWait(600);
            QCOMPARE(run.allStderr().count(u"does not resolve here"), 1);
        }

        QProcess curl;
        curl.start(QStringLiteral("curl"),
            {QStringLiteral("-s"), QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("-H"),
                QStringLiteral("Content-Type: application/json"), QStringLiteral("--data"), QStringLiteral("{\"a\":1}"),
                QStringLiteral("http://127.0.0.1:%1/example").arg(hookPort)});
        QVERIFY(curl.waitForFinished(10000));
        QCOMPARE(curl.readAllStandardOutput(), QByteArray("request successfully processed"));

        auto line = sink.waitFor(QStringLiteral("(\\{\"specversion\".*\\})\n"));
        QVERIFY2(line.hasMatch(), qPrintable(sink.allStderr()));
        const QJsonObject ce = QJsonDocument::fromJson(line.captured(1).toUtf8()).object();
        QCOMPARE(ce.value(u"source").toString(), QStringLiteral("webhook-gateway"));
        QCOMPARE(ce.value(u"subject").toString(), QStringLiteral("example"));
        QCOMPARE(ce.value(u"type").toString(), QStringLiteral("webhook"));
        QCOMPARE(ce.value(u"datacontenttype").toString(), QStringLiteral("application/json"));
        QCOMPARE(ce.value(u"data").toObject().value(u"a").toInt(), 1);
        QCOMPARE(ce.value(u"id").toString().size(), 72);

        QVERIFY(raw.waitForCount(1));
        QTest::qWait(300);
        QCOMPARE(raw.count(), std::size_t(1)); // exactly one
        QCOMPARE(sink.stdoutLines().size(), 1);
        const auto req = raw.requests()[0];
        QCOMPARE(req.header("Content-Type"), std::string("application/json"));
        auto env = json::parse(req.body);
        QVERIFY(env);
        QCOMPARE(*env->member("payload")->string(), std::string("eyJhIjoxfQ=="));
        QCOMPARE(*env->member("context")->member("eventTypeVersion")->string(), std::string("v0.10"));

        QCOMPARE(run.stop(true), 0); // SIGINT: clean exit
        QVERIFY2(run.allStderr().contains(u"events: 1 received for delivery, 2 deliveries succeeded, 0 retries, 0 failed"),
            qPrintable(run.allStderr().right(900)));
        QVERIFY(!RawHttp(hookPort).connected());
        QCOMPARE(sink.stop(), 0);
    }

    void outputJsonLinesAndResolve()
    {
        QTemporaryDir dir;
        const int hookPort = test::freePort();
        test::RecordingSink sensor;
        const QString gw = dir.filePath(QStringLiteral("gw.yaml"));
        writeFile(gw, readAll(test::examplesDir() + u"/webhook-gateway.yaml"));
        const QString cm = dir.filePath(QStringLiteral("cm.yaml"));
        writeFile(cm,
            QStringLiteral(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: webhook-event-source\n  labels:\n"
                "    argo-events-event-source-version: v0.10\ndata:\n  text: |\n    port: \"%1\"\n    endpoint: /t\n    method: PUT\n")
                .arg(hookPort));
        TestProcess run;
        QVERIFY(run.start(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--event-sources"), cm, QStringLiteral("--output"),
                QStringLiteral("jsonl"), QStringLiteral("--resolve"),
                QStringLiteral("webhook-sensor=") + QString::fromStdString(sensor.url())}));
        QVERIFY2(run.waitFor(QStringLiteral("text: connected")).hasMatch(), qPrintable(run.allStderr()));
        QVERIFY(!run.allStderr().contains(u"does not resolve")); // mapped by --resolve
        QCOMPARE(RawHttp::request(hookPort, "PUT", "/t", "plain words", {{"Content-Type", "text/plain"}})->status, 200);
        auto line = run.waitFor(QStringLiteral("(\\{\"specversion\".*\\})\n"));
        QVERIFY(line.hasMatch());
        const QJsonObject ce = QJsonDocument::fromJson(line.captured(1).toUtf8()).object();
        QCOMPARE(ce.value(u"datacontenttype").toString(), QStringLiteral("text/plain"));
        QCOMPARE(ce.value(u"data").toString(), QStringLiteral("plain words"));
        QVERIFY(sensor.waitForCount(1));
        QCOMPARE(sensor.requests()[0].path, std::string("/"));
        QCOMPARE(run.stop(), 0);
    }

    void hostileInput_data()
    {
        QTest::addColumn<QString>("gateway");
        QTest::addColumn<QString>("configMap");
        QTest::addColumn<QString>("expected");
        const QString gw = readAll(test::examplesDir() + u"/webhook-gateway.yaml");
        const QString cm = readAll(test::examplesDir() + u"/webhook-event-sources.yaml");
        QTest::newRow("missing file") << QString() << cm << QStringLiteral("gw.yaml: cannot open file: No such file or directory");
        QTest::newRow("bad YAML") << QStringLiteral("kind: Gateway\nspec: {type: [\n") << cm << QStringLiteral("gw.yaml:3:1: invalid YAML");
        QTest::newRow("comma") << QStringLiteral(",") << cm << QStringLiteral("gw.yaml:1:1: invalid YAML");
        QTest::newRow("Gateway without type") << QString(gw).replace(u"  type: \"webhook\"\n"_qs, QString()) << cm
                                              << QStringLiteral("spec.type: gateway type is not specified");
        QTest::newRow("NATS type in lower case")
            << QString(gw).replace(u"    type: \"HTTP\"\n    http:\n      port: \"9300\"\n"_qs,
                   u"    type: \"NATS\"\n    nats:\n      url: nats://127.0.0.1:4222\n      type: standard\n"_qs)
            << cm << QStringLiteral("spec.eventProtocol.nats.type: expected Standard or Streaming, found 'standard'");
        QTest::newRow("NATS URL with a bad port")
            << QString(gw).replace(u"    type: \"HTTP\"\n    http:\n      port: \"9300\"\n"_qs,
                   u"    type: \"NATS\"\n    nats:\n      url: nats://alice:pw@127.0.0.1:99999\n      type: Standard\n"_qs)
            << cm
            << QStringLiteral("spec.eventProtocol.nats.url: 'nats://alice:***@127.0.0.1:99999': the port must be a number from 1 to 65535");
        QTest::newRow("NATS URL with another scheme")
            << QString(gw).replace(u"    type: \"HTTP\"\n    http:\n      port: \"9300\"\n"_qs,
                   u"    type: \"NATS\"\n    nats:\n      url: http://127.0.0.1:4222\n      type: Standard\n"_qs)
            << cm << QStringLiteral("spec.eventProtocol.nats.url: 'http://127.0.0.1:4222': expected the scheme nats:// or tls://");
        QTest::newRow("NATS Streaming without clientId")
            << QString(gw).replace(u"    type: \"HTTP\"\n    http:\n      port: \"9300\"\n"_qs,
                   u"    type: \"NATS\"\n    nats:\n      url: nats://127.0.0.1:4222\n      type: Streaming\n      clusterId: c\n"_qs)
            << cm << QStringLiteral("spec.eventProtocol.nats.clientId: client id must be specified when using nats streaming");
        for (const char *port : {"abc", "99999", "localhost:22", "1/../x", "0"}) {
            QTest::newRow(qPrintable(u"custom type, processorPort "_qs + QString::fromLatin1(port)))
                << QString(gw).replace(u"  type: \"webhook\"\n"_qs, u"  type: \"my-kafka\"\n"_qs)
                       .replace(u"processorPort: \"9330\""_qs, QStringLiteral("processorPort: \"%1\"").arg(QLatin1String(port)))
                << cm << QStringLiteral("gw.yaml:16:18: spec.processorPort: expected a port number from 1 to 65535, found '%1'").arg(QLatin1String(port));
        }
        QTest::newRow("empty ConfigMap file") << gw << QString() << QStringLiteral("cm.yaml: no ConfigMap found");
        QTest::newRow("wrong ConfigMap") << gw << QString(cm).replace(u"name: webhook-event-source"_qs, u"name: other"_qs)
                                         << QStringLiteral("names ConfigMap 'webhook-event-source', but only these were found: other");
        QTest::newRow("binary file") << QString::fromLatin1("\x7f"
                                                            "ELF\x02\x01\x01")
                                     << cm << QStringLiteral("gw.yaml:");
    }
    void hostileInput()
    {
        QFETCH(QString, gateway);
        QFETCH(QString, configMap);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString gw = dir.filePath(QStringLiteral("gw.yaml")), cm = dir.filePath(QStringLiteral("cm.yaml"));
        if (!gateway.isNull())
            writeFile(gw, gateway);
        writeFile(cm, configMap);
        const auto started = std::chrono::steady_clock::now();
        auto r = test::runToEnd(
            test::gwctlPath(), {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--event-sources"), cm});
        QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(5)); // never hangs
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"gwctl: error: "), qPrintable(r.err));
    }

    void webhookPortInUseIsReportedAndRetried()
    {
        QTemporaryDir dir;
        const int port = test::freePort();
        test::RecordingSink blocker(static_cast<std::uint16_t>(port)); // something else holds the port
        QCOMPARE(int(blocker.port()), port);
        const QString cm = dir.filePath(QStringLiteral("cm.yaml"));
        writeFile(
            cm, readAll(test::examplesDir() + u"/webhook-event-sources.yaml").replace(u"\"12000\""_qs, QStringLiteral("\"%1\"").arg(port)));
        TestProcess run;
        QVERIFY(run.start(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), test::examplesDir() + u"/webhook-gateway.yaml",
                QStringLiteral("--event-sources"), cm, QStringLiteral("--output"), QStringLiteral("jsonl")}));
        QVERIFY2(
            run.waitFor(QStringLiteral("example failed: listen tcp 127.0.0.1:%1: address already in use - restarting in 1 s").arg(port))
                .hasMatch(),
            qPrintable(run.allStderr()));
        // Free the port: the retry takes it and events flow.
        blocker.stop();
        if (!run.waitFor(QStringLiteral("example: connected"), std::chrono::seconds(10)).hasMatch())
            qWarning().noquote() << run.allStderr();
        QVERIFY(run.waitFor(QStringLiteral("example: connected"), std::chrono::seconds(1)).hasMatch());
        QCOMPARE(RawHttp::request(port, "POST", "/example", "{}")->status, 200);
        QVERIFY(run.waitFor(QStringLiteral("\"subject\":\"example\"")).hasMatch());
        QCOMPARE(run.stop(), 0);
    }

    void sinkRejectsMalformedEvents()
    {
        const int port = test::freePort();
        TestProcess sink;
        QVERIFY(sink.start(test::gwctlPath(), {QStringLiteral("sink"), QStringLiteral("--port"), QString::number(port)}));
        QVERIFY(sink.waitFor(QStringLiteral("sink listening")).hasMatch());
        auto notJson = RawHttp::request(port, "POST", "/", "{oops");
        QCOMPARE(notJson->status, 400);
        QVERIFY(QString::fromStdString(notJson->body).contains(u"not JSON"));
        auto notEnvelope = RawHttp::request(port, "POST", "/", R"({"a":1})");
        QCOMPARE(notEnvelope->status, 400);
        QCOMPARE(RawHttp::request(port, "GET", "/")->status, 405);
        QCOMPARE(sink.stdoutLines().size(), 0); // never an empty event
        // Port already taken: exit 1 with the reason.
        auto twice = test::runToEnd(test::gwctlPath(), {QStringLiteral("sink"), QStringLiteral("--port"), QString::number(port)});
        QCOMPARE(twice.code, 1);
        QVERIFY(twice.err.contains(u"address already in use"));
        QCOMPARE(sink.stop(), 0);
    }

    void demoPrintsLiveEvents()
    {
        TestProcess demo;
        QVERIFY(demo.start(test::gwctlPath(), {QStringLiteral("demo"), QStringLiteral("--interval"), QStringLiteral("0.2")}));
        QVERIFY(test::waitUntil([&] { return demo.stdoutLines().size() >= 3; }, std::chrono::seconds(15)));
        const auto port = demo.waitFor(QStringLiteral("http://127.0.0.1:(\\d+)/example")).captured(1).toInt();
        QVERIFY(port > 0);
        QCOMPARE(RawHttp::request(port, "POST", "/example", R"({"from":"test"})", {{"Content-Type", "application/json"}})->status, 200);
        QVERIFY(demo.waitFor(QStringLiteral("\"data\":\\{\"from\":\"test\"\\}")).hasMatch());
        int webhook = 0;
        for (const QString &line : demo.stdoutLines()) {
            const QJsonObject ce = QJsonDocument::fromJson(line.toUtf8()).object();
            QCOMPARE(ce.value(u"specversion").toString(), QStringLiteral("1.0"));
            // The calendar demo fires too when the run crosses a minute boundary.
            const QString source = ce.value(u"source").toString();
            QVERIFY2(source == u"demo-webhook" || source == u"demo-calendar", qPrintable(source));
            webhook += source == u"demo-webhook";
        }
        QVERIFY(webhook >= 3);
        QVERIFY(!demo.allStderr().contains(u"POST failed")); // the generator waits for the webhook to listen
        QCOMPARE(demo.stop(true), 0);
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
