// NATS dispatch (spec §4.7, decisions §6) against a real nats-server, checked with an independent
// cnats client: the exact v0.10 envelope on <gateway>:<key> from `gwctl run`, CloudEvents modes,
// per-event states, exactly one message after the server restarts, the NATS Streaming connection
// error, and passwords kept out of every message.

#include <mutex>

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "brokers.h"
#include "dispatch/dispatcher.h"
#include "natstestclient.h"
#include "rawhttp.h"
#include "recordingsink.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using namespace std::chrono_literals;
using test::RawHttp;
using test::TestProcess;

namespace {

void writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

/** A webhook Gateway named `name` whose eventProtocol is `protocol` (YAML lines under eventProtocol:). */
QString gatewayYaml(const QString &name, const QString &protocol, const QString &annotations = {})
{
    return QStringLiteral("apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata:\n  name: %1\n"
                          "  labels:\n    gateways.argoproj.io/gateway-controller-instanceid: argo-events\n"
                          "    argo-events-gateway-version: v0.10\n%3"
                          "spec:\n  type: webhook\n  eventSource: hooks\n  processorPort: \"9330\"\n  template: {}\n"
                          "  eventProtocol:\n%2")
        .arg(name, protocol, annotations);
}

QString natsProtocol(const QString &url, const QString &type = QStringLiteral("Standard"), const QString &extra = {})
{
    return QStringLiteral("    type: NATS\n    nats:\n      url: \"%1\"\n      type: %2\n%3").arg(url, type, extra);
}

QString configMapYaml(const QString &key, int port)
{
    return QStringLiteral(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hooks\n  labels:\n"
        "    argo-events-event-source-version: v0.10\ndata:\n  %1: |\n    port: \"%2\"\n    endpoint: /hook\n    method: POST\n")
        .arg(key)
        .arg(port);
}

/** `gwctl run` of one webhook Gateway; started() waits until its source listens. */
struct GatewayRun {
    QTemporaryDir dir;
    int hookPort = test::freePort();
    TestProcess process;

    bool start(const QString &gateway, const QString &key, const QStringList &extra = {})
    {
        const QString gw = dir.filePath(QStringLiteral("gw.yaml"));
        const QString cm = dir.filePath(QStringLiteral("cm.yaml"));
        writeFile(gw, gateway);
        writeFile(cm, configMapYaml(key, hookPort));
        if (!process.start(test::gwctlPath(),
                QStringList {QStringLiteral("run"), QStringLiteral("--gateway"), gw, QStringLiteral("--event-sources"), cm} + extra))
            return false;
        return process.waitFor(QStringLiteral("%1: connected").arg(key)).hasMatch();
    }
    int post(const std::string &body, const std::string &contentType = "application/json")
    {
        auto r = RawHttp::request(hookPort, "POST", "/hook", body, {{"Content-Type", contentType}});
        return r ? r->status : 0;
    }
};

std::shared_ptr<const Outgoing> outgoing(const std::string &id, const std::string &subject, const std::string &body)
{
    auto o = std::make_shared<Outgoing>();
    o->eventId = id;
    o->subject = subject;
    o->body = body;
    o->headers = {{"Content-Type", "application/json"}};
    o->received = std::chrono::steady_clock::now();
    return o;
}

/** Collects delivery updates (they arrive on the dispatch thread). */
struct Updates {
    std::mutex mutex;
    std::vector<DeliveryUpdate> all;
    DeliveryObserver observer()
    {
        return [this](const DeliveryUpdate &u) {
            std::lock_guard l(mutex);
            all.push_back(u);
        };
    }
    std::vector<DeliveryState> states()
    {
        std::lock_guard l(mutex);
        std::vector<DeliveryState> out;
        for (const auto &u : all)
            out.push_back(u.state);
        return out;
    }
    std::string lastError()
    {
        std::lock_guard l(mutex);
        return all.empty() ? std::string() : all.back().error;
    }
    bool has(DeliveryState s)
    {
        std::lock_guard l(mutex);
        return std::any_of(all.begin(), all.end(), [s](const DeliveryUpdate &u) { return u.state == s; });
    }
};

DispatchOptions fast()
{
    DispatchOptions o;
    o.initialBackoff = 100ms;
    o.maxBackoff = 400ms;
    o.nats.reconnectMin = 50ms;
    o.nats.reconnectMax = 200ms;
    return o;
}

/** The shared nats-server of the test command, or this private one. */
QString natsUrl(test::NatsServer &own)
{
    const QString shared = test::sharedBrokerUrl("GS_TEST_NATS_URL");
    if (!shared.isEmpty())
        return shared;
    qWarning("GS_TEST_NATS_URL is not set (run through scripts/test.sh): using a private nats-server");
    return own.start() ? own.url() : QString();
}

QString fromBase64(const QString &b64)
{
    return QString::fromUtf8(QByteArray::fromBase64(b64.toLatin1()));
}

} // namespace

class TstNatsDispatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dispatcherPublishesWithStates()
    {
        test::NatsServer own;
        const QString url = natsUrl(own);
        QVERIFY(!url.isEmpty());
        test::NatsTestClient sub(url);
        QVERIFY2(sub.connected(), qPrintable(sub.error()));
        QVERIFY(sub.subscribe("unit-gw:src"));

        Updates updates;
        Dispatcher d(fast());
        d.setObserver(updates.observer());
        d.setTargets({{"NATS", url.toStdString(), TargetKind::Nats}});
        QVERIFY(d.hasMessageTargets());
        QVERIFY(d.trySubmit(outgoing("e1", "unit-gw:src", R"({"n":1})")));
        auto withMessageBody = std::make_shared<Outgoing>(*outgoing("e2", "unit-gw:src", "headers-only body"));
        withMessageBody->messageBody = R"({"whole":"envelope"})";
        QVERIFY(d.trySubmit(withMessageBody));
        QVERIFY(d.drain(10s));

        const auto m1 = sub.next(5s);
        const auto m2 = sub.next(5s);
        QVERIFY(m1 && m2);
        QCOMPARE(m1->subject, std::string("unit-gw:src"));
        QCOMPARE(m1->data, std::string(R"({"n":1})"));
        QCOMPARE(m2->data, std::string(R"({"whole":"envelope"})")); // NATS carries no headers: the whole envelope
        QVERIFY(!sub.next(300ms));
        const auto states = updates.states();
        QCOMPARE(states.size(), std::size_t(4));
        QCOMPARE(std::count(states.begin(), states.end(), DeliveryState::Pending), 2);
        QCOMPARE(std::count(states.begin(), states.end(), DeliveryState::Delivered), 2);
        const auto stats = d.stats();
        QCOMPARE(stats.delivered, std::uint64_t(2));
        QCOMPARE(stats.retries, std::uint64_t(0));
        QCOMPARE(stats.pendingEvents, std::uint64_t(0));
    }

    void manyEventsArriveOnceInOrder()
    {
        test::NatsServer server; // private: the count below must not see other tests' traffic
        QVERIFY2(server.start(), qPrintable(server.output()));
        test::NatsTestClient sub(server.url());
        QVERIFY(sub.subscribe("bulk-gw:src"));
        Dispatcher d(fast());
        d.setTargets({{"NATS", server.url().toStdString(), TargetKind::Nats}});
        constexpr int kEvents = 20000;
        const auto started = std::chrono::steady_clock::now();
        for (int i = 0; i < kEvents; ++i)
            QVERIFY(d.trySubmit(outgoing("b" + std::to_string(i), "bulk-gw:src", std::to_string(i))));
        QVERIFY(d.drain(60s));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        qInfo("%d events published and confirmed in %.2f s (%.0f/s)", kEvents, seconds, kEvents / seconds);
        QCOMPARE(d.stats().delivered, std::uint64_t(kEvents));
        for (int i = 0; i < kEvents; ++i) {
            const auto m = sub.next(5s);
            QVERIFY2(m, qPrintable(QString::number(i)));
            QCOMPARE(m->data, std::to_string(i)); // one publisher thread: order kept when nothing is retried
        }
        QVERIFY(!sub.next(300ms));
    }

    void dispatcherRetriesUntilTheServerIsBack()
    {
        test::NatsServer server(true);
        QVERIFY2(server.start(), qPrintable(server.output()));
        test::NatsTestClient capture(server.url());
        QVERIFY(capture.addStream("UNIT", "unit-gw:down"));

        Updates updates;
        Dispatcher d(fast());
        d.setObserver(updates.observer());
        d.setTargets({{"NATS", server.url().toStdString(), TargetKind::Nats}});
        QVERIFY(d.trySubmit(outgoing("e0", "unit-gw:down", "first")));
        QVERIFY(d.drain(10s));

        server.stop();
        QTest::qWait(500); // cnats sees the closed socket at once; give its threads a moment
        QVERIFY(d.trySubmit(outgoing("e1", "unit-gw:down", "while down")));
        QVERIFY(test::waitUntil([&] { return updates.has(DeliveryState::Retrying); }, 10s));
        const std::string error = updates.lastError();
        QVERIFY2(error.find("not connected to NATS server " + server.url().toStdString()) != std::string::npos, error.c_str());
        QCOMPARE(d.stats().pendingEvents, std::uint64_t(1));

        QVERIFY2(server.start(), qPrintable(server.output()));
        QVERIFY(d.drain(20s));
        QVERIFY(test::waitUntil([&] { return capture.connected(); }, 10s));
        QVERIFY(test::waitUntil([&] { return capture.streamMessages("UNIT") == 2; }, 10s));
        QTest::qWait(1000);
        QCOMPARE(capture.streamData("UNIT"), (std::vector<std::string> {"first", "while down"})); // once each
        QCOMPARE(updates.states().back(), DeliveryState::Delivered);
        QCOMPARE(d.stats().failed, std::uint64_t(0));
    }

    void gwctlRunPublishesTheV010Envelope()
    {
        test::NatsServer own;
        const QString url = natsUrl(own);
        QVERIFY(!url.isEmpty());
        test::NatsTestClient sub(url);
        QVERIFY(sub.subscribe("nats-gw:hook"));

        GatewayRun run;
        QVERIFY2(run.start(gatewayYaml(QStringLiteral("nats-gw"), natsProtocol(url)), QStringLiteral("hook"),
                     {QStringLiteral("--output"), QStringLiteral("jsonl")}),
            qPrintable(run.process.allStderr()));
        QVERIFY2(
            run.process.waitFor(QStringLiteral("connected to NATS server %1").arg(url)).hasMatch(), qPrintable(run.process.allStderr()));
        QCOMPARE(run.post(R"({"ref":"main","n":1})"), 200);

        const auto m = sub.next(10s);
        QVERIFY2(m, qPrintable(run.process.allStderr()));
        QCOMPARE(m->subject, std::string("nats-gw:hook"));
        // Byte for byte what v0.10 publishes (spec §4.5): key order, nulls, 6-digit UTC time, base64 payload.
        static const QRegularExpression envelope(QString::fromUtf8(
            R"re(^\{"context":\{"eventType":"webhook","eventTypeVersion":"v0\.10","cloudEventsVersion":"0\.1",)re"
            R"re("source":\{"scheme":"","user":"","password":"","host":"nats-gw:hook","port":0,"path":"","query":"","fragment":""\},)re"
            R"re("eventID":"([0-9a-f]{72})","eventTime":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)","schemaURL":null,)re"
            R"re("contentType":"application/json"\},"payload":"eyJyZWYiOiJtYWluIiwibiI6MX0="\}$)re"));
        const QString body = QString::fromStdString(m->data);
        const auto match = envelope.match(body);
        QVERIFY2(match.hasMatch(), qPrintable(body));
        // The eventID is the hex of a UUID's text.
        const QString uuid = QString::fromLatin1(QByteArray::fromHex(match.captured(1).toLatin1()));
        QVERIFY2(
            QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")).match(uuid).hasMatch(),
            qPrintable(uuid));
        QCOMPARE(fromBase64(QStringLiteral("eyJyZWYiOiJtYWluIiwibiI6MX0=")), QString::fromUtf8(R"({"ref":"main","n":1})"));
        // --output jsonl prints the same event, with the same id.
        const auto line = run.process.waitFor(QStringLiteral("(\\{\"specversion\".*\\})\n"));
        QVERIFY(line.hasMatch());
        QCOMPARE(QJsonDocument::fromJson(line.captured(1).toUtf8()).object().value(u"id").toString(), match.captured(1));
        QVERIFY(!sub.next(300ms)); // exactly one

        QCOMPARE(run.process.stop(), 0);
        QVERIFY2(run.process.allStderr().contains(u"1 received for delivery, 1 deliveries succeeded, 0 retries, 0 failed"),
            qPrintable(run.process.allStderr()));
    }

    void cloudEventsEnvelopesTravelStructured_data()
    {
        QTest::addColumn<QString>("envelope");
        QTest::newRow("structured") << QStringLiteral("cloudevents-structured");
        QTest::newRow("binary") << QStringLiteral("cloudevents-binary");
    }
    void cloudEventsEnvelopesTravelStructured()
    {
        QFETCH(QString, envelope);
        test::NatsServer own;
        const QString url = natsUrl(own);
        test::NatsTestClient sub(url);
        QVERIFY(sub.subscribe("ce-gw:hook"));
        GatewayRun run;
        QVERIFY2(run.start(gatewayYaml(QStringLiteral("ce-gw"), natsProtocol(url),
                               QStringLiteral("  annotations:\n    gateway-studio/envelope: %1\n").arg(envelope)),
                     QStringLiteral("hook")),
            qPrintable(run.process.allStderr()));
        QCOMPARE(run.post("plain text", "text/plain"), 200);
        const auto m = sub.next(10s);
        QVERIFY2(m, qPrintable(run.process.allStderr()));
        // NATS has no headers here: both modes publish the CloudEvents JSON format.
        const QJsonObject ce = QJsonDocument::fromJson(QByteArray::fromStdString(m->data)).object();
        QCOMPARE(ce.value(u"specversion").toString(), QStringLiteral("1.0"));
        QCOMPARE(ce.value(u"source").toString(), QStringLiteral("ce-gw"));
        QCOMPARE(ce.value(u"subject").toString(), QStringLiteral("hook"));
        QCOMPARE(ce.value(u"type").toString(), QStringLiteral("webhook"));
        QCOMPARE(ce.value(u"datacontenttype").toString(), QStringLiteral("text/plain"));
        QCOMPARE(ce.value(u"data").toString(), QStringLiteral("plain text"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f-]{36}$")).match(ce.value(u"id").toString()).hasMatch());
        QCOMPARE(run.process.stop(), 0);
    }

    void serverRestartDeliversExactlyOnce()
    {
        test::NatsServer server(true); // JetStream counts what the server received, whoever listens
        QVERIFY2(server.start(), qPrintable(server.output()));
        test::NatsTestClient capture(server.url());
        QVERIFY(capture.addStream("RESTART", "restart-gw:hook"));

        GatewayRun run;
        QVERIFY2(run.start(gatewayYaml(QStringLiteral("restart-gw"), natsProtocol(server.url())), QStringLiteral("hook")),
            qPrintable(run.process.allStderr()));
        QCOMPARE(run.post(R"({"n":1})"), 200);
        QVERIFY(test::waitUntil([&] { return capture.streamMessages("RESTART") == 1; }, 10s));

        server.stop();
        QVERIFY2(run.process.waitFor(QStringLiteral("connection to NATS server %1 lost").arg(server.url())).hasMatch(),
            qPrintable(run.process.allStderr()));
        QCOMPARE(run.post(R"({"n":2})"), 200); // taken: delivery waits for the server
        QVERIFY2(run.process.waitFor(QStringLiteral("failed: not connected to NATS server %1.* - retrying with backoff").arg(server.url()))
                     .hasMatch(),
            qPrintable(run.process.allStderr()));

        QVERIFY2(server.start(), qPrintable(server.output()));
        QVERIFY(test::waitUntil([&] { return capture.connected(); }, 15s));
        QVERIFY2(test::waitUntil([&] { return capture.streamMessages("RESTART") >= 2; }, 30s), qPrintable(run.process.allStderr()));
        QTest::qWait(2000); // a duplicate would show up here
        const auto data = capture.streamData("RESTART");
        QCOMPARE(data.size(), std::size_t(2));
        const auto payload = [](const std::string &env) {
            return fromBase64(QJsonDocument::fromJson(QByteArray::fromStdString(env)).object().value(u"payload").toString());
        };
        QCOMPARE(payload(data[0]), QString::fromUtf8(R"({"n":1})"));
        QCOMPARE(payload(data[1]), QString::fromUtf8(R"({"n":2})"));

        QCOMPARE(run.process.stop(), 0);
        const QString err = run.process.allStderr();
        QVERIFY2(err.contains(QStringLiteral("connected to NATS server %1").arg(server.url())), qPrintable(err));
        QVERIFY2(QRegularExpression(QStringLiteral("2 received for delivery, 2 deliveries succeeded, [1-9]\\d* retries, 0 failed"))
                     .match(err)
                     .hasMatch(),
            qPrintable(err));
    }

    void editingTheGatewaySwitchesToNats()
    {
        test::NatsServer server; // private: nothing else publishes on it
        QVERIFY2(server.start(), qPrintable(server.output()));
        test::NatsTestClient sub(server.url());
        QVERIFY(sub.subscribe("live-gw:hook"));
        test::RecordingSink sink;
        GatewayRun run;
        const QString http = QStringLiteral("    type: HTTP\n    http:\n      port: \"9300\"\n");
        QVERIFY2(run.start(gatewayYaml(QStringLiteral("live-gw"), http), QStringLiteral("hook"),
                     {QStringLiteral("--sink"), QString::fromStdString(sink.url())}),
            qPrintable(run.process.allStderr()));
        QCOMPARE(run.post(R"({"n":1})"), 200);
        QVERIFY(sink.waitForCount(1));
        QVERIFY(!sub.next(300ms)); // HTTP only so far

        writeFile(run.dir.filePath(QStringLiteral("gw.yaml")), gatewayYaml(QStringLiteral("live-gw"), natsProtocol(server.url())));
        QVERIFY2(
            run.process.waitFor(QStringLiteral("delivery targets changed: 2 targets")).hasMatch(), qPrintable(run.process.allStderr()));
        QCOMPARE(run.post(R"({"n":2})"), 200);
        const auto m = sub.next(10s);
        QVERIFY2(m, qPrintable(run.process.allStderr()));
        QVERIFY(m->data.find("\"payload\":\"eyJuIjoyfQ==\"") != std::string::npos); // {"n":2}
        QVERIFY(sink.waitForCount(2)); // --sink still applies
        QCOMPARE(run.process.stop(), 0);
    }

    void streamingWithoutAStreamingServerIsAClearError()
    {
        test::NatsServer own;
        const QString url = natsUrl(own);
        QVERIFY(!url.isEmpty());
        // In-process: the delivery state carries the reason.
        Updates updates;
        Dispatcher d(fast());
        d.setObserver(updates.observer());
        Target t {"NATS Streaming", url.toStdString(), TargetKind::NatsStreaming};
        t.clusterId = "test-cluster";
        t.clientId = "gs-test-client";
        d.setTargets({t});
        QVERIFY(d.trySubmit(outgoing("s1", "stan-gw:hook", "{}")));
        QVERIFY(test::waitUntil([&] { return updates.has(DeliveryState::Retrying); }, 20s));
        const std::string expected
            = "cannot connect to NATS Streaming cluster 'test-cluster' at " + url.toStdString() + " as client 'gs-test-client': ";
        const std::string error = updates.lastError();
        QVERIFY2(error.find(expected) != std::string::npos, error.c_str());
        QVERIFY2(error.find("a plain nats-server does not serve NATS Streaming") != std::string::npos, error.c_str());
        QVERIFY(!updates.has(DeliveryState::Delivered));

        // gwctl run says the same on stderr, and delivers nothing.
        GatewayRun run;
        QVERIFY2(run.start(gatewayYaml(QStringLiteral("stan-gw"),
                               natsProtocol(url, QStringLiteral("Streaming"),
                                   QStringLiteral("      clusterId: test-cluster\n      clientId: gs-test-client\n"))),
                     QStringLiteral("hook")),
            qPrintable(run.process.allStderr()));
        QVERIFY2(run.process.waitFor(QRegularExpression::escape(QString::fromStdString(expected))).hasMatch(),
            qPrintable(run.process.allStderr()));
        QCOMPARE(run.post("{}"), 200);
        QVERIFY2(
            run.process
                .waitFor(QStringLiteral("delivery to NATS Streaming %1 cluster test-cluster, subjects stan-gw:<key> failed: cannot connect")
                             .arg(QRegularExpression::escape(url)))
                .hasMatch(),
            qPrintable(run.process.allStderr()));
        QCOMPARE(run.process.stop(), 0);
        QVERIFY2(run.process.allStderr().contains(u"1 received for delivery, 0 deliveries succeeded"), qPrintable(run.process.allStderr()));
    }

    void passwordsNeverShow()
    {
        test::NatsServer server(
            false, {QStringLiteral("--user"), QStringLiteral("alice"), QStringLiteral("--pass"), QStringLiteral("s3cret-pw")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QString withCreds = QStringLiteral("nats://alice:s3cret-pw@127.0.0.1:%1").arg(server.port());
        const QString masked = QStringLiteral("nats://alice:***@127.0.0.1:%1").arg(server.port());
        test::NatsTestClient sub(withCreds);
        QVERIFY2(sub.connected(), qPrintable(sub.error()));
        QVERIFY(sub.subscribe("auth-gw:hook"));

        GatewayRun run;
        QVERIFY2(run.start(gatewayYaml(QStringLiteral("auth-gw"), natsProtocol(withCreds)), QStringLiteral("hook"),
                     {QStringLiteral("--log-level"), QStringLiteral("debug")}),
            qPrintable(run.process.allStderr()));
        QVERIFY2(run.process.waitFor(QStringLiteral("connected to NATS server ") + QRegularExpression::escape(masked)).hasMatch(),
            qPrintable(run.process.allStderr()));
        QCOMPARE(run.post("{}"), 200);
        QVERIFY(sub.next(10s)); // the credentials in the URL work
        QCOMPARE(run.process.stop(), 0);
        QVERIFY(!run.process.allStderr().contains(u"s3cret-pw"));
        QVERIFY(!run.process.allStdout().contains(u"s3cret-pw"));

        // A wrong password: the error names the server, masked.
        GatewayRun wrong;
        const QString bad = QStringLiteral("nats://alice:wrong-pw@127.0.0.1:%1").arg(server.port());
        QVERIFY2(wrong.start(gatewayYaml(QStringLiteral("auth-gw"), natsProtocol(bad)), QStringLiteral("hook")),
            qPrintable(wrong.process.allStderr()));
        QCOMPARE(wrong.post("{}"), 200);
        QVERIFY2(
            wrong.process.waitFor(QStringLiteral("delivery to NATS ") + QRegularExpression::escape(masked) + QStringLiteral(".* failed: "))
                .hasMatch(),
            qPrintable(wrong.process.allStderr()));
        QCOMPARE(wrong.process.stop(), 0);
        QVERIFY2(!wrong.process.allStderr().contains(u"wrong-pw"), qPrintable(wrong.process.allStderr()));
    }

    void helpDescribesNatsDispatch()
    {
        const auto r = test::runToEnd(test::gwctlPath(), {QStringLiteral("run"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"type NATS publishes each envelope on the subject <gateway>:<key>"), qPrintable(r.out));
        QVERIFY(r.out.contains(u"Passwords and tokens in the NATS URL are masked"));
    }
};

QTEST_GUILESS_MAIN(TstNatsDispatch)
#include "tst_natsdispatch.moc"
