#include "deliveryhistorymodel.h"

#include <algorithm>

#include <QDateTime>
#include <QThread>

using namespace Qt::StringLiterals;

namespace gs {

DeliveryHistoryModel::DeliveryHistoryModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int DeliveryHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> DeliveryHistoryModel::roleNames() const
{
    return {
        {TargetRole, "target"},
        {StateRole, "state"},
        {AttemptsRole, "attempts"},
        {HttpStatusRole, "httpStatus"},
        {ErrorRole, "error"},
        {TimeRole, "time"},
    };
}

QVariant DeliveryHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TargetRole:
        return r.target;
    case StateRole:
        return QString::fromLatin1(toString(r.entry.state));
    case AttemptsRole:
        return r.entry.attempts;
    case HttpStatusRole:
        return r.entry.httpStatus;
    case ErrorRole:
        return QString::fromStdString(r.entry.error);
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(r.entry.at.time_since_epoch().count() / 1000).toString(u"HH:mm:ss.zzz"_s);
    default:
        return {};
    }
}

int DeliveryHistoryModel::targetCount() const
{
    std::vector<std::uint32_t> seen;
    for (const auto &r : m_rows) {
        if (std::find(seen.begin(), seen.end(), r.entry.target) == seen.end())
            seen.push_back(r.entry.target);
    }
    return static_cast<int>(seen.size());
}

void DeliveryHistoryModel::setHistory(const StoredEvent *event, const EventStore *store)
{
    Q_ASSERT(thread() == QThread::currentThread());
    const std::size_t n = event ? event->history.size() : 0;
    // The common case while an event is selected: its deliveries progress, entries only get appended.
    bool prefix = n >= m_rows.size() && event && n < EventStore::kMaxHistory;
    for (std::size_t i = 0; prefix && i < m_rows.size(); ++i) {
        const auto &a = m_rows[i].entry;
        const auto &b = event->history[i];
        prefix = a.target == b.target && a.state == b.state && a.at == b.at && a.attempts == b.attempts;
    }
    auto rowFor = [&](const DeliveryEntry &e) { return Row {QString::fromStdString(store->targetName(e.target)), e}; };
    if (prefix) {
        if (n == m_rows.size())
            return;
        beginInsertRows({}, static_cast<int>(m_rows.size()), static_cast<int>(n) - 1);
        for (std::size_t i = m_rows.size(); i < n; ++i)
            m_rows.push_back(rowFor(event->history[i]));
        endInsertRows();
    } else {
        beginResetModel();
        m_rows.clear();
        for (std::size_t i = 0; i < n; ++i)
            m_rows.push_back(rowFor(event->history[i]));
        endResetModel();
    }
    Q_EMIT countChanged();
}

} // namespace gs
