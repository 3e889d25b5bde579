#pragma once
// The detail pane's logic: the selected event's envelope, payload and deliveries, made readable.

#include <memory>

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QtQmlIntegration>

#include "models/deliveryhistorymodel.h"
#include "models/eventstreammodel.h"
#include "models/jsontreemodel.h"

namespace gs {

class Notifier;

/**
 * Follows one row of an EventStreamModel. Pretty-printing happens here, lazily, for the selected
 * event only (rule 21); long texts are capped with a visible marker and can be copied or saved whole.
 */
class EventDetailController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::EventStreamModel *model READ model WRITE setModel NOTIFY modelChanged)
    /** The selected row of `model`, -1 for none. */
    Q_PROPERTY(int row READ row WRITE setRow NOTIFY rowChanged)
    Q_PROPERTY(bool hasEvent READ hasEvent NOTIFY eventChanged)
    Q_PROPERTY(QString eventId READ eventId NOTIFY eventChanged)
    Q_PROPERTY(QString gateway READ gateway NOTIFY eventChanged)
    Q_PROPERTY(QString source READ source NOTIFY eventChanged)
    Q_PROPERTY(QString type READ type NOTIFY eventChanged)
    /** Time of receipt, RFC 3339 UTC with microseconds. */
    Q_PROPERTY(QString time READ time NOTIFY eventChanged)
    Q_PROPERTY(QString contentType READ contentType NOTIFY eventChanged)
    Q_PROPERTY(QString sizeText READ sizeText NOTIFY eventChanged)
    /** argo-v0.10, cloudevents-binary or cloudevents-structured. */
    Q_PROPERTY(QString envelopeKind READ envelopeKind NOTIFY eventChanged)
    /** Request metadata the source recorded (method, path, headers with secrets masked), one per line. */
    Q_PROPERTY(QString metaText READ metaText NOTIFY eventChanged)
    /** The payload pretty-printed (JSON indented), capped at displayLimit characters. */
    Q_PROPERTY(QString payloadText READ payloadText NOTIFY eventChanged)
    Q_PROPERTY(bool payloadTruncated READ payloadTruncated NOTIFY eventChanged)
    Q_PROPERTY(bool payloadIsJson READ payloadIsJson NOTIFY eventChanged)
    /** The envelope as sent: headers, a blank line, the body (JSON indented), capped like the payload. */
    Q_PROPERTY(QString envelopeText READ envelopeText NOTIFY eventChanged)
    Q_PROPERTY(bool envelopeTruncated READ envelopeTruncated NOTIFY eventChanged)
    /** E.g. "Showing the first 64 KiB of 3.1 MiB" when something is truncated. */
    Q_PROPERTY(QString truncationText READ truncationText NOTIFY eventChanged)
    Q_PROPERTY(gs::JsonTreeModel *payloadTree READ payloadTree CONSTANT)
    Q_PROPERTY(gs::DeliveryHistoryModel *deliveries READ deliveries CONSTANT)
    /** The last save's outcome, for the UI to show. */
    Q_PROPERTY(QString saveStatus READ saveStatus NOTIFY saveStatusChanged)
public:
    /** Characters shown at most in the text views. */
    static constexpr qsizetype kDisplayLimit = 64 * 1024;
    /** Payloads larger than this are shown as text only (no indentation, no tree). */
    static constexpr std::size_t kPrettyLimit = 1024 * 1024;

    explicit EventDetailController(QObject *parent = nullptr);
    ~EventDetailController() override;

    [[nodiscard]] EventStreamModel *model() const { return m_model; }
    void setModel(EventStreamModel *model);
    [[nodiscard]] int row() const { return m_row; }
    void setRow(int row);

    [[nodiscard]] bool hasEvent() const { return m_event != nullptr; }
    [[nodiscard]] QString eventId() const;
    [[nodiscard]] QString gateway() const;
    [[nodiscard]] QString source() const;
    [[nodiscard]] QString type() const;
    [[nodiscard]] QString time() const;
    [[nodiscard]] QString contentType() const;
    [[nodiscard]] QString sizeText() const;
    [[nodiscard]] QString envelopeKind() const;
    [[nodiscard]] QString metaText() const { return m_metaText; }
    [[nodiscard]] QString payloadText() const { return m_payloadText; }
    [[nodiscard]] bool payloadTruncated() const { return m_payloadTruncated; }
    [[nodiscard]] bool payloadIsJson() const { return m_payloadIsJson; }
    [[nodiscard]] QString envelopeText() const { return m_envelopeText; }
    [[nodiscard]] bool envelopeTruncated() const { return m_envelopeTruncated; }
    [[nodiscard]] QString truncationText() const;
    [[nodiscard]] JsonTreeModel *payloadTree() { return &m_tree; }
    [[nodiscard]] DeliveryHistoryModel *deliveries() { return &m_history; }
    [[nodiscard]] QString saveStatus() const { return m_saveStatus; }

    /** Copies the whole payload (not just what is shown) to the clipboard. */
    Q_INVOKABLE void copyPayload() const;
    /** Copies the whole envelope as sent (headers and body). */
    Q_INVOKABLE void copyEnvelope() const;
    /** Writes the whole payload to `file` on a worker thread; saveStatus says how it went. */
    Q_INVOKABLE void savePayload(const QUrl &file);

Q_SIGNALS:
    void modelChanged();
    void rowChanged();
    void eventChanged();
    void saveStatusChanged();

private:
    void reload();
    void refreshDeliveries(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    QPointer<EventStreamModel> m_model;
    int m_row = -1;
    std::shared_ptr<const EventRecord> m_event; // kept even after the row leaves the ring
    quint64 m_sequence = 0;
    QString m_metaText;
    QString m_payloadText;
    bool m_payloadTruncated = false;
    bool m_payloadIsJson = false;
    QString m_envelopeText;
    bool m_envelopeTruncated = false;
    QString m_saveStatus;
    JsonTreeModel m_tree;
    DeliveryHistoryModel m_history;
    std::shared_ptr<Notifier> m_notifier;
};

} // namespace gs
