#pragma once
// The delivery history of one event: every state change per watcher or sink.

#include <vector>

#include <QAbstractListModel>
#include <QtQmlIntegration>

#include "store/eventstore.h"

namespace gs {

/** Rows are the state changes of the selected event's deliveries, oldest first. */
class DeliveryHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("EventDetailController provides the delivery history")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /** How many watchers and sinks the event went to (entries are state changes: several per target). */
    Q_PROPERTY(int targetCount READ targetCount NOTIFY countChanged)
public:
    enum Role {
        TargetRole = Qt::UserRole + 1, ///< QString: the watcher or sink (name and URL)
        StateRole, ///< QString: pending, retrying, delivered or failed
        AttemptsRole, ///< int: attempts made so far
        HttpStatusRole, ///< int: the last HTTP status, 0 if none
        ErrorRole, ///< QString: the last failure, if any
        TimeRole, ///< QString: when, local hh:mm:ss.zzz
    };
    Q_ENUM(Role)

    explicit DeliveryHistoryModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return static_cast<int>(m_rows.size()); }
    [[nodiscard]] int targetCount() const;

    /** Shows `event`'s history (target names from `store`); appends when only new entries came. */
    void setHistory(const StoredEvent *event, const EventStore *store);

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        QString target;
        DeliveryEntry entry;
    };
    std::vector<Row> m_rows;
};

} // namespace gs
