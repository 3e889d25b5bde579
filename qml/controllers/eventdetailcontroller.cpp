#include "eventdetailcontroller.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QLocale>
#include <QThreadPool>

#include "client/notifier.h"
#include "core/json.h"
#include "models/displaytext.h"
#include "core/timefmt.h"
#include "envelope/cloudevent.h"

using namespace Qt::StringLiterals;

namespace gs {

namespace {
QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

/** `bytes` made readable: indented JSON when it is JSON, text when UTF-8, else a hex dump of the start. */
QString readable(const std::string &bytes, bool json, bool *isJson)
{
    *isJson = false;
    const QByteArray raw = QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size()));
    if (json && bytes.size() <= EventDetailController::kPrettyLimit) {
        // Our reader keeps member order, duplicates and numbers as written; QJsonDocument does not.
        if (auto doc = json::parse(bytes)) {
            *isJson = true;
            return neutralizeBidi(QString::fromStdString(json::writeIndented(*doc)));
        }
    }
    if (json::isValidUtf8(bytes))
        return neutralizeBidi(QString::fromUtf8(raw.left(EventDetailController::kDisplayLimit * 4)));
    // Binary: hex of the first bytes, 16 a line.
    QString out = QObject::tr("binary data, %1 bytes").arg(bytes.size()) + u"\n\n"_s;
    const qsizetype n = std::min<qsizetype>(raw.size(), 4096);
    for (qsizetype i = 0; i < n; i += 16)
        out += QString::fromLatin1(raw.mid(i, 16).toHex(' ')) + u'\n';
    return out;
}

QString capped(QString text, bool *truncated)
{
    *truncated = text.size() > EventDetailController::kDisplayLimit;
    if (*truncated)
        text.truncate(EventDetailController::kDisplayLimit);
    return text;
}
} // namespace

EventDetailController::EventDetailController(QObject *parent)
    : QObject(parent)
    , m_notifier(std::make_shared<Notifier>(this))
{
}

EventDetailController::~EventDetailController()
{
    m_notifier->detach();
}

void EventDetailController::setModel(EventStreamModel *model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model)
        connect(m_model, &QAbstractItemModel::dataChanged, this, &EventDetailController::refreshDeliveries);
    Q_EMIT modelChanged();
    reload();
}

void EventDetailController::setRow(int row)
{
    if (row == m_row)
        return;
    m_row = row;
    Q_EMIT rowChanged();
    reload();
}

void EventDetailController::refreshDeliveries(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!m_event || m_row < topLeft.row() || m_row > bottomRight.row())
        return;
    if (const StoredEvent *ev = m_model->eventAt(m_row); ev && ev->record == m_event)
        m_history.setHistory(ev, &m_model->store());
}

void EventDetailController::reload()
{
    const StoredEvent *ev = m_model ? m_model->eventAt(m_row) : nullptr;
    if (!ev) {
        if (!m_event)
            return;
        m_event.reset();
        m_metaText.clear();
        m_payloadText.clear();
        m_envelopeText.clear();
        m_payloadTruncated = m_envelopeTruncated = m_payloadIsJson = false;
        m_tree.clear();
        m_history.setHistory(nullptr, nullptr);
        Q_EMIT eventChanged();
        return;
    }
    m_history.setHistory(ev, &m_model->store());
    if (ev->record == m_event)
        return; // the same event in a shifted row
    m_event = ev->record;
    const EventRecord &r = *m_event;

    m_metaText.clear();
    for (const auto &[k, v] : r.meta)
        m_metaText += QString::fromStdString(k) + u": "_s + QString::fromStdString(v) + u'\n';

    const bool looksJson = isJsonMediaType(r.contentType) || (r.contentType.empty() && !r.payload.empty());
    bool isJson = false;
    m_payloadText = capped(readable(r.payload, looksJson, &isJson), &m_payloadTruncated);
    m_payloadIsJson = isJson;
    if (isJson) {
        if (auto doc = json::parse(r.payload))
            m_tree.setJson(*doc);
        else
            m_tree.clear();
    } else {
        m_tree.clear();
    }

    if (r.sent) {
        QString text = u"POST\n"_s;
        std::string bodyType;
        for (const auto &[k, v] : r.sent->headers) {
            text += QString::fromStdString(k) + u": "_s + QString::fromStdString(v) + u'\n';
            if (QString::fromStdString(k).compare(u"content-type"_s, Qt::CaseInsensitive) == 0)
                bodyType = v;
        }
        bool bodyJson = false;
        text += u'\n' + readable(r.sent->body, isJsonMediaType(bodyType), &bodyJson);
        m_envelopeText = capped(text, &m_envelopeTruncated);
    } else {
        m_envelopeText = tr("Not delivered: the gateway has no reachable watcher or sink.");
        m_envelopeTruncated = false;
    }
    Q_EMIT eventChanged();
}

