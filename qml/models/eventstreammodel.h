#pragma once
// The live events table: every event accepted by the running gateways, newest last.

#include <memory>
#include <optional>
#include <vector>

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QTimer>
#include <QtQmlIntegration>

#include "store/eventstore.h"
#include "store/eventtap.h"

namespace gs {

/**
 * A bounded list of recent events fed from an EventTap in batches: at most one insert (and one
 * removal of the oldest rows) per drain, at most ~30 drains a second, delivery changes merged into
 * few dataChanged signals (house style rules 18-22). Lives on the GUI thread.
 */
class EventStreamModel : public QAbstractListModel
{
    Q_OBJECT
    // Reaches QML as a singleton instance: see registrations.h.
    /** Rows shown. */
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /** Events taken from the gateways since start (shown, held while paused, or dropped). */
    Q_PROPERTY(double totalCount READ totalCountValue NOTIFY countChanged)
    /** Events dropped because the buffer was full (the oldest go first). */
    Q_PROPERTY(double droppedCount READ droppedCountValue NOTIFY droppedCountChanged)
    /** The most events kept; older ones are dropped. */
    Q_PROPERTY(int capacity READ capacity WRITE setCapacity NOTIFY capacityChanged)
    /** While paused, events keep arriving into the buffer but the rows do not change. */
    Q_PROPERTY(bool paused READ paused WRITE setPaused NOTIFY pausedChanged)
    /** Events buffered since pausing, shown on resume. */
    Q_PROPERTY(int arrivedWhilePaused READ arrivedWhilePaused NOTIFY arrivedWhilePausedChanged)

public:
    enum Role {
        // identity
        SequenceRole = Qt::UserRole + 1, ///< qint64: stays with an event while rows shift
        EventIdRole, ///< QString: the id on the wire (eventID / CloudEvent id)
        // columns
        TimeRole, ///< QString: local time of receipt, hh:mm:ss.zzz
        GatewayRole, ///< QString: Gateway name
        SourceRole, ///< QString: event-source key
        TypeRole, ///< QString: gateway type (webhook, calendar, ...)
        SizeRole, ///< qint64: payload bytes
        SizeTextRole, ///< QString: payload size for people (e.g. "1.2 KiB")
        DeliveryStateRole, ///< int: DeliverySummary (0 none, 1 pending, 2 retrying, 3 delivered, 4 failed)
        DeliveryTextRole, ///< QString: the delivery state in words, with the number of targets
        PreviewRole, ///< QString: the payload's first characters on one line
    };
    Q_ENUM(Role)

    /** The delivery summary values DeliveryStateRole takes (same order as gs::DeliverySummary). */
    enum Delivery { NoDelivery, Pending, Retrying, Delivered, Failed };
    Q_ENUM(Delivery)

    /** Keeps at most `capacity` events and about `maxBytes` of their data (EventRecord::footprint). */
    explicit EventStreamModel(std::shared_ptr<EventTap> tap, std::size_t capacity = 100000,
        std::size_t maxBytes = EventStore::kDefaultMaxBytes, QObject *parent = nullptr);
    ~EventStreamModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return static_cast<int>(m_shown); }
    [[nodiscard]] qint64 totalCount() const { return m_total; }
    [[nodiscard]] qint64 droppedCount() const { return m_dropped; }
    // QML gets counts as numbers (exact to 2^53): qmllint in 6.4 does not know qint64.
    [[nodiscard]] double totalCountValue() const { return static_cast<double>(m_total); }
    [[nodiscard]] double droppedCountValue() const { return static_cast<double>(m_dropped); }
    [[nodiscard]] int capacity() const { return static_cast<int>(m_store.capacity()); }
    void setCapacity(int capacity);
    [[nodiscard]] bool paused() const { return m_paused; }
    void setPaused(bool paused);
    [[nodiscard]] int arrivedWhilePaused() const { return static_cast<int>(m_store.size() - m_shown); }

    /** Pause or resume. */
    Q_INVOKABLE void togglePause() { setPaused(!m_paused); }
    /** Drops every row (the counters stay). */
    Q_INVOKABLE void clear();
    /**
     * The next row after `from` (before it when `backwards`) whose gateway, source, type, id or
     * payload contains `text` (case-insensitive), wrapping around; -1 if none.
     */
    [[nodiscard]] Q_INVOKABLE int find(const QString &text, int from, bool backwards = false) const;

    /** The event shown in `row`, or nullptr. */
    [[nodiscard]] const StoredEvent *eventAt(int row) const;
    [[nodiscard]] std::optional<int> rowOfSequence(quint64 seq) const;
    [[nodiscard]] const EventStore &store() const { return m_store; }
    /** Minimum time between two drains (default 33 ms). */
    void setDrainInterval(int ms) { m_interval = ms; }
    /** Stops listening to the tap (shutdown, rule 29); rows stay. */
    void detach();

public Q_SLOTS:
    /** Takes everything from the tap now: one removal, one insert, merged dataChanged. */
    void drain();

Q_SIGNALS:
    void countChanged();
    void droppedCountChanged();
    void capacityChanged();
    void pausedChanged();
    void arrivedWhilePausedChanged();
    /** After each drain that changed rows: how many were inserted and removed. */
    void drained(int inserted, int removed);

private:
    void scheduleDrain();
    /** Removes the `n` oldest events (shown or held), announcing the shown ones in one block. */
    std::size_t evict(std::size_t n);
    void applyDeliveries(std::vector<DeliveryChange> changes);
    void showHeld();

    std::shared_ptr<EventTap> m_tap;
    EventStore m_store;
    std::size_t m_shown = 0; // rows [0, m_shown) are shown; the rest arrived while paused
    qint64 m_total = 0;
    qint64 m_dropped = 0;
    bool m_paused = false;
    int m_interval = 33;
    QTimer m_timer;
    QElapsedTimer m_sinceDrain;
    // Changes for events not here yet (the dispatch thread can report before the event is queued).
    struct Orphan {
        DeliveryChange change;
        int age = 0;
    };
    std::vector<Orphan> m_orphans;
};

} // namespace gs
