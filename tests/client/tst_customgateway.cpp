// A custom gateway: any spec.type that is not bundled is dialed at localhost:<processorPort>, as
// v0.10 does. The server here is an independent Python grpcio implementation of the proto.

#include <QTemporaryDir>
#include <QTest>

#include "core/base64.h"
#include "core/json.h"
#include "recordingsink.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using test::TestProcess;

namespace {
int startPythonServer(TestProcess &p, int port)
{
    if (!p.start(test::python(),
            {test::peersDir() + u"/eventing_peer.py", QStringLiteral("server"), QStringLiteral("--proto"),
                QStringLiteral(GS_TEST_PROTO_DIR), QStringLiteral("--port"), QString::number(port)}))
        return 0;
    auto m = p.waitFor(QStringLiteral("\"listening\": (\\d+)"));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

void writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text.toUtf8());
}
} // namespace

class TstCustomGateway : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runDrivesThirdPartyServer()
    {
        auto python = std::make_unique<TestProcess>();
        const int port = startPythonServer(*python, 0);
        QVERIFY2(port > 0, qPrintable(python->allStderr()));

        QTemporaryDir dir;
        const QString gw = dir.filePath(QStringLiteral("gw.yaml"));
        writeFile(gw,
            QStringLiteral(R"(apiVersion: argoproj.io/v1alpha1
kind: Gateway
metadata:
  name: echo-gateway
spec:
  type: python-echo
  eventSource: echo-sources
  processorPort: "%1"
  eventProtocol: {type: HTTP, http: {port: "9300"}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: echo-sources
  labels: {argo-events-event-source-version: v0.10}
data:
  fast: |
    intervalMs: 50
    message: hello
  broken: |
    intervalMs: 50
)")
                .arg(port));
        test::RecordingSink sink;
        TestProcess run;
        QVERIFY(run.start(test::gwctlPath(),
            {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--sink"), QString::fromStdString(sink.url())}));
        QVERIFY2(sink.waitForCount(3), qPrintable(run.allStderr()));
        // The invalid source is reported with the server's own reason and never started.
        QVERIFY(run.waitFor(QStringLiteral("broken is not valid: message is required")).hasMatch());

        for (const auto &req : sink.requests()) {
            auto body = json::parse(req.body);
            QVERIFY(body);
            const json::Value &ctx = *body->member("context");
            QCOMPARE(*ctx.member("eventType")->string(), std::string("python-echo"));
            QCOMPARE(*ctx.member("source")->member("host")->string(), std::string("echo-gateway:fast"));
            auto payload = fromBase64(*body->member("payload")->string());
            QVERIFY(payload);
            QVERIFY2(payload->find(R"("source": "fast")") != std::string::npos, payload->c_str());
        }

        // The server goes away: the source fails visibly and is restarted with backoff once it is back.
        python.reset();
        QVERIFY(run.waitFor(QStringLiteral("fast failed: .* restarting in \\d+ s")).hasMatch());
        const std::size_t before = sink.count();
        python = std::make_unique<TestProcess>();
        QCOMPARE(startPythonServer(*python, port), port);
        QVERIFY2(sink.waitForCount(before + 3, std::chrono::seconds(20)), qPrintable(run.allStderr()));
        QCOMPARE(run.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TstCustomGateway)
#include "tst_customgateway.moc"
