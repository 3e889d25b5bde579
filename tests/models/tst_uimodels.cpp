// The other models and the detail controller: JSON tree, sources, gateways, delivery history,
// pretty-printing and truncation of the selected event.

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "controllers/eventdetailcontroller.h"
#include "core/json.h"
#include "models/displaytext.h"
#include "models/gatewaylistmodel.h"
#include "models/jsontreemodel.h"
#include "models/sourcelistmodel.h"
#include "testsupport.h"

using namespace gs;

namespace {
std::shared_ptr<const EventRecord> record(const std::string &id, std::string payload, std::string contentType = "application/json")
{
    auto r = std::make_shared<EventRecord>();
    r->id = id;
    r->gateway = "gw";
    r->source = "src";
    r->type = "webhook";
    r->contentType = std::move(contentType);
    r->payload = std::move(payload);
    r->meta = {{"http-method", "POST"}, {"http-header-authorization", "***"}};
    auto out = std::make_shared<Outgoing>();
    out->eventId = id;
    out->headers = {{"Content-Type", "application/json"}};
    out->body = "{\"context\":{\"eventID\":\"" + id + "\"},\"payload\":\"e30=\"}";
    r->sent = out;
    return r;
}
SourceStatus status(const std::string &id, const std::string &name, SourcePhase phase)
{
    SourceStatus s;
    s.id = id;
    s.name = name;
    s.phase = phase;
    return s;
}
} // namespace

class TestUiModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void displayTextIsSafe()
    {
        // Bidirectional overrides are shown, not applied: "gpj.exe" must not read as "exe.jpg".
        QCOMPARE(neutralizeBidi(QStringLiteral("file\u202Egpj.exe")), QStringLiteral("file⟨U+202E⟩gpj.exe"));
        QCOMPARE(previewLine("a\xe2\x80\xae" "b"), QStringLiteral("a⟨U+202E⟩b"));
        // Binary payloads preview as hex, not mojibake; text keeps one line.
        QCOMPARE(previewLine(std::string("\x00\x01\xff", 3)), QStringLiteral("binary: 00 01 ff"));
        QCOMPARE(previewLine("line one\nline\ttwo"), QStringLiteral("line one line two"));
        // A long UTF-8 payload cut in the middle of a character is still text.
        std::string umlauts;
        for (int i = 0; i < 300; ++i)
            umlauts += "\xc3\xbc";
        const QString p = previewLine(umlauts, 100);
        QCOMPARE(p.size(), 101);
        QVERIFY(p.endsWith(u'…'));
        QVERIFY(!p.startsWith(u"binary"));
    }

    void jsonTree()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(*json::parse("{\"a\":1.5,\"b\":[true,null,\"s\"],\"c\":{\"d\":{}}}"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.nodeCount(), 7);
        const QModelIndex b = model.index(1, 0);
        QCOMPARE(model.data(b, JsonTreeModel::KeyRole).toString(), QStringLiteral("b"));
        QCOMPARE(model.data(b, JsonTreeModel::ValueRole).toString(), QStringLiteral("[3]"));
        QCOMPARE(model.rowCount(b), 3);
        QCOMPARE(model.data(model.index(2, 0, b), Qt::DisplayRole).toString(), QStringLiteral("[2]: \"s\""));
        QCOMPARE(model.data(model.index(0, 0), Qt::DisplayRole).toString(), QStringLiteral("a: 1.5"));
        QCOMPARE(model.parent(model.index(0, 0, b)), b);
        QVERIFY(!model.truncated());
        // Members keep the payload's order (not sorted), and numbers read exactly as written.
        model.setJson(*json::parse("{\"z\":12345678901234567890,\"a\":1e400,\"m\":0.10}"));
        QCOMPARE(model.data(model.index(0, 0), Qt::DisplayRole).toString(), QStringLiteral("z: 12345678901234567890"));
        QCOMPARE(model.data(model.index(1, 0), Qt::DisplayRole).toString(), QStringLiteral("a: 1e400"));
        QCOMPARE(model.data(model.index(2, 0), Qt::DisplayRole).toString(), QStringLiteral("m: 0.10"));
        // Huge arrays are capped, visibly.
        std::string big = "[0";
        for (int i = 1; i < 5000; ++i)
            big += "," + std::to_string(i);
        model.setJson(*json::parse(big + "]"));
        QCOMPARE(model.rowCount(), JsonTreeModel::kMaxChildren);
        QVERIFY(model.truncated());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void sourcesAndGateways()
    {
        GatewayListModel gateways;
        QAbstractItemModelTester tester(&gateways, QAbstractItemModelTester::FailureReportingMode::QtTest);
        gateways.add({QStringLiteral("gw"), QStringLiteral("webhook"), QStringLiteral("demo"), QStringLiteral("argo-v0.10"), {}, {}});
        SourceListModel *sources = gateways.sources(QStringLiteral("gw"));
        QVERIFY(sources);
        QAbstractItemModelTester sourceTester(sources, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&gateways, &QAbstractItemModel::dataChanged);
        sources->update(status("2", "zeta", SourcePhase::Starting));
        sources->update(status("1", "alpha", SourcePhase::Running));
        QCOMPARE(sources->rowCount(), 2);
        QCOMPARE(sources->data(sources->index(0), SourceListModel::NameRole).toString(), QStringLiteral("alpha"));
        QCOMPARE(gateways.data(gateways.index(0), GatewayListModel::SummaryRole).toString(), QStringLiteral("1 of 2 sources running"));
        QVERIFY(!gateways.data(gateways.index(0), GatewayListModel::HealthyRole).toBool());
        auto failed = status("2", "zeta", SourcePhase::Failed);
        failed.message = "bind: address in use";
        failed.retryInSeconds = 4;
        sources->update(failed);
        QCOMPARE(sources->rowCount(), 2);
        QCOMPARE(sources->data(sources->index(1), SourceListModel::PhaseTextRole).toString(), QStringLiteral("failed, restarting in 4 s"));
        QCOMPARE(sources->data(sources->index(1), SourceListModel::MessageRole).toString(), QStringLiteral("bind: address in use"));
        QVERIFY(changed.count() >= 3);
        sources->update(status("2", "zeta", SourcePhase::Running));
        QVERIFY(gateways.data(gateways.index(0), GatewayListModel::HealthyRole).toBool());
        sources->remove(QStringLiteral("1"));
        QCOMPARE(sources->rowCount(), 1);
        QCOMPARE(gateways.data(gateways.index(0), GatewayListModel::SourcesRole).value<SourceListModel *>(), sources);
        gateways.remove(QStringLiteral("gw"));
        QCOMPARE(gateways.rowCount(), 0);
    }

    void detailPrettyPrintsAndFollowsDeliveries()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel events(tap, 100);
        tap->pushEvent(record("a", "{\"b\":[1,2],\"a\":\"x\"}"));
        tap->pushEvent(record("bin", std::string("\x00\x01\xff", 3), "application/octet-stream"));
        events.drain();

        EventDetailController detail;
        QSignalSpy eventChanged(&detail, &EventDetailController::eventChanged);
        detail.setModel(&events);
        QVERIFY(!detail.hasEvent());
        detail.setRow(0);
        QVERIFY(detail.hasEvent());
        QCOMPARE(detail.eventId(), QStringLiteral("a"));
        QVERIFY(detail.payloadIsJson());
        // Pretty-printed in the payload's own member order (b before a), not sorted.
        QCOMPARE(detail.payloadText(), QStringLiteral("{\n    \"b\": [\n        1,\n        2\n    ],\n    \"a\": \"x\"\n}"));
        QCOMPARE(detail.payloadTree()->rowCount(), 2);
        QVERIFY(detail.envelopeText().startsWith(QStringLiteral("POST\nContent-Type: application/json\n\n{\n")));
        QVERIFY(detail.metaText().contains(QStringLiteral("http-method: POST")));
        QVERIFY(detail.truncationText().isEmpty());
        QCOMPARE(detail.deliveries()->rowCount(), 0);

        // Delivery changes of the selected event reach its history as they happen.
        DeliveryChange c;
        c.eventId = "a";
        c.target = "sink http://127.0.0.1:1/";
        c.state = DeliveryState::Retrying;
        c.httpStatus = 503;
        tap->pushDelivery(c);
        c.state = DeliveryState::Delivered;
        c.httpStatus = 200;
        tap->pushDelivery(c);
        events.drain();
        QCOMPARE(detail.deliveries()->rowCount(), 2);
        QCOMPARE(detail.deliveries()->data(detail.deliveries()->index(1), DeliveryHistoryModel::StateRole).toString(), QStringLiteral("delivered"));
        QCOMPARE(detail.deliveries()->data(detail.deliveries()->index(0), DeliveryHistoryModel::HttpStatusRole).toInt(), 503);

        detail.setRow(1);
        QVERIFY(!detail.payloadIsJson());
        QVERIFY(detail.payloadText().startsWith(QStringLiteral("binary data, 3 bytes")));
        QVERIFY(detail.payloadText().contains(QStringLiteral("00 01 ff")));
        QCOMPARE(detail.payloadTree()->rowCount(), 0);
        detail.setRow(-1);
        QVERIFY(!detail.hasEvent());
    }

    void largePayloadIsTruncatedButSavedWhole()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel events(tap, 100);
        std::string big = "[";
        for (int i = 0; big.size() < 200 * 1024; ++i)
            big += (i ? "," : "") + std::string("{\"i\":") + std::to_string(i) + "}";
        big += "]";
        tap->pushEvent(record("big", big));
        events.drain();
        EventDetailController detail;
        detail.setModel(&events);
        detail.setRow(0);
        QVERIFY(detail.payloadTruncated());
        QCOMPARE(detail.payloadText().size(), EventDetailController::kDisplayLimit);
        QVERIFY(detail.truncationText().startsWith(QStringLiteral("Truncated: the view shows the first 64.0 KiB of the readable text; copy or save the payload (2")));
        QVERIFY(detail.payloadTree()->truncated());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("payload.json"));
        detail.savePayload(QUrl::fromLocalFile(path));
        QVERIFY(test::waitUntil([&] { return detail.saveStatus().startsWith(QStringLiteral("Saved")); }));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().toStdString(), big);

        detail.copyPayload();
        QCOMPARE(QGuiApplication::clipboard()->text().size(), qsizetype(big.size()));
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
