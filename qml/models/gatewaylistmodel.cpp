#include "gatewaylistmodel.h"

#include <QThread>

namespace gs {

GatewayListModel::GatewayListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

GatewayListModel::~GatewayListModel() = default;

int GatewayListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> GatewayListModel::roleNames() const
{
    return {
        {NameRole, "name"},
        {TypeRole, "type"},
        {OriginRole, "origin"},
        {EnvelopeRole, "envelope"},
        {TargetsRole, "targets"},
        {WarningsRole, "warnings"},
        {SourcesRole, "sources"},
        {SummaryRole, "summary"},
        {HealthyRole, "healthy"},
    };
}

QVariant GatewayListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    int running = 0;
    for (const auto &s : r.sources->statuses())
        running += s.phase == SourcePhase::Running;
    const int total = r.sources->count();
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.info.name;
    case TypeRole:
        return r.info.type;
    case OriginRole:
        return r.info.origin;
    case EnvelopeRole:
        return r.info.envelope;
    case TargetsRole:
        return r.info.targets.join(QStringLiteral(", "));
    case WarningsRole:
        return r.info.warnings;
    case SourcesRole:
        return QVariant::fromValue(r.sources);
    case SummaryRole:
        return total == 0 ? tr("no sources") : tr("%1 of %2 sources running").arg(running).arg(total);
    case HealthyRole:
        return total > 0 && running == total;
    default:
        return {};
    }
}

void GatewayListModel::add(const Info &info)
{
    Q_ASSERT(thread() == QThread::currentThread());
    const int row = count();
    beginInsertRows({}, row, row);
    Row r {info, new SourceListModel(this)};
    SourceListModel *sources = r.sources;
    // A source's phase changes the gateway's summary line.
    connect(sources, &QAbstractItemModel::dataChanged, this, [this, sources] { sourcesChanged(sources); });
    connect(sources, &SourceListModel::countChanged, this, [this, sources] { sourcesChanged(sources); });
    m_rows.push_back(std::move(r));
    endInsertRows();
    Q_EMIT countChanged();
}

void GatewayListModel::sourcesChanged(SourceListModel *sources)
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].sources == sources) {
            const QModelIndex ix = index(static_cast<int>(i));
            Q_EMIT dataChanged(ix, ix, {SummaryRole, HealthyRole});
        }
    }
}

void GatewayListModel::remove(const QString &name)
{
    Q_ASSERT(thread() == QThread::currentThread());
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    // QML may still hold the sources model until its delegates go: delete it later, on this thread.
    m_rows[static_cast<std::size_t>(row)].sources->deleteLater();
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    Q_EMIT countChanged();
}

SourceListModel *GatewayListModel::sources(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? nullptr : m_rows[static_cast<std::size_t>(row)].sources;
}

int GatewayListModel::rowOf(const QString &name) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].info.name == name)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace gs
