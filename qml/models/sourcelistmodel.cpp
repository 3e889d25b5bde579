#include "sourcelistmodel.h"

#include <algorithm>

#include <QThread>

namespace gs {

SourceListModel::SourceListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int SourceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> SourceListModel::roleNames() const
{
    return {
        {SourceIdRole, "sourceId"},
        {NameRole, "name"},
        {PhaseRole, "phase"},
        {PhaseTextRole, "phaseText"},
        {MessageRole, "message"},
        {ConnectionRole, "connection"},
        {ConnectionPhaseRole, "connectionPhase"},
        {ConnectionMessageRole, "connectionMessage"},
        {RestartsRole, "restarts"},
        {EventsRole, "events"},
    };
}

QString SourceListModel::phaseText(const SourceStatus &s)
{
    switch (s.phase) {
    case SourcePhase::Starting:
        return s.restarts > 0 ? tr("restarting") : tr("starting");
    case SourcePhase::Running:
        return tr("running");
    case SourcePhase::Invalid:
        return tr("invalid");
    case SourcePhase::Failed:
        return s.retryInSeconds > 0 ? tr("failed, restarting in %1 s").arg(s.retryInSeconds) : tr("failed");
    case SourcePhase::Completed:
        return tr("completed");
    }
    return {};
}

QVariant SourceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SourceStatus &s = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case SourceIdRole:
        return QString::fromStdString(s.id);
    case Qt::DisplayRole:
    case NameRole:
        return QString::fromStdString(s.name);
    case PhaseRole:
        return static_cast<int>(s.phase);
    case PhaseTextRole:
        return phaseText(s);
    case MessageRole:
        return QString::fromStdString(s.message);
    case ConnectionRole:
        return QString::fromStdString(s.connection);
    case ConnectionPhaseRole:
        return QString::fromLatin1(toString(s.connectionPhase));
    case ConnectionMessageRole:
        return QString::fromStdString(s.connectionMessage);
    case RestartsRole:
        return s.restarts;
    case EventsRole:
        return static_cast<qint64>(s.events);
    default:
        return {};
    }
}

void SourceListModel::update(const SourceStatus &status)
{
    Q_ASSERT(thread() == QThread::currentThread());
    auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const SourceStatus &s) { return s.id == status.id; });
    if (it != m_rows.end()) {
        *it = status;
        const QModelIndex i = index(static_cast<int>(it - m_rows.begin()));
        Q_EMIT dataChanged(i, i);
        return;
    }
    const auto pos = std::upper_bound(m_rows.begin(), m_rows.end(), status, [](const SourceStatus &a, const SourceStatus &b) {
        return a.name < b.name;
    });
    const int row = static_cast<int>(pos - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(pos, status);
    endInsertRows();
    Q_EMIT countChanged();
}

void SourceListModel::remove(const QString &id)
{
    Q_ASSERT(thread() == QThread::currentThread());
    const std::string key = id.toStdString();
    auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const SourceStatus &s) { return s.id == key; });
    if (it == m_rows.end())
        return;
    const int row = static_cast<int>(it - m_rows.begin());
    beginRemoveRows({}, row, row);
    m_rows.erase(it);
    endRemoveRows();
    Q_EMIT countChanged();
}

} // namespace gs
