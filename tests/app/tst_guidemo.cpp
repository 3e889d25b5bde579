// The app end to end: the demo composed as main.cpp composes it, Main.qml loaded offscreen, a POST
// to the demo webhook over real HTTP, and the event found in the model, delivered, and counted on
// screen. Then the real binary: --screenshot renders a PNG of each view.

#include <QImage>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QUuid>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>

#include "appservices.h"
#include "rawhttp.h"
#include "testsupport.h"

Q_IMPORT_QML_PLUGIN(GatewayStudioPlugin)

using namespace gs;

class TestGuiDemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void postedEventShowsUpDelivered()
    {
        auto services = std::make_unique<AppServices>(1000);
        auto &events = services->events;
        auto &gateways = services->gateways;
        auto &demo = services->demo;
        auto engine = std::make_unique<QQmlApplicationEngine>();
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->load(QUrl(QStringLiteral("qrc:/qt/qml/GatewayStudio/Main.qml")));
        QCOMPARE(engine->rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
        QVERIFY(window);

        // No generator: the only webhook event is ours.
        auto started = demo->start(std::chrono::milliseconds(0));
        QVERIFY2(started, started ? "" : started.error().text().c_str());
        QCOMPARE(gateways->gateways()->count(), 2);
        SourceListModel *sources = gateways->gateways()->sources(QStringLiteral("demo-webhook"));
        QVERIFY(sources);
        QVERIFY(test::waitUntil([&] {
            return sources->count() == 1 && sources->data(sources->index(0), SourceListModel::PhaseRole).toInt() == SourceListModel::Running;
        }));

        const QUrl url(demo->webhookUrl());
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const std::string body = "{\"marker\":\"" + marker.toStdString() + "\",\"n\":42}";
        std::optional<test::RawResponse> answer;
        // The route may take a moment after "running" to accept; the demo button does the same dance.
        QVERIFY(test::waitUntil([&] {
            answer = test::RawHttp::request(url.port(), "POST", url.path().toStdString(), body, {{"Content-Type", "application/json"}});
            return answer && answer->status == 200;
        }));

        int row = -1;
        QVERIFY(test::waitUntil([&] { return (row = events->find(marker, -1)) >= 0; }));
        QCOMPARE(events->data(events->index(row), EventStreamModel::GatewayRole).toString(), QStringLiteral("demo-webhook"));
        QCOMPARE(events->data(events->index(row), EventStreamModel::SourceRole).toString(), QStringLiteral("example"));
        QCOMPARE(events->data(events->index(row), EventStreamModel::TypeRole).toString(), QStringLiteral("webhook"));
        QCOMPARE(events->data(events->index(row), EventStreamModel::SizeRole).toLongLong(), qint64(body.size()));
        QCOMPARE(events->eventAt(row)->record->payload, body);
        // Delivered to the demo's embedded sink, and the history says so.
        QVERIFY(test::waitUntil([&] {
            row = events->find(marker, -1);
            return events->data(events->index(row), EventStreamModel::DeliveryStateRole).toInt() == EventStreamModel::Delivered;
        }));
        QVERIFY(events->eventAt(row)->history.size() >= 2);

        // The window shows it: the status bar counts it, and selecting it fills the detail pane.
        auto *count = window->findChild<QObject *>(QStringLiteral("eventCount"));
        QVERIFY(count);
        QVERIFY(test::waitUntil([&] { return count->property("text").toString().startsWith(QString::number(events->count()) + QStringLiteral(" events shown")); }));
        QVERIFY(QMetaObject::invokeMethod(window, "selectRow", Q_ARG(int, row)));
        auto *payload = window->findChild<QObject *>(QStringLiteral("payloadText"));
        QVERIFY(payload);
        QVERIFY(test::waitUntil([&] { return payload->property("text").toString().contains(marker); }));

        // "Post sample event" really posts.
        const qint64 before = events->totalCount();
        demo->postSample();
        QVERIFY(test::waitUntil([&] { return events->totalCount() > before; }));

        services->shutdown();
        qDeleteAll(engine->rootObjects());
        services.reset();
        engine.reset();
    }

    void openFilesFromDisk()
    {
        // The example Gateway and ConfigMap, on a free port, opened the way the dialog opens them.
        QTemporaryDir dir;
        QFile gw(test::examplesDir() + QStringLiteral("/webhook-gateway.yaml"));
        QFile cm(test::examplesDir() + QStringLiteral("/webhook-event-sources.yaml"));
        QVERIFY(gw.open(QIODevice::ReadOnly) && cm.open(QIODevice::ReadOnly));
        const int port = test::freePort();
        QByteArray sources = cm.readAll();
        sources.replace(QByteArray("\"12000\""), QByteArray("\"" + QByteArray::number(port) + "\""));
        QFile outGw(dir.filePath(QStringLiteral("gw.yaml"))), outCm(dir.filePath(QStringLiteral("cm.yaml")));
        QVERIFY(outGw.open(QIODevice::WriteOnly) && outCm.open(QIODevice::WriteOnly));
        // Without the controller's version label: a warning from reading the file that the sidebar must show.
        outGw.write(gw.readAll().replace("    argo-events-gateway-version: v0.10\n", ""));
        outCm.write(sources);
        outGw.close();
        outCm.close();

        auto tap = std::make_shared<EventTap>();
        EventStreamModel events(tap, 100);
        GatewayManager gateways(tap);
        gateways.openFiles(QUrl::fromLocalFile(outGw.fileName()), QUrl::fromLocalFile(outCm.fileName()));
        QVERIFY(gateways.loading());
        QVERIFY(test::waitUntil([&] { return gateways.gateways()->count() == 1; }));
        QVERIFY(!gateways.loading());
        const QModelIndex row = gateways.gateways()->index(0);
        QCOMPARE(row.data(GatewayListModel::NameRole).toString(), QStringLiteral("webhook-gateway"));
        QVERIFY(row.data(GatewayListModel::WarningsRole).toStringList().join(u' ').contains(QStringLiteral("does not resolve")));
        QVERIFY2(row.data(GatewayListModel::WarningsRole).toStringList().join(u' ').contains(
                     QStringLiteral("gw.yaml:9:5: metadata.labels: missing label argo-events-gateway-version")),
            qPrintable(row.data(GatewayListModel::WarningsRole).toStringList().join(u'\n')));
        SourceListModel *sources2 = gateways.gateways()->sources(QStringLiteral("webhook-gateway"));
        QVERIFY(test::waitUntil([&] { return row.data(GatewayListModel::HealthyRole).toBool() && sources2->count() == 2; }));
        // An event posted to it shows up although it is delivered nowhere.
        std::optional<test::RawResponse> answer;
        QVERIFY(test::waitUntil([&] {
            answer = test::RawHttp::request(port, "POST", "/example2", "plain text", {{"Content-Type", "text/plain"}});
            return answer && answer->status == 200;
        }));
        QVERIFY(test::waitUntil([&] { return events.count() == 1; }));
        QCOMPARE(events.data(events.index(0), EventStreamModel::SourceRole).toString(), QStringLiteral("example-foo"));
        QCOMPARE(events.data(events.index(0), EventStreamModel::DeliveryStateRole).toInt(), int(EventStreamModel::NoDelivery));

        // Opening it twice is refused with a reason; a missing file says so.
        gateways.openFiles(QUrl::fromLocalFile(outGw.fileName()), QUrl::fromLocalFile(outCm.fileName()));
        QVERIFY(test::waitUntil([&] { return gateways.lastError().contains(QStringLiteral("already running")); }));
        gateways.openFiles(QUrl::fromLocalFile(dir.filePath(QStringLiteral("missing.yaml"))));
        QVERIFY(test::waitUntil([&] { return gateways.lastError().contains(QStringLiteral("cannot open file")); }));
        gateways.stopGateway(QStringLiteral("webhook-gateway"));
        QCOMPARE(gateways.gateways()->count(), 0);
    }

    void screenshotsOfEachView_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("palette");
        QTest::newRow("events") << QStringLiteral("events") << QStringLiteral("light");
        QTest::newRow("detail-dark") << QStringLiteral("detail") << QStringLiteral("dark");
        QTest::newRow("gateways") << QStringLiteral("gateways") << QStringLiteral("light");
    }
    void screenshotsOfEachView()
    {
        QFETCH(QString, view);
        QFETCH(QString, palette);
        QTemporaryDir dir;
        const QString file = dir.filePath(view + QStringLiteral(".png"));
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(GS_TEST_APP),
            {QStringLiteral("--demo"), QStringLiteral("--interval"), QStringLiteral("1"), QStringLiteral("--screenshot"), file, QStringLiteral("--view"), view,
                QStringLiteral("--palette"), palette});
        QVERIFY(app.waitForFinished(40000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QImage image(file);
        QCOMPARE(image.size(), QSize(1280, 800));
        // Not a blank window: many colours, and the palette's background where the status bar is.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
        const int lightness = QColor(image.pixel(image.width() / 2, image.height() / 2)).lightness();
        if (palette == QStringLiteral("dark"))
            QVERIFY2(lightness < 100, qPrintable(QString::number(lightness)));
        else
            QVERIFY2(lightness > 150, qPrintable(QString::number(lightness)));
    }
};

QTEST_MAIN(TestGuiDemo)
#include "tst_guidemo.moc"
