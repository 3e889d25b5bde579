// EventStreamModel: one insert per drain, one removal block for overflow, dropped counts, pause,
// merged dataChanged for delivery changes, timer-paced drains, find; checked by QAbstractItemModelTester.

#include <thread>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "models/eventstreammodel.h"
#include "store/eventtap.h"
#include "testsupport.h"

using namespace gs;

namespace {
std::shared_ptr<const EventRecord> record(int i, const std::string &payload = {})
{
    auto r = std::make_shared<EventRecord>();
    r->id = "e" + std::to_string(i);
    r->gateway = i % 2 ? "gw-odd" : "gw-even";
    r->source = "src";
    r->type = "webhook";
    r->payload = payload.empty() ? "{\"n\":" + std::to_string(i) + "}" : payload;
    r->time = SysMicros(std::chrono::microseconds(1764806400000000LL + i)); // 2025-12-04T00:00:00Z
    return r;
}
void push(EventTap &tap, int from, int to)
{
    for (int i = from; i < to; ++i)
        tap.pushEvent(record(i));
}
DeliveryChange change(int i, DeliveryState state, const std::string &target = "sink")
{
    DeliveryChange c;
    c.eventId = "e" + std::to_string(i);
    c.target = target;
    c.state = state;
    return c;
}
QString idAt(const EventStreamModel &m, int row)
{
    return m.data(m.index(row), EventStreamModel::EventIdRole).toString();
}
} // namespace

class TestEventStreamModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneInsertPerDrain()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 10000);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        push(*tap, 0, 500);
        model.drain();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted[0][1].toInt(), 0);
        QCOMPARE(inserted[0][2].toInt(), 499);
        push(*tap, 500, 800);
        model.drain();
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted[1][1].toInt(), 500);
        QCOMPARE(inserted[1][2].toInt(), 799);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(model.rowCount(), 800);
        QCOMPARE(model.totalCount(), 800);
        QCOMPARE(idAt(model, 0), QStringLiteral("e0"));
        QCOMPARE(idAt(model, 799), QStringLiteral("e799"));
        model.drain(); // nothing new: no signal at all
        QCOMPARE(inserted.count(), 2);
    }

    void boundedBufferRemovesOldestInOneBlock()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 1000);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy droppedChanged(&model, &EventStreamModel::droppedCountChanged);
        push(*tap, 0, 600);
        model.drain();
        push(*tap, 600, 1300);
        model.drain();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed[0][1].toInt(), 0);
        QCOMPARE(removed[0][2].toInt(), 299);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted[1][1].toInt(), 300);
        QCOMPARE(inserted[1][2].toInt(), 999);
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(model.droppedCount(), 300);
        QCOMPARE(droppedChanged.count(), 1);
        QCOMPARE(idAt(model, 0), QStringLiteral("e300"));
        QCOMPARE(idAt(model, 999), QStringLiteral("e1299"));
        // Shrinking the buffer drops the oldest at once, again in one block.
        model.setCapacity(100);
        QCOMPARE(removed.count(), 2);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.droppedCount(), 1200);
        QCOMPARE(idAt(model, 0), QStringLiteral("e1200"));
    }

    void batchLargerThanBufferKeepsNewest()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 100);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        push(*tap, 0, 250);
        model.drain();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.droppedCount(), 150);
        QCOMPARE(model.totalCount(), 250);
        QCOMPARE(idAt(model, 0), QStringLiteral("e150"));
    }

    void boundedInBytes()
    {
        // 100 events of 1 MiB against a 10-event byte bound: one insert of the newest that fit, the
        // rest counted as dropped; later events push out the oldest by bytes, in one removal.
        const std::string mb(1 << 20, 'x');
        const std::size_t each = record(0, mb)->footprint();
        auto tap = std::make_shared<EventTap>(1000, std::size_t(1) << 30);
        EventStreamModel model(tap, 1000, 10 * each + each / 2);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        for (int i = 0; i < 100; ++i)
            tap->pushEvent(record(i, mb));
        model.drain();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.droppedCount(), 90);
        for (int i = 100; i < 103; ++i)
            tap->pushEvent(record(i, mb));
        model.drain();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(idAt(model, 0), QStringLiteral("e93"));
        QCOMPARE(idAt(model, 9), QStringLiteral("e102"));
    }

    void droppedInTheTapIsCounted()
    {
        auto tap = std::make_shared<EventTap>(10);
        EventStreamModel model(tap, 100);
        push(*tap, 0, 25);
        model.drain();
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.droppedCount(), 15);
        QCOMPARE(idAt(model, 0), QStringLiteral("e15"));
    }

    void pauseKeepsBuffering()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 1000);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        push(*tap, 0, 10);
        model.drain();
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setPaused(true);
        push(*tap, 10, 30);
        model.drain();
        push(*tap, 30, 35);
        model.drain();
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.arrivedWhilePaused(), 25);
        QCOMPARE(model.totalCount(), 35);
        model.setPaused(false);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted[0][1].toInt(), 10);
        QCOMPARE(inserted[0][2].toInt(), 34);
        QCOMPARE(model.arrivedWhilePaused(), 0);
        QCOMPARE(idAt(model, 34), QStringLiteral("e34"));
    }

    void pauseStaysBounded()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 15);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        push(*tap, 0, 10);
        model.drain();
        model.togglePause();
        QVERIFY(model.paused());
        push(*tap, 10, 30);
        model.drain();
        // 30 events, room for 15: the 10 shown and the 5 oldest new ones went.
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.arrivedWhilePaused(), 15);
        QCOMPARE(model.droppedCount(), 15);
        model.togglePause();
        QCOMPARE(model.rowCount(), 15);
        QCOMPARE(idAt(model, 0), QStringLiteral("e15"));
    }

    void deliveryChangesAreMerged()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 1000);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        push(*tap, 0, 100);
        model.drain();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        for (int i : {5, 6, 7, 8, 9, 20, 40})
            tap->pushDelivery(change(i, DeliveryState::Pending));
        tap->pushDelivery(change(6, DeliveryState::Delivered));
        model.drain();
        QCOMPARE(changed.count(), 3); // 5..9, 20, 40
        QCOMPARE(changed[0][0].toModelIndex().row(), 5);
        QCOMPARE(changed[0][1].toModelIndex().row(), 9);
        const auto roles = changed[0][2].value<QList<int>>();
        QVERIFY(roles.contains(EventStreamModel::DeliveryStateRole));
        QVERIFY(roles.contains(EventStreamModel::DeliveryTextRole));
        QCOMPARE(model.data(model.index(6), EventStreamModel::DeliveryStateRole).toInt(), int(EventStreamModel::Delivered));
        QCOMPARE(model.data(model.index(5), EventStreamModel::DeliveryTextRole).toString(), QStringLiteral("pending"));
        QCOMPARE(model.data(model.index(50), EventStreamModel::DeliveryTextRole).toString(), QStringLiteral("not delivered"));

        // More than half of the rows: one signal for the range.
        changed.clear();
        for (int i = 0; i < 80; i += 2)
            tap->pushDelivery(change(i, DeliveryState::Retrying));
        for (int i = 1; i < 30; i += 2)
            tap->pushDelivery(change(i, DeliveryState::Failed, "other sink"));
        model.drain();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed[0][0].toModelIndex().row(), 0);
        QCOMPARE(changed[0][1].toModelIndex().row(), 78);
        QCOMPARE(model.data(model.index(1), EventStreamModel::DeliveryStateRole).toInt(), int(EventStreamModel::Failed));
    }

    void changeBeforeItsEventIsKept()
    {
        // The dispatch thread may report a delivery before the event is in the tap.
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 100);
        tap->pushDelivery(change(7, DeliveryState::Pending));
        tap->pushDelivery(change(7, DeliveryState::Delivered));
        model.drain();
        QCOMPARE(model.rowCount(), 0);
        push(*tap, 7, 8);
        model.drain();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), EventStreamModel::DeliveryStateRole).toInt(), int(EventStreamModel::Delivered));
        QCOMPARE(model.eventAt(0)->history.size(), std::size_t(2));
    }

    void drainsArePacedByTheTimer()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 1000000);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QElapsedTimer clock;
        clock.start();
        std::atomic<bool> stop {false};
        std::thread producer([&] {
            for (int i = 0; !stop; ++i) {
                tap->pushEvent(record(i));
                if (i % 50 == 0)
                    std::this_thread::sleep_for(std::chrono::microseconds(500));
            }
        });
        QTest::qWait(1000);
        stop = true;
        producer.join();
        const qint64 ms = clock.elapsed();
        QVERIFY(test::waitUntil([&] { return model.rowCount() == int(tap->pushed()); }, std::chrono::seconds(2)));
        // About 30 a second at most, and many events per insert.
        QVERIFY2(inserted.count() <= ms / 33 + 3, qPrintable(QStringLiteral("%1 inserts in %2 ms").arg(inserted.count()).arg(ms)));
        QVERIFY2(inserted.count() >= 10, qPrintable(QStringLiteral("only %1 inserts").arg(inserted.count())));
        QVERIFY(model.rowCount() > inserted.count() * 10);
    }

    void rolesAndFind()
    {
        auto tap = std::make_shared<EventTap>();
        EventStreamModel model(tap, 100);
        push(*tap, 0, 3);
        tap->pushEvent(record(3, std::string(300, 'x') + "needle"));
        tap->pushEvent(record(4, "line one\nline two\ttab"));
        model.drain();
        const auto names = model.roleNames();
        QCOMPARE(names.value(EventStreamModel::GatewayRole), QByteArray("gateway"));
        QCOMPARE(names.value(EventStreamModel::DeliveryStateRole), QByteArray("deliveryState"));
        QCOMPARE(model.data(model.index(0), EventStreamModel::GatewayRole).toString(), QStringLiteral("gw-even"));
        QCOMPARE(model.data(model.index(1), EventStreamModel::SizeRole).toLongLong(), 7);
        QCOMPARE(model.data(model.index(1), EventStreamModel::SizeTextRole).toString(), QStringLiteral("7 bytes"));
        QVERIFY(model.data(model.index(0), EventStreamModel::TimeRole).toString().contains(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}$"))));
        const QString preview = model.data(model.index(3), EventStreamModel::PreviewRole).toString();
        QCOMPARE(preview.size(), 101);
        QVERIFY(preview.endsWith(QChar(0x2026)));
        QCOMPARE(model.data(model.index(4), EventStreamModel::PreviewRole).toString(), QStringLiteral("line one line two tab"));
        QCOMPARE(model.find(QStringLiteral("NEEDLE"), 0), 3);
        QCOMPARE(model.find(QStringLiteral("gw-odd"), 1), 3);
        QCOMPARE(model.find(QStringLiteral("gw-odd"), 1, true), 3); // wraps around backwards
        QCOMPARE(model.find(QStringLiteral("absent"), 0), -1);
        QCOMPARE(model.data(model.index(2), EventStreamModel::SequenceRole).toLongLong(), 2);
        QCOMPARE(model.rowOfSequence(4).value_or(-1), 4);
    }
};

QTEST_GUILESS_MAIN(TestEventStreamModel)
#include "tst_eventstreammodel.moc"
