#include "eventstreammodel.h"

#include "displaytext.h"

#include <algorithm>
#include <cctype>

#include <QDateTime>
#include <QLocale>
#include <QThread>

#include "core/logging.h"

using namespace Qt::StringLiterals;

namespace gs {

namespace {
constexpr int kMaxOrphans = 10000;
constexpr int kOrphanDrains = 5; // how long a change may wait for its event

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

bool containsFolded(std::string_view hay, const std::string &needle)
{
    if (needle.empty())
        return true;
    const auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
    });
    return it != hay.end();
}
} // namespace

EventStreamModel::EventStreamModel(std::shared_ptr<EventTap> tap, std::size_t capacity, std::size_t maxBytes, QObject *parent)
    : QAbstractListModel(parent)
    , m_tap(std::move(tap))
    , m_store(capacity, maxBytes)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &EventStreamModel::drain);
    m_sinceDrain.start();
    // The doorbell rings on producer threads: it only posts (rule 24); detach() stops it before we go.
    m_tap->setDoorbell([this] { QMetaObject::invokeMethod(this, &EventStreamModel::scheduleDrain, Qt::QueuedConnection); });
    scheduleDrain(); // events queued before we were made
}

EventStreamModel::~EventStreamModel()
{
    detach();
}

void EventStreamModel::detach()
{
    m_tap->setDoorbell({});
    m_timer.stop();
}

int EventStreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown);
}

QHash<int, QByteArray> EventStreamModel::roleNames() const
{
    return {
        {SequenceRole, "sequence"},
        {EventIdRole, "eventId"},
        {TimeRole, "time"},
        {GatewayRole, "gateway"},
        {SourceRole, "source"},
        {TypeRole, "type"},
        {SizeRole, "size"},
        {SizeTextRole, "sizeText"},
        {DeliveryStateRole, "deliveryState"},
        {DeliveryTextRole, "deliveryText"},
        {PreviewRole, "preview"},
    };
}

QVariant EventStreamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredEvent &ev = m_store.at(static_cast<std::size_t>(index.row()));
    const EventRecord &r = *ev.record;
    switch (role) {
    case SequenceRole:
        return static_cast<qint64>(m_store.sequenceAt(static_cast<std::size_t>(index.row())));
    case EventIdRole:
        return QString::fromStdString(r.id);
    case Qt::DisplayRole:
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(r.time.time_since_epoch().count() / 1000).toString(u"HH:mm:ss.zzz"_s);
    case GatewayRole:
        return QString::fromStdString(r.gateway);
    case SourceRole:
        return QString::fromStdString(r.source);
    case TypeRole:
        return QString::fromStdString(r.type);
    case SizeRole:
        return static_cast<qint64>(r.size());
    case SizeTextRole:
        return sizeText(static_cast<qint64>(r.size()));
    case DeliveryStateRole:
        return static_cast<int>(ev.summary);
    case DeliveryTextRole: {
        if (ev.summary == DeliverySummary::None)
            return tr("not delivered");
        int targets = 0;
        std::vector<std::uint32_t> seen;
        for (const auto &e : ev.history) {
            if (std::find(seen.begin(), seen.end(), e.target) == seen.end()) {
                seen.push_back(e.target);
                ++targets;
            }
        }
        const QString state = QString::fromLatin1(toString(ev.summary));
        return targets > 1 ? tr("%1 (%2 targets)").arg(state).arg(targets) : state;
    }
    case PreviewRole:
        // One line; only rows on screen ask for it.
        return previewLine(r.payload);
    default:
        return {};
    }
}

void EventStreamModel::scheduleDrain()
{
    if (m_timer.isActive())
        return;
    // At most one drain per interval: a steady stream gets ~30 updates a second, a lone event
    // shows at once.
    const auto wait = std::max<qint64>(0, m_interval - m_sinceDrain.elapsed());
    m_timer.start(static_cast<int>(wait));
}

std::size_t EventStreamModel::evict(std::size_t n)
{
    n = std::min(n, m_store.size());
    if (n == 0)
        return 0;
    const std::size_t shownGone = std::min(n, m_shown);
    if (shownGone > 0)
        beginRemoveRows({}, 0, static_cast<int>(shownGone) - 1);
    m_store.popFront(n);
    m_shown -= shownGone;
    if (shownGone > 0)
        endRemoveRows();
    m_dropped += static_cast<qint64>(n);
    return shownGone;
}