QString EventDetailController::eventId() const
{
    return m_event ? QString::fromStdString(m_event->id) : QString();
}
QString EventDetailController::gateway() const
{
    return m_event ? QString::fromStdString(m_event->gateway) : QString();
}
QString EventDetailController::source() const
{
    return m_event ? QString::fromStdString(m_event->source) : QString();
}
QString EventDetailController::type() const
{
    return m_event ? QString::fromStdString(m_event->type) : QString();
}
QString EventDetailController::time() const
{
    return m_event ? QString::fromStdString(formatMicroTime(m_event->time)) : QString();
}
QString EventDetailController::contentType() const
{
    return m_event ? QString::fromStdString(m_event->contentType) : QString();
}
QString EventDetailController::sizeText() const
{
    return m_event ? gs::sizeText(static_cast<qint64>(m_event->size())) : QString();
}
QString EventDetailController::envelopeKind() const
{
    if (!m_event)
        return {};
    const auto s = toString(m_event->envelope);
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString EventDetailController::truncationText() const
{
    if (!m_event || (!m_payloadTruncated && !m_envelopeTruncated))
        return {};
    return tr("Truncated: the view shows the first %1 of the readable text; copy or save the payload (%2) to get all of it.")
        .arg(gs::sizeText(kDisplayLimit), gs::sizeText(static_cast<qint64>(m_event->size())));
}

void EventDetailController::copyPayload() const
{
    if (m_event)
        QGuiApplication::clipboard()->setText(QString::fromUtf8(m_event->payload.data(), static_cast<qsizetype>(m_event->payload.size())));
}

void EventDetailController::copyEnvelope() const
{
    if (!m_event || !m_event->sent)
        return;
    QString text;
    for (const auto &[k, v] : m_event->sent->headers)
        text += QString::fromStdString(k) + u": "_s + QString::fromStdString(v) + u'\n';
    text += u'\n' + QString::fromUtf8(m_event->sent->body.data(), static_cast<qsizetype>(m_event->sent->body.size()));
    QGuiApplication::clipboard()->setText(text);
}

void EventDetailController::savePayload(const QUrl &file)
{
    if (!m_event)
        return;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    m_saveStatus = tr("Saving to %1…").arg(path);
    Q_EMIT saveStatusChanged();
    // File I/O off the GUI thread; the record is shared, immutable, and kept alive by the job.
    QThreadPool::globalInstance()->start([event = m_event, path, notifier = m_notifier, self = this] {
        QFile f(path);
        QString status;
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            status = QObject::tr("Could not save to %1: %2").arg(path, f.errorString());
        else if (f.write(event->payload.data(), static_cast<qint64>(event->payload.size())) != static_cast<qint64>(event->payload.size()))
            status = QObject::tr("Could not save to %1: %2").arg(path, f.errorString());
        else
            status = QObject::tr("Saved %1 to %2").arg(gs::sizeText(static_cast<qint64>(event->payload.size())), path);
        notifier->post([self, status] {
            self->m_saveStatus = status;
            Q_EMIT self->saveStatusChanged();
        });
    });
}

} // namespace gs
