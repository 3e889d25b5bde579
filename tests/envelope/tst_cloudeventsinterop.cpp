// CloudEvents over real HTTP between processes: `gwctl run` delivering in each envelope (chosen by the
// Gateway's annotation or --envelope), `gwctl sink` decoding each form, and interoperability with an
// independent implementation, the official CloudEvents JavaScript SDK (tests/peers/cloudevents-js).

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "core/base64.h"
#include "core/json.h"
#include "envelope/cloudevent.h"
#include "envelope/httpbinding.h"
#include "envelope/incoming.h"
#include "rawhttp.h"
#include "recordingsink.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using test::RawHttp;
using test::TestProcess;

namespace {
void writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

/** A webhook Gateway (with an optional envelope annotation) and its ConfigMap on `port`. */
void writeGateway(const QTemporaryDir &dir, int port, const QString &annotation)
{
    QString gw = QStringLiteral(
        "apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata:\n  name: webhook-gateway\n%1"
        "  labels:\n    gateways.argoproj.io/gateway-controller-instanceid: argo-events\n    argo-events-gateway-version: v0.10\n"
        "spec:\n  type: webhook\n  eventSource: hooks\n  processorPort: \"9330\"\n  template: {}\n"
        "  eventProtocol:\n    type: HTTP\n    http:\n      port: \"9300\"\n");
    writeFile(dir.filePath(QStringLiteral("gw.yaml")),
        gw.arg(annotation.isEmpty() ? QString() : QStringLiteral("  annotations:\n    gateway-studio/envelope: %1\n").arg(annotation)));
    writeFile(dir.filePath(QStringLiteral("cm.yaml")),
        QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hooks\n  labels:\n    argo-events-event-source-version: v0.10\n"
                       "data:\n  example: |\n    port: \"%1\"\n    endpoint: /example\n    method: POST\n")
            .arg(port));
}

QStringList runArgs(const QTemporaryDir &dir, const QStringList &extra)
{
    return QStringList {QStringLiteral("run"), QStringLiteral("--gateway"), dir.filePath(QStringLiteral("gw.yaml")),
               QStringLiteral("--event-sources"), dir.filePath(QStringLiteral("cm.yaml")), QStringLiteral("--output"), QStringLiteral("jsonl")}
        + extra;
}

/** The Node.js SDK peer, or an explanation of what is missing. */
struct NodePeer {
    QString node;
    QString script;
    QString modules;
    QString missing;
    QStringList env() const { return {QStringLiteral("NODE_PATH=") + modules}; }
};

NodePeer nodePeer()
{
    NodePeer p;
    p.node = QStandardPaths::findExecutable(QStringLiteral("node"));
    p.script = test::peersDir() + u"/cloudevents-js/peer.js";
    p.modules = QStringLiteral(GS_TEST_NODE_MODULES);
    if (p.node.isEmpty())
        p.missing = QStringLiteral("node is not installed (scripts/packages.sh test installs it)");
    else if (!QFileInfo::exists(p.modules + u"/cloudevents/package.json"))
        p.missing = QStringLiteral("the CloudEvents SDK is not installed in %1 (scripts/test.sh runs npm ci there)").arg(p.modules);
    return p;
}

QJsonObject parseObject(const QString &line)
{
    return QJsonDocument::fromJson(line.toUtf8()).object();
}

/** Our CloudEvents JSON line as the peer describes events: attributes and extensions as strings, base64 data. */
QJsonObject describe(const QJsonObject &ce)
{
    static const QStringList core {u"specversion"_qs, u"id"_qs, u"source"_qs, u"type"_qs, u"subject"_qs, u"time"_qs, u"datacontenttype"_qs,
        u"dataschema"_qs};
    QJsonObject attributes, extensions, out;
    for (auto it = ce.begin(); it != ce.end(); ++it) {
        if (it.key() == u"data")
            continue; // compared as JSON text with dataJsonOf()
        if (it.key() == u"data_base64") {
            out.insert(u"dataBase64"_qs, it.value());
            continue;
        }
        (core.contains(it.key()) ? attributes : extensions).insert(it.key(), it.value().isString() ? it.value() : QJsonValue(it.value().toVariant().toString()));
    }
    out.insert(u"attributes"_qs, attributes);
    out.insert(u"extensions"_qs, extensions);
    return out;
}

/** The data of one of our CloudEvents JSON lines as JSON text (compact), via our own JSON writer. */
QString dataJsonOf(const QString &line)
{
    auto v = json::parse(line.toStdString());
    if (!v)
        return {};
    const json::Value *data = v->member("data");
    return data ? QString::fromStdString(json::write(*data)) : QString();
}