void EventStreamModel::drain()
{
    Q_ASSERT(thread() == QThread::currentThread());
    m_sinceDrain.restart();
    EventTap::Batch batch = m_tap->take();
    if (batch.empty() && m_orphans.empty())
        return;
    const qint64 droppedBefore = m_dropped;
    const int heldBefore = arrivedWhilePaused();
    m_total += static_cast<qint64>(batch.events.size() + batch.dropped);
    m_dropped += static_cast<qint64>(batch.dropped);

    // More than fit: only the newest `capacity` can survive this drain.
    if (batch.events.size() > m_store.capacity()) {
        const std::size_t skip = batch.events.size() - m_store.capacity();
        batch.events.erase(batch.events.begin(), batch.events.begin() + static_cast<std::ptrdiff_t>(skip));
        m_dropped += static_cast<qint64>(skip);
    }
    // ... and only as many of the newest as fit in the byte bound (one always does).
    std::size_t batchBytes = 0;
    std::size_t keepFrom = batch.events.size();
    while (keepFrom > 0) {
        const std::size_t b = batch.events[keepFrom - 1]->footprint();
        if (keepFrom < batch.events.size() && batchBytes + b > m_store.maxBytes())
            break;
        batchBytes += b;
        --keepFrom;
    }
    if (keepFrom > 0) {
        batch.events.erase(batch.events.begin(), batch.events.begin() + static_cast<std::ptrdiff_t>(keepFrom));
        m_dropped += static_cast<qint64>(keepFrom);
    }
    const int removed = static_cast<int>(evict(m_store.overflow(batch.events.size(), batchBytes)));

    int inserted = 0;
    if (!batch.events.empty()) {
        if (!m_paused) {
            Q_ASSERT(m_shown == m_store.size());
            inserted = static_cast<int>(batch.events.size());
            beginInsertRows({}, static_cast<int>(m_shown), static_cast<int>(m_shown) + inserted - 1);
            for (auto &e : batch.events)
                m_store.append(std::move(e));
            m_shown = m_store.size();
            endInsertRows();
        } else {
            for (auto &e : batch.events)
                m_store.append(std::move(e));
        }
    }
    applyDeliveries(std::move(batch.deliveries));

    if (inserted || removed)
        Q_EMIT countChanged();
    else if (!batch.events.empty() || batch.dropped)
        Q_EMIT countChanged(); // totalCount moved
    if (m_dropped != droppedBefore)
        Q_EMIT droppedCountChanged();
    if (arrivedWhilePaused() != heldBefore)
        Q_EMIT arrivedWhilePausedChanged();
    if (inserted || removed)
        Q_EMIT drained(inserted, removed);
}

void EventStreamModel::applyDeliveries(std::vector<DeliveryChange> changes)
{
    std::vector<int> rows;
    std::vector<Orphan> waiting;
    auto apply = [&](DeliveryChange &&c, int age) {
        if (const auto row = m_store.apply(c)) {
            if (*row < m_shown)
                rows.push_back(static_cast<int>(*row));
        } else if (age < kOrphanDrains && static_cast<int>(waiting.size()) < kMaxOrphans) {
            waiting.push_back({std::move(c), age + 1});
        }
    };
    // Older waiting changes first, so each event's history stays in order.
    for (auto &o : m_orphans)
        apply(std::move(o.change), o.age);
    for (auto &c : changes)
        apply(std::move(c), 0);
    m_orphans = std::move(waiting);
    if (rows.empty())
        return;

    // Rule 20: merge per drain; above half of the rows changed, one signal for all.
    static const QList<int> roles {DeliveryStateRole, DeliveryTextRole};
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.size() * 2 > m_shown) {
        Q_EMIT dataChanged(index(rows.front()), index(rows.back()), roles);
        return;
    }
    std::size_t start = 0;
    for (std::size_t i = 1; i <= rows.size(); ++i) {
        if (i == rows.size() || rows[i] != rows[i - 1] + 1) {
            Q_EMIT dataChanged(index(rows[start]), index(rows[i - 1]), roles);
            start = i;
        }
    }
}

void EventStreamModel::showHeld()
{
    if (m_shown == m_store.size())
        return;
    beginInsertRows({}, static_cast<int>(m_shown), static_cast<int>(m_store.size()) - 1);
    const int n = static_cast<int>(m_store.size() - m_shown);
    m_shown = m_store.size();
    endInsertRows();
    Q_EMIT countChanged();
    Q_EMIT arrivedWhilePausedChanged();
    Q_EMIT drained(n, 0);
}

void EventStreamModel::setPaused(bool paused)
{
    Q_ASSERT(thread() == QThread::currentThread());
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!m_paused)
        showHeld();
    Q_EMIT pausedChanged();
}

void EventStreamModel::setCapacity(int capacity)
{
    Q_ASSERT(thread() == QThread::currentThread());
    const auto cap = static_cast<std::size_t>(std::max(1, capacity));
    if (cap == m_store.capacity())
        return;
    const int heldBefore = arrivedWhilePaused();
    m_store.setCapacity(cap);
    if (evict(m_store.overflow(0)) > 0)
        Q_EMIT countChanged();
    Q_EMIT droppedCountChanged();
    if (heldBefore != arrivedWhilePaused())
        Q_EMIT arrivedWhilePausedChanged();
    Q_EMIT capacityChanged();
}

void EventStreamModel::clear()
{
    Q_ASSERT(thread() == QThread::currentThread());
    beginResetModel();
    m_store.clear();
    m_shown = 0;
    m_orphans.clear();
    endResetModel();
    Q_EMIT countChanged();
    Q_EMIT arrivedWhilePausedChanged();
}

const StoredEvent *EventStreamModel::eventAt(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_shown)
        return nullptr;
    return &m_store.at(static_cast<std::size_t>(row));
}

std::optional<int> EventStreamModel::rowOfSequence(quint64 seq) const
{
    const auto row = m_store.rowOfSequence(seq);
    if (!row || *row >= m_shown)
        return std::nullopt;
    return static_cast<int>(*row);
}

int EventStreamModel::find(const QString &text, int from, bool backwards) const
{
    const int n = static_cast<int>(m_shown);
    if (n == 0 || text.isEmpty())
        return -1;
    const std::string needle = text.toLower().toStdString();
    for (int step = 1; step <= n; ++step) {
        const int row = ((backwards ? from - step : from + step) % n + n) % n;
        const EventRecord &r = *m_store.at(static_cast<std::size_t>(row)).record;
        const std::string_view payload(r.payload.data(), std::min<std::size_t>(r.payload.size(), 64 * 1024));
        if (containsFolded(r.gateway, needle) || containsFolded(r.source, needle) || containsFolded(r.type, needle)
            || containsFolded(r.id, needle) || containsFolded(payload, needle))
            return row;
    }
    return -1;
}

} // namespace gs
