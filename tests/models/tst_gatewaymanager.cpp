// The app's gateway manager with a stream gateway against a real nats-server: the source's
// connection state reaches the sources model, and "Send test message" publishes where the source
// listens so the message comes back as an event (the one-click end-to-end check of issue 7).

#include <QSignalSpy>
#include <QtTest>

#include "brokers.h"
#include "controllers/gatewaymanager.h"
#include "models/sourcelistmodel.h"
#include "sources/schemas.h"
#include "spec/newtemplate.h"
#include "store/eventtap.h"
#include "testsupport.h"

using namespace gs;
using namespace gs::test;

namespace {

/** A NATS Gateway and ConfigMap from the `gwctl new nats` template, pointed at `url`. */
GatewayPair natsPair(const std::string &url, const std::string &name)
{
    std::string text = newGatewayPair(*sourceSchema("nats"), name);
    const std::string example = "nats://nats.argo-events:4222";
    text.replace(text.find(example), example.size(), url);
    std::vector<Warning> warnings;
    auto pair = gatewayPairFromText(text, name + ".yaml", warnings);
    if (!pair)
        qFatal("%s", pair.error().text().c_str());
    return *pair;
}

QString phaseOf(SourceListModel *sources)
{
    return sources && sources->count() > 0 ? sources->data(sources->index(0), SourceListModel::ConnectionPhaseRole).toString() : QString();
}

} // namespace

class TestGatewayManager : public QObject
{
    Q_OBJECT

    NatsServer m_private;
    QString m_url;

private Q_SLOTS:
    void initTestCase()
    {
        m_url = sharedBrokerUrl("GS_TEST_NATS_URL");
        if (m_url.isEmpty()) {
            m_private.start();
            m_url = m_private.url();
        }
    }

    void testMessageArrivesAsAnEvent()
    {
        auto tap = std::make_shared<EventTap>();
        GatewayManager manager(tap);
        QVERIFY(manager.start(natsPair(m_url.toStdString(), "tm"), QStringLiteral("test")).has_value());
        QVERIFY(manager.canSendTestMessage(QStringLiteral("tm-gateway")));
        SourceListModel *sources = manager.gateways()->sources(QStringLiteral("tm-gateway"));
        QVERIFY(sources);
        // The source's own state comes through to the model the live view shows.
        QVERIFY(waitUntil([&] { return phaseOf(sources) == QLatin1String("connected"); }));
        QVERIFY(sources->data(sources->index(0), SourceListModel::ConnectionMessageRole).toString().contains(QStringLiteral("orders.created")));

        QSignalSpy sent(&manager, &GatewayManager::testMessageSent);
        manager.sendTestMessage(QStringLiteral("tm-gateway"), QStringLiteral("example"), QStringLiteral("{\"hello\":1}"));
        QVERIFY(sent.wait(10000));
        QCOMPARE(sent.at(0).at(2).toBool(), true);
        QVERIFY2(sent.at(0).at(3).toString().contains(QStringLiteral("orders.created")), qPrintable(sent.at(0).at(3).toString()));
        // ... and it comes back through the source, the gRPC stream and the client as an event.
        std::shared_ptr<const EventRecord> got;
        QVERIFY(waitUntil([&] {
            for (auto &r : tap->take().events) {
                if (r->payload == "{\"hello\":1}")
                    got = r;
            }
            return got != nullptr;
        }));
        QCOMPARE(got->gateway, std::string("tm-gateway"));
        QCOMPARE(got->source, std::string("example"));
        QCOMPARE(got->type, std::string("nats"));

        // Without data: the sample message, which names the gateway and the source.
        sent.clear();
        manager.sendTestMessage(QStringLiteral("tm-gateway"), QStringLiteral("example"));
        QVERIFY(sent.wait(10000));
        QVERIFY(sent.at(0).at(2).toBool());
        QVERIFY(waitUntil([&] {
            for (auto &r : tap->take().events) {
                if (r->payload.find("tm-gateway") != std::string::npos && r->payload.find("example") != std::string::npos)
                    return true;
            }
            return false;
        }));

        // A source that is not there, a gateway that is not running: clear failures.
        sent.clear();
        manager.sendTestMessage(QStringLiteral("tm-gateway"), QStringLiteral("nope"));
        QVERIFY(sent.wait(10000));
        QCOMPARE(sent.at(0).at(2).toBool(), false);
        QVERIFY(sent.at(0).at(3).toString().contains(QStringLiteral("nope")));
        sent.clear();
        manager.sendTestMessage(QStringLiteral("other"), QStringLiteral("example"));
        QCOMPARE(sent.count(), 1);
        QCOMPARE(sent.at(0).at(2).toBool(), false);
        manager.stopAll();
        QVERIFY(!manager.canSendTestMessage(QStringLiteral("tm-gateway")));
    }
};

QTEST_MAIN(TestGatewayManager)
#include "tst_gatewaymanager.moc"
