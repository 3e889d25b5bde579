#pragma once
// The gateways the app runs, each with its sources.

#include <memory>
#include <vector>

#include <QAbstractListModel>
#include <QStringList>
#include <QtQmlIntegration>

#include "sourcelistmodel.h"

namespace gs {

/** One row per gateway started in the app (from files or the demo), with a SourceListModel each. */
class GatewayListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("GatewayManager provides the gateway list")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< QString: Gateway metadata.name
        TypeRole, ///< QString: spec.type
        OriginRole, ///< QString: where it came from (file paths, or "built-in demo")
        EnvelopeRole, ///< QString: argo-v0.10, cloudevents-binary or cloudevents-structured
        TargetsRole, ///< QString: watchers and sinks events are delivered to, comma-separated
        WarningsRole, ///< QStringList: non-fatal findings (skipped watchers, ...)
        SourcesRole, ///< SourceListModel*: its event sources
        SummaryRole, ///< QString: e.g. "2 of 2 sources running"
        HealthyRole, ///< bool: every source running
    };
    Q_ENUM(Role)

    /** What a row shows besides its sources. */
    struct Info {
        QString name;
        QString type;
        QString origin;
        QString envelope;
        QStringList targets;
        QStringList warnings;
    };

    explicit GatewayListModel(QObject *parent = nullptr);
    ~GatewayListModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return static_cast<int>(m_rows.size()); }

    void add(const Info &info);
    void remove(const QString &name);
    /** The sources of gateway `name`, or nullptr. */
    [[nodiscard]] SourceListModel *sources(const QString &name) const;
    [[nodiscard]] int rowOf(const QString &name) const;

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        Info info;
        SourceListModel *sources = nullptr; // a child of this model, so QML never owns it
    };
    void sourcesChanged(SourceListModel *sources);
    std::vector<Row> m_rows;
};

} // namespace gs
