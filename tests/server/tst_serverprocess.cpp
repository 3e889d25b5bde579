// Wire compatibility across processes over TCP: `gwctl serve` driven by an independent peer
// (Debian's python3-grpcio acting as Argo's v0.10 gateway-client), and our gateway client driving
// a separately started `gwctl serve`, including a server restart (decisions §1).

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "client/gatewayclient.h"
#include "core/base64.h"
#include "core/json.h"
#include "rawhttp.h"
#include "recordingsink.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using test::RawHttp;
using test::TestProcess;

namespace {
QString protoDir()
{
    return QStringLiteral(GS_TEST_PROTO_DIR);
}

QJsonObject jsonLine(const QString &line)
{
    return QJsonDocument::fromJson(line.toUtf8()).object();
}

/** Starts `gwctl serve --type webhook` and returns its gRPC target. */
QString startServe(TestProcess &p, int port = 0, const QStringList &env = {})
{
    QStringList args {QStringLiteral("serve"), QStringLiteral("--type"), QStringLiteral("webhook"), QStringLiteral("--bind"),
        QStringLiteral("127.0.0.1")};
    if (env.isEmpty())
        args << QStringLiteral("--port") << QString::number(port);
    if (!p.start(test::gwctlPath(), args, env))
        return {};
    auto m = p.waitFor(QStringLiteral("listening (\\S+)\n"));
    return m.hasMatch() ? m.captured(1) : QString();
}
} // namespace

class TstServerProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pythonV010ClientDrivesOurServer()
    {
        TestProcess serve;
        const QString target = startServe(serve);
        QVERIFY2(!target.isEmpty(), qPrintable(serve.allStderr()));

        QTemporaryDir dir;
        const int hookPort = test::freePort();
        QFile cfg(dir.filePath(QStringLiteral("example.yaml")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(QStringLiteral("port: \"%1\"\nendpoint: /example\nmethod: POST\n").arg(hookPort).toUtf8());
        cfg.close();

        TestProcess peer;
        QVERIFY(peer.start(test::python(),
            {test::peersDir() + u"/eventing_peer.py", QStringLiteral("client"), QStringLiteral("--proto"), protoDir(),
                QStringLiteral("--target"), target, QStringLiteral("--name"), QStringLiteral("example"), QStringLiteral("--data-file"),
                cfg.fileName()}));
        QVERIFY2(peer.waitFor(QStringLiteral("\"valid\": true")).hasMatch(), qPrintable(peer.allStdout() + peer.allStderr()));
        QVERIFY(test::waitUntil([&] { return RawHttp(hookPort).connected(); }));
        auto resp = RawHttp::request(hookPort, "POST", "/example", R"({"a":1})", {{"Content-Type", "application/json"}});
        QVERIFY(resp);
        QCOMPARE(resp->status, 200);
        auto m = peer.waitFor(QStringLiteral("(\\{\"name\".*\\})\n"));
        QVERIFY2(m.hasMatch(), qPrintable(peer.allStdout() + peer.allStderr()));
        const QJsonObject ev = jsonLine(m.captured(1));
        QCOMPARE(ev.value(u"name").toString(), QStringLiteral("example"));
        QCOMPARE(ev.value(u"payload").toString(), QStringLiteral("eyJhIjoxfQ==")); // base64 of {"a":1}
        QVERIFY(ev.value(u"meta").toObject().isEmpty()); // no extensions without the metadata
        QCOMPARE(ev.value(u"hasState").toBool(), false);
        peer.stop();
        // The peer went away: the server stops the source and frees the webhook port.
        QVERIFY(test::waitUntil([&] { return !RawHttp(hookPort).connected(); }));
        QCOMPARE(serve.stop(), 0);
    }

    void pythonClientSeesValidationVerdict()
    {
        TestProcess serve;
        const QString target = startServe(serve);
        QVERIFY(!target.isEmpty());
        QTemporaryDir dir;
        QFile cfg(dir.filePath(QStringLiteral("bad.yaml")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write("port: \"12001\"\nendpoint: /nomethod\n"); // PC-11 (a)
        cfg.close();
        auto r = test::runToEnd(test::python(),
            {test::peersDir() + u"/eventing_peer.py", QStringLiteral("client"), QStringLiteral("--proto"), protoDir(),
                QStringLiteral("--target"), target, QStringLiteral("--data-file"), cfg.fileName()});
        QCOMPARE(r.code, 0);
        const QJsonObject verdict = jsonLine(r.out.split(u'\n').first());
        QCOMPARE(verdict.value(u"valid").toBool(), false);
        QCOMPARE(verdict.value(u"reason").toString(),
            QStringLiteral("failed to validate event source. err: unknown HTTP method '' (expected one of GET HEAD POST PUT PATCH DELETE "
                           "CONNECT OPTIONS TRACE, upper-case)"));
        QVERIFY(!RawHttp(12001).connected()); // no server was started for it
    }

    void serveHonoursGatewayServerPort()
    {
        const int port = test::freePort();
        TestProcess serve;
        const QString target = startServe(serve, 0, {QStringLiteral("GATEWAY_SERVER_PORT=%1").arg(port)});
        QCOMPARE(target, QStringLiteral("127.0.0.1:%1").arg(port));
        // Without a port at all it is a usage error.
        auto r = test::runToEnd(test::gwctlPath(), {QStringLiteral("serve"), QStringLiteral("--type"), QStringLiteral("webhook")});
        if (qEnvironmentVariableIsEmpty("GATEWAY_SERVER_PORT")) {
            QCOMPARE(r.code, 2);
            QVERIFY(r.err.contains(u"no port: pass --port or set GATEWAY_SERVER_PORT"));
        }
        // The same port twice: the second exits 1 with a clear error.
        auto twice = test::runToEnd(test::gwctlPath(),
            {QStringLiteral("serve"), QStringLiteral("--type"), QStringLiteral("webhook"), QStringLiteral("--port"),
                QString::number(port)});
        QCOMPARE(twice.code, 1);
        QVERIFY2(twice.err.contains(QStringLiteral("cannot listen for gRPC on 127.0.0.1:%1: Address already in use").arg(port)), qPrintable(twice.err));
    }

    void ourClientDrivesSeparateServerAcrossRestart()
    {
        const int grpcPort = test::freePort();
        auto serve = std::make_unique<TestProcess>();
        QCOMPARE(startServe(*serve, grpcPort), QStringLiteral("127.0.0.1:%1").arg(grpcPort));

        test::RecordingSink sink;
        auto dispatcher = std::make_shared<Dispatcher>();
        dispatcher->setTargets({{"sink", sink.url()}});
        auto pipeline = std::make_shared<DeliveryPipeline>(dispatcher);
        Gateway gw;
        gw.meta.name = "hooks";
        gw.type = "webhook";
        GatewayClient::Options opts;
        opts.serverTarget = "127.0.0.1:" + std::to_string(grpcPort);
        opts.initialBackoff = std::chrono::milliseconds(200);
        GatewayClient client(gw, opts, pipeline);
        std::vector<SourceStatus> seen;
        connect(&client, &GatewayClient::sourceStatusChanged, this, [&](const SourceStatus &s) { seen.push_back(s); });

        const int hookPort = test::freePort();
        ConfigMap cm;
        cm.meta.labels[kEventSourceVersionLabel] = "v0.10";
        cm.data = {{"build", "port: \"" + std::to_string(hookPort) + "\"\nendpoint: /build\nmethod: POST\n"}};
        client.reconcile(cm);
        QVERIFY(test::waitUntil([&] { return !seen.empty() && seen.back().connection.starts_with("connected"); }));
        QCOMPARE(RawHttp::request(hookPort, "POST", "/build", "one")->status, 200);
        QVERIFY(sink.waitForCount(1));

        // Kill the server: the stream fails, the client reports it and retries with backoff.
        serve.reset();
        QVERIFY(test::waitUntil([&] { return seen.back().phase == SourcePhase::Failed; }));
        QVERIFY(!seen.back().message.empty());
        serve = std::make_unique<TestProcess>();
        QCOMPARE(startServe(*serve, grpcPort), QStringLiteral("127.0.0.1:%1").arg(grpcPort));
        QVERIFY(
            test::waitUntil([&] { return seen.back().phase == SourcePhase::Running && seen.back().connection.starts_with("connected"); },
                std::chrono::seconds(15)));
        QCOMPARE(RawHttp::request(hookPort, "POST", "/build", "two")->status, 200);
        QVERIFY(sink.waitForCount(2));

        const auto reqs = sink.requests();
        auto body = json::parse(reqs[1].body);
        QVERIFY(body);
        QCOMPARE(*body->member("payload")->string(), toBase64("two"));
        QCOMPARE(*body->member("context")->member("source")->member("host")->string(), std::string("hooks:build"));
        QVERIFY(client.statuses().at(0).restarts >= 1);
        client.stopAll();
    }
};

QTEST_GUILESS_MAIN(TstServerProcess)
#include "tst_serverprocess.moc"