/** RFC 3339 cut to milliseconds, as the SDK keeps it. */
QString toMillis(const QString &time)
{
    const auto dot = time.indexOf(u'.');
    return dot < 0 ? time : time.left(dot + 4) + u'Z';
}
} // namespace

class TstCloudEventsInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // What gwctl run sends in each envelope is what a receiver decodes, and what --output jsonl prints.
    void runDeliversInItsEnvelope_data()
    {
        QTest::addColumn<QString>("annotation");
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default") << QString() << QString() << QStringLiteral("argo-v0.10");
        QTest::newRow("annotation binary") << QStringLiteral("cloudevents-binary") << QString() << QStringLiteral("cloudevents-binary");
        QTest::newRow("annotation structured") << QStringLiteral("cloudevents-structured") << QString()
                                               << QStringLiteral("cloudevents-structured");
        QTest::newRow("flag overrides annotation") << QStringLiteral("cloudevents-binary") << QStringLiteral("cloudevents-structured")
                                                   << QStringLiteral("cloudevents-structured");
        QTest::newRow("flag back to argo") << QStringLiteral("cloudevents-structured") << QStringLiteral("argo-v0.10")
                                           << QStringLiteral("argo-v0.10");
    }
    void runDeliversInItsEnvelope()
    {
        QFETCH(QString, annotation);
        QFETCH(QString, flag);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const int hookPort = test::freePort();
        writeGateway(dir, hookPort, annotation);
        test::RecordingSink raw;
        QStringList extra {QStringLiteral("--sink"), QString::fromStdString(raw.url())};
        if (!flag.isEmpty())
            extra << QStringLiteral("--envelope") << flag;
        TestProcess run;
        QVERIFY(run.start(test::gwctlPath(), runArgs(dir, extra)));
        QVERIFY2(run.waitFor(QStringLiteral("example: connected")).hasMatch(), qPrintable(run.allStderr()));
        const std::string payload = "{\"a\":1,\"text\":\"Grüße 100%\"}";
        QCOMPARE(RawHttp::request(hookPort, "POST", "/example", payload, {{"Content-Type", "application/json"}})->status, 200);
        QVERIFY(raw.waitForCount(1));
        auto line = run.waitFor(QStringLiteral("(\\{\"specversion\".*\\})\n"));
        QVERIFY(line.hasMatch());
        const http::Request req = raw.requests()[0];
        const std::string contentType = req.header("Content-Type");
        if (expected == u"argo-v0.10") {
            QCOMPARE(contentType, std::string("application/json"));
            QVERIFY(json::parse(req.body)->member("context"));
            QVERIFY(!req.hasHeader("ce-specversion"));
        } else if (expected == u"cloudevents-binary") {
            QCOMPARE(contentType, std::string("application/json"));
            QCOMPARE(req.header("ce-specversion"), std::string("1.0"));
            QCOMPARE(req.header("ce-source"), std::string("webhook-gateway"));
            QCOMPARE(req.header("ce-subject"), std::string("example"));
            QCOMPARE(req.header("ce-type"), std::string("webhook"));
            QCOMPARE(req.header("ce-id").size(), std::size_t(36));
            QCOMPARE(req.body, payload);
        } else {
            QCOMPARE(contentType, std::string("application/cloudevents+json; charset=utf-8"));
            QVERIFY(!req.hasHeader("ce-specversion"));
            QCOMPARE(json::write(*json::parse(req.body)->member("data")), json::write(*json::parse(payload)));
        }
        // The receiver's reading of the request is exactly the line gwctl printed.
        auto decoded = decodeHttpEvent(req.headers, req.body);
        QVERIFY2(decoded, decoded ? "" : decoded.error().text().c_str());
        QCOMPARE(QString::fromStdString(toStructuredJson(*decoded)), line.captured(1));
        QCOMPARE(run.stop(), 0);
    }

    void annotationChangeAppliesLive()
    {
        QTemporaryDir dir;
        const int hookPort = test::freePort();
        writeGateway(dir, hookPort, QStringLiteral("cloudevents-binary"));
        test::RecordingSink raw;
        TestProcess run;
        QVERIFY(run.start(test::gwctlPath(), runArgs(dir, {QStringLiteral("--sink"), QString::fromStdString(raw.url())})));
        QVERIFY2(run.waitFor(QStringLiteral("example: connected")).hasMatch(), qPrintable(run.allStderr()));
        QCOMPARE(RawHttp::request(hookPort, "POST", "/example", "{}", {{"Content-Type", "application/json"}})->status, 200);
        QVERIFY(raw.waitForCount(1));
        QCOMPARE(raw.requests()[0].header("ce-specversion"), std::string("1.0"));
        writeGateway(dir, hookPort, QStringLiteral("cloudevents-structured"));
        QVERIFY2(run.waitFor(QStringLiteral("envelope changed to cloudevents-structured")).hasMatch(), qPrintable(run.allStderr()));
        QCOMPARE(RawHttp::request(hookPort, "POST", "/example", "{}", {{"Content-Type", "application/json"}})->status, 200);
        QVERIFY(raw.waitForCount(2));
        QCOMPARE(raw.requests()[1].header("Content-Type"), std::string(cehttp::kStructuredContentType));
        // A bad annotation is refused with its location and the running gateway keeps its envelope.
        writeGateway(dir, hookPort, QStringLiteral("soap"));
        QVERIFY2(run.waitFor(QStringLiteral("gw.yaml:6:\\d+: metadata.annotations.gateway-studio/envelope: expected argo-v0.10, "
                                            "cloudevents-binary or cloudevents-structured, found 'soap' \\(keeping the running sources\\)"))
                     .hasMatch(),
            qPrintable(run.allStderr()));
        QCOMPARE(RawHttp::request(hookPort, "POST", "/example", "{}", {{"Content-Type", "application/json"}})->status, 200);
        QVERIFY(raw.waitForCount(3));
        QCOMPARE(raw.requests()[2].header("Content-Type"), std::string(cehttp::kStructuredContentType));
        QCOMPARE(run.stop(), 0);
    }

    void envelopeOptionIsChecked()
    {
        auto r = test::runToEnd(test::gwctlPath(), {QStringLiteral("run"), QStringLiteral("--gateway"), QStringLiteral("x.yaml"),
                                                       QStringLiteral("--envelope"), QStringLiteral("cloudevents")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--envelope: expected argo-v0.10, cloudevents-binary or cloudevents-structured, found 'cloudevents'"),
            qPrintable(r.err));
        auto d = test::runToEnd(test::gwctlPath(), {QStringLiteral("demo"), QStringLiteral("--envelope"), QStringLiteral("binary")});
        QCOMPARE(d.code, 2);
        QVERIFY(test::runToEnd(test::gwctlPath(), {QStringLiteral("demo"), QStringLiteral("--help")}).out.contains(u"--envelope"));
    }

    void demoInEachEnvelope_data()
    {
        QTest::addColumn<QString>("envelope");
        QTest::newRow("binary") << QStringLiteral("cloudevents-binary");
        QTest::newRow("structured") << QStringLiteral("cloudevents-structured");
    }
    void demoInEachEnvelope()
    {
        QFETCH(QString, envelope);
        TestProcess demo;
        QVERIFY(demo.start(test::gwctlPath(), {QStringLiteral("demo"), QStringLiteral("--interval"), QStringLiteral("0.2"),
                                                  QStringLiteral("--envelope"), envelope}));
        QVERIFY(demo.waitFor(QStringLiteral("delivered to an embedded sink as ") + envelope).hasMatch());
        QVERIFY(test::waitUntil([&] { return demo.stdoutLines().size() >= 2; }, std::chrono::seconds(15)));
        for (const QString &line : demo.stdoutLines()) {
            const QJsonObject ce = parseObject(line);
            QCOMPARE(ce.value(u"id").toString().size(), 36); // a UUID, not v0.10's 72 hex digits
            QCOMPARE(ce.value(u"specversion").toString(), QStringLiteral("1.0"));
        }
        QCOMPARE(demo.stop(true), 0);
    }

    // Our sink: every malformed CloudEvent is a 400 with the reason, and nothing is printed.
    void sinkRejectsMalformedCloudEvents_data()
    {
        QTest::addColumn<QString>("headers"); // "Name: value" lines
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("binary without id") << QStringLiteral("ce-specversion: 1.0\nce-source: s\nce-type: t") << QString()
                                           << QStringLiteral("binary CloudEvent: the required attribute 'id' is missing or empty");
        QTest::newRow("binary bad specversion") << QStringLiteral("ce-specversion: 0.3\nce-id: 1\nce-source: s\nce-type: t") << QString()
                                                << QStringLiteral("specversion must be \"1.0\", found '0.3'");
        QTest::newRow("binary invalid UTF-8") << QStringLiteral("ce-specversion: 1.0\nce-id: 1\nce-source: s\nce-type: t\nce-greet: %C3%28")
                                              << QString() << QStringLiteral("header ce-greet: decodes to invalid UTF-8");
        QTest::newRow("binary bad extension name")
            << QStringLiteral("ce-specversion: 1.0\nce-id: 1\nce-source: s\nce-type: t\nce-my.ext: 1") << QString()
            << QStringLiteral("attribute names are 1 to 20 lower-case letters or digits");
        QTest::newRow("structured bad time") << QStringLiteral("Content-Type: application/cloudevents+json")
                                             << QStringLiteral("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"time\":\"noon\"}")
                                             << QStringLiteral("time must be an RFC 3339 timestamp");
        QTest::newRow("structured not JSON") << QStringLiteral("Content-Type: application/cloudevents+json; charset=utf-8")
                                             << QStringLiteral("<event/>") << QStringLiteral("structured CloudEvent: the body is not JSON");
        QTest::newRow("structured missing type") << QStringLiteral("Content-Type: application/cloudevents+json")
                                                 << QStringLiteral("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\"}")
                                                 << QStringLiteral("'type' is missing or empty");
    }
    void sinkRejectsMalformedCloudEvents()
    {
        QFETCH(QString, headers);
        QFETCH(QString, body);
        QFETCH(QString, reason);
        const int port = test::freePort();
        TestProcess sink;
        QVERIFY(sink.start(test::gwctlPath(), {QStringLiteral("sink"), QStringLiteral("--port"), QString::number(port)}));
        QVERIFY(sink.waitFor(QStringLiteral("sink listening")).hasMatch());
        std::vector<std::pair<std::string, std::string>> h;
        for (const QString &l : headers.split(u'\n', Qt::SkipEmptyParts))
            h.emplace_back(l.section(u':', 0, 0).toStdString(), l.section(u':', 1).trimmed().toStdString());
        auto r = RawHttp::request(port, "POST", "/", body.toStdString(), h);
        QVERIFY(r);
        QCOMPARE(r->status, 400);
        QVERIFY2(QString::fromStdString(r->body).contains(reason), r->body.c_str());
        QTest::qWait(100);
        QCOMPARE(sink.stdoutLines().size(), 0);
        QCOMPARE(sink.stop(), 0);
    }

    // The SDK accepts what gwctl run sends, in both modes, and reads the same event.
    void sdkReadsWhatWeSend_data()
    {
        QTest::addColumn<QString>("envelope");
        QTest::newRow("binary") << QStringLiteral("cloudevents-binary");
        QTest::newRow("structured") << QStringLiteral("cloudevents-structured");
    }
    void sdkReadsWhatWeSend()
    {
        QFETCH(QString, envelope);
        const NodePeer peer = nodePeer();
        QVERIFY2(peer.missing.isEmpty(), qPrintable(peer.missing));
        TestProcess receiver;
        QVERIFY(receiver.start(peer.node, {peer.script, QStringLiteral("receive")}, peer.env()));
        const int peerPort = receiver.waitFor(QStringLiteral("LISTENING (\\d+)")).captured(1).toInt();
        QVERIFY2(peerPort > 0, qPrintable(receiver.allStderr()));

        QTemporaryDir dir;
        const int hookPort = test::freePort();
        writeGateway(dir, hookPort, QString());
        TestProcess run;
        QVERIFY(run.start(test::gwctlPath(), runArgs(dir, {QStringLiteral("--sink"), QStringLiteral("http://127.0.0.1:%1/").arg(peerPort),
                                                              QStringLiteral("--envelope"), envelope})));
        QVERIFY2(run.waitFor(QStringLiteral("example: connected")).hasMatch(), qPrintable(run.allStderr()));
        // Header values that need no percent-encoding: the SDK (10.x) does not decode them.
        const std::vector<std::pair<std::string, std::string>> posts {{"application/json", "{\"a\":1,\"b\":[true,null],\"s\":\"Grüße\"}"},
            {"text/plain", "plain words"}, {"application/octet-stream", std::string("\x00\x01\xfe\xff", 4)}, {"", ""}};
        for (const auto &[type, body] : posts) {
            std::vector<std::pair<std::string, std::string>> h;
            if (!type.empty())
                h.emplace_back("Content-Type", type);
            QCOMPARE(RawHttp::request(hookPort, "POST", "/example", body, h)->status, 200);
        }
        QVERIFY2(test::waitUntil([&] { return receiver.stdoutLines().size() >= 5 && run.stdoutLines().size() >= 4; }),
            qPrintable(receiver.allStdout() + receiver.allStderr()));
        QTest::qWait(200);
        QCOMPARE(receiver.stdoutLines().size(), 5); // LISTENING + exactly one per event
        const QStringList ours = run.stdoutLines();
        for (const QString &l : receiver.stdoutLines().mid(1)) {
            const QJsonObject got = parseObject(l);
            QVERIFY2(!got.contains(u"error"), qPrintable(l));
            const QJsonObject ev = got.value(u"event").toObject();
            const QJsonObject attrs = ev.value(u"attributes").toObject();
            const QString id = attrs.value(u"id").toString();
            QString mine;
            for (const QString &o : ours)
                mine = parseObject(o).value(u"id").toString() == id ? o : mine;
            QVERIFY2(!mine.isEmpty(), qPrintable(u"no event with id "_qs + id + u" in "_qs + ours.join(u'\n')));
            const QJsonObject me = parseObject(mine);
            for (const char *k : {"specversion", "source", "type", "subject", "datacontenttype", "dataschema"})
                QCOMPARE(attrs.value(QLatin1String(k)).toString(), me.value(QLatin1String(k)).toString());
            QCOMPARE(attrs.value(u"time").toString(), toMillis(me.value(u"time").toString()));
            QCOMPARE(ev.value(u"extensions").toObject().size(), 0);
            if (me.contains(u"data"))
                QCOMPARE(ev.value(u"dataJson").toString(), dataJsonOf(mine));
            else if (me.contains(u"data_base64"))
                QCOMPARE(ev.value(u"dataBase64").toString(), me.value(u"data_base64").toString());
            else
                QVERIFY(ev.value(u"dataBase64").toString().isEmpty() && !ev.contains(u"dataJson"));
        }
        QCOMPARE(run.stop(), 0);
        QVERIFY2(run.allStderr().contains(u"4 deliveries succeeded, 0 retries"), qPrintable(run.allStderr().right(600)));
        receiver.stop();
    }

    // Our sink accepts what the SDK sends in both modes and reads the same event.
    void sinkReadsWhatTheSdkSends()
    {
        const NodePeer peer = nodePeer();
        QVERIFY2(peer.missing.isEmpty(), qPrintable(peer.missing));
        const int port = test::freePort();
        TestProcess sink;
        QVERIFY(sink.start(test::gwctlPath(), {QStringLiteral("sink"), QStringLiteral("--port"), QString::number(port)}));
        QVERIFY(sink.waitFor(QStringLiteral("sink listening")).hasMatch());
        TestProcess sender;
        QVERIFY(sender.start(peer.node, {peer.script, QStringLiteral("send"), QStringLiteral("http://127.0.0.1:%1/").arg(port)}, peer.env()));
        QCOMPARE(sender.waitExit(std::chrono::seconds(30)), 0);
        const QStringList sent = sender.stdoutLines();
        QCOMPARE(sent.size(), 8); // 4 events x 2 modes
        QVERIFY(test::waitUntil([&] { return sink.stdoutLines().size() >= 8; }));
        const QStringList printed = sink.stdoutLines();
        QCOMPARE(printed.size(), 8);
        for (int i = 0; i < sent.size(); ++i) {
            const QJsonObject s = parseObject(sent[i]);
            QVERIFY2(s.value(u"status").toInt() == 200, qPrintable(sent[i]));
            const QJsonObject want = s.value(u"sent").toObject();
            const QJsonObject got = describe(parseObject(printed[i]));
            const QJsonObject wantAttrs = want.value(u"attributes").toObject();
            const QJsonObject gotAttrs = got.value(u"attributes").toObject();
            for (auto it = wantAttrs.begin(); it != wantAttrs.end(); ++it)
                QCOMPARE(gotAttrs.value(it.key()).toString(), it.value().toString());
            QCOMPARE(got.value(u"extensions").toObject(), want.value(u"extensions").toObject());
            if (want.contains(u"dataJson"))
                QCOMPARE(dataJsonOf(printed[i]), want.value(u"dataJson").toString());
            else if (want.contains(u"dataBase64"))
                QCOMPARE(got.value(u"dataBase64").toString(), want.value(u"dataBase64").toString());
            else
                QVERIFY2(!printed[i].contains(u"\"data\":") && !printed[i].contains(u"\"data_base64\""), qPrintable(printed[i]));
        }
        QCOMPARE(sink.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TstCloudEventsInterop)
#include "tst_cloudeventsinterop.moc"
