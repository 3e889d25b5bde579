#pragma once
// The event sources of one running gateway and their live state.

#include <vector>

#include <QAbstractListModel>
#include <QtQmlIntegration>

#include "client/sourcestatus.h"

namespace gs {

/** One row per ConfigMap entry of a gateway, updated from GatewayClient::sourceStatusChanged. */
class SourceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Each gateway provides its sources")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        SourceIdRole = Qt::UserRole + 1, ///< QString: v0.10 node id
        NameRole, ///< QString: ConfigMap key
        PhaseRole, ///< int: Phase
        PhaseTextRole, ///< QString: starting, running, failed, restarting in N s, invalid, completed
        MessageRole, ///< QString: why it is in this phase (error, validation reason), or empty
        ConnectionRole, ///< QString: the source's own state report (e.g. "connected: listening on ...")
        RestartsRole, ///< int: restarts so far
        EventsRole, ///< qint64: events received
        ConnectionPhaseRole, ///< QString: connecting, connected, reconnecting, failed, or empty (sources without a connection)
        ConnectionMessageRole, ///< QString: the broker and the last error (no secrets), or empty
    };
    Q_ENUM(Role)
    /** Same values as gs::SourcePhase. */
    enum Phase { Starting, Running, Invalid, Failed, Completed };
    Q_ENUM(Phase)

    explicit SourceListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return static_cast<int>(m_rows.size()); }

    /** Inserts or updates the row of `status.id`. */
    void update(const SourceStatus &status);
    void remove(const QString &id);
    [[nodiscard]] const std::vector<SourceStatus> &statuses() const { return m_rows; }
    /** Text for a phase as the sidebar shows it. */
    [[nodiscard]] static QString phaseText(const SourceStatus &status);

Q_SIGNALS:
    void countChanged();

private:
    std::vector<SourceStatus> m_rows; // ordered by name
};

} // namespace gs
