#include "editordocument.h"

#include <algorithm>

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPalette>
#include <QSaveFile>
#include <QSettings>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QThreadPool>

#include "client/notifier.h"
#include "controllers/gatewaymanager.h"
#include "core/json.h"
#include "envelope/encoder.h"
#include "sources/preview.h"
#include "sources/schemas.h"
#include "spec/manifests.h"
#include "spec/newtemplate.h"
#include "spec/objectschemas.h"
#include "spec/validator.h"
#include "yamlhighlighter.h"

namespace gs {

namespace {

constexpr int kMaxRecent = 10;
constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;
constexpr int kFirings = 10;
const QString kRecentKey = QStringLiteral("editor/recentFiles");

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

QString localPath(const QUrl &url)
{
    return EditorDocument::localPathOf(url);
}

/** The character position in `text` (UTF-8) of byte `offset`. */
int charPosition(const std::string &text, std::size_t offset)
{
    return static_cast<int>(QString::fromUtf8(text.data(), static_cast<qsizetype>(std::min(offset, text.size()))).size());
}

/** Headers, a blank line and the body (indented when it is JSON), as the preview shows an encoded event. */
QString showEncoded(const EncodedEvent &e)
{
    QString out;
    for (const auto &[name, value] : e.headers)
        out += QString::fromStdString(name) + QStringLiteral(": ") + QString::fromStdString(value) + QLatin1Char('\n');
    out += QLatin1Char('\n');
    if (auto v = json::parse(e.body))
        out += QString::fromStdString(json::writeIndented(*v, 2));
    else
        out += QString::fromUtf8(e.body.data(), static_cast<qsizetype>(e.body.size()));
    return out;
}

/**
 * The document's text exactly: toPlainText() would turn no-break spaces into spaces, which changes
 * YAML values; only the block separators become line breaks.
 */
QString exactText(const QTextDocument *d)
{
    QString t = d->toRawText();
    t.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    return t;
}

/** The node of the data entry a source section stands for (its YAML text when it is a scalar). */
yaml::Node sourceValue(const yaml::DocumentEditor &editor, const form::Section &s)
{
    return editor.documents()[s.document].root.get("data").get(s.sourceName);
}

bool isDark()
{
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

} // namespace

/** What the worker computes from one revision of the text. */
struct EditorDocument::Analysis {
    quint64 revision = 0;
    std::string text;
    std::string fileName;
    std::string sectionTitle; // the section the user is on, to find it again
    int sectionIndex = 0;
    EnvelopeKind envelope = EnvelopeKind::Argo;

    std::vector<Diagnostic> problems;
    std::optional<yaml::DocumentEditor> editor;
    std::string syntaxError;
    std::vector<form::Section> sections;
    int section = 0;
    std::vector<form::Row> rows;
    QString formNote;
    std::optional<Result<preview::Firings>> firings; // a calendar source's, else none
    QString envelopePreview;
    double workerMs = 0;

    void run()
    {
        const auto started = Clock::now();
        ValidateOptions options;
        options.sourceSchema = [](std::string_view type) { return sourceSchema(type); };
        options.knownSchemas = sourceSchemas();
        problems = validateFiles({{fileName, text}}, options);
        auto opened = yaml::DocumentEditor::open(text, fileName);
        if (!opened) {
            syntaxError = opened.error().text();
            workerMs = msSince(started);
            return;
        }
        editor = std::move(*opened);
        sections = form::sections(editor->documents(), options.sourceSchema, options.knownSchemas);
        section = -1;
        for (std::size_t i = 0; i < sections.size(); ++i) {
            if (sections[i].title == sectionTitle)
                section = static_cast<int>(i);
        }
        if (section < 0)
            section = sections.empty() ? 0 : std::clamp(sectionIndex, 0, static_cast<int>(sections.size()) - 1);
        if (!sections.empty()) {
            const form::Section &s = sections[static_cast<std::size_t>(section)];
            rows = form::rows(s, *editor);
            formNote = note(s);
            preview(s);
        }
        workerMs = msSince(started);
    }

    /** Why `s` has no form: free-form YAML, or a source whose own YAML does not parse. */
    QString note(const form::Section &s) const
    {
        if (!s.sourceName.empty()) {
            const yaml::Node value = sourceValue(*editor, s);
            if (!value.isScalar())
                return QObject::tr("%1 is not text holding the source's YAML: fix it in the YAML (see the problems).")
                    .arg(QString::fromStdString(s.pathPrefix));
            if (auto parsed = yaml::parseSingle(value.scalar(), "config"); !parsed)
                return QObject::tr("The YAML of %1 does not parse: fix it in the YAML (see the problems); the form shows it again once it does.")
                    .arg(QString::fromStdString(s.pathPrefix));
        }
        if (!s.schema)
            return s.sourceName.empty() ? QObject::tr("This document has no schema here: edit it in the YAML.")
                                        : QObject::tr("A %1 source is free-form YAML (its gateway server checks it): edit it in the YAML.")
                                              .arg(QString::fromStdString(s.sourceType));
        return {};
    }

    void preview(const form::Section &s)
    {
        if (s.sourceName.empty()) {
            envelopePreview = QObject::tr("Select an event source to preview the events it produces.");
            return;
        }
        const yaml::Node value = sourceValue(*editor, s);
        const std::string config = value.isScalar() ? value.scalar() : std::string();
        const SysNanos now = nowNanos();
        if (s.sourceType == "calendar")
            firings = preview::calendarFirings(config, now, kFirings);
        std::string gateway;
        for (const auto &d : editor->documents()) {
            if (d.root.get("kind").isScalar() && d.root.get("kind").scalar() == "Gateway" && d.root.get("metadata").get("name").isScalar())
                gateway = d.root.get("metadata").get("name").scalar();
        }
        const Event ev = preview::sampleEvent(s.sourceType, config, gateway.empty() ? std::string("gateway") : gateway, s.sourceName, now);
        if (auto encoded = encodeEvent(ev, envelope))
            envelopePreview = showEncoded(*encoded);
        else
            envelopePreview = QString::fromStdString(encoded.error().text());
    }
};

EditorDocument::EditorDocument(GatewayManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_notifier(std::make_shared<Notifier>(this))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(25);
    connect(&m_debounce, &QTimer::timeout, this, &EditorDocument::startAnalysis);
    m_firingTimer.setSingleShot(true);
    m_firingTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_firingTimer, &QTimer::timeout, this, &EditorDocument::refreshFirings);
    m_recent = QSettings().value(kRecentKey).toStringList();
    m_ownDocument = std::make_unique<QTextDocument>();
    attach(m_ownDocument.get());
    if (qApp)
        qApp->installEventFilter(this);
}

bool EditorDocument::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange && m_highlighter)
        m_highlighter->setDark(isDark());
    return QObject::eventFilter(watched, event);
}

EditorDocument::~EditorDocument()
{
    m_notifier->detach();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    // The view's document may outlive us: take the highlighter back.
    if (m_highlighter && m_document != m_ownDocument.get())
        delete m_highlighter;
}

void EditorDocument::setTextDocument(QQuickTextDocument *document)
{
    if (m_quickDocument == document)
        return;
    const QString text = exactText(m_document);
    const bool wasModified = modified();
    m_quickDocument = document;
    QTextDocument *target = document ? document->textDocument() : m_ownDocument.get();
    attach(target);
    // The view takes over the text, and its state: a view that was just made is not "modified".
    if (exactText(target) != text)
        target->setPlainText(text);
    target->clearUndoRedoStacks();
    target->setModified(wasModified);
    Q_EMIT textDocumentChanged();
}

void EditorDocument::attach(QTextDocument *document)
{
    if (m_document) {
        disconnect(m_document, nullptr, this, nullptr);
        if (m_highlighter) {
            m_highlighter->setDocument(nullptr);
            delete m_highlighter;
            m_highlighter = nullptr;
        }
    }
    m_document = document;
    m_highlighter = new YamlHighlighter(document);
    m_highlighter->setDark(isDark());
    m_highlighter->setProblems(m_problems.problems());
    connect(document, &QTextDocument::contentsChanged, this, &EditorDocument::onContentsChanged);
    connect(document, &QTextDocument::modificationChanged, this, &EditorDocument::modifiedChanged);
    connect(document, &QTextDocument::undoAvailable, this, &EditorDocument::undoRedoChanged);
    connect(document, &QTextDocument::redoAvailable, this, &EditorDocument::undoRedoChanged);
    connect(document, &QObject::destroyed, this, [this](QObject *gone) {
        if (gone != m_document || gone == m_ownDocument.get())
            return;
        m_highlighter = nullptr; // deleted with its document
        m_document = nullptr;
        attach(m_ownDocument.get());
    });
    Q_EMIT modifiedChanged();
    Q_EMIT undoRedoChanged();
}

QString EditorDocument::localPathOf(const QUrl &url)
{
    return url.isLocalFile() ? url.toLocalFile() : url.toString();
}

QString EditorDocument::fileName() const
{
    return m_url.isEmpty() ? tr("Untitled") : QFileInfo(localPath(m_url)).fileName();
}

bool EditorDocument::modified() const
{
    return m_document && m_document->isModified();
}

bool EditorDocument::canUndo() const
{
    return m_document && m_document->isUndoAvailable();
}

bool EditorDocument::canRedo() const
{
    return m_document && m_document->isRedoAvailable();
}

void EditorDocument::setCurrentSection(int index)
{
    if (index == m_current || index < 0 || index >= static_cast<int>(m_sections.size()))
        return;
    m_current = index;
    m_form.update({}, {}); // the rows of the section shown are on their way
    Q_EMIT currentSectionChanged();
    Q_EMIT sectionChosen(index, sectionLine(index));
    analyzeNow();
}

const form::Section *EditorDocument::formSection() const
{
    return m_formSection == m_current ? section() : nullptr;
}

const form::Section *EditorDocument::section() const
{
    return m_current >= 0 && m_current < static_cast<int>(m_sections.size()) ? &m_sections[static_cast<std::size_t>(m_current)] : nullptr;
}

QString EditorDocument::sourceType() const
{
    const auto *s = section();
    return s ? QString::fromStdString(s->sourceName.empty() ? std::string() : s->sourceType) : QString();
}

bool EditorDocument::hasForm() const
{
    const auto *s = section();
    return s && s->schema && m_formNote.isEmpty();
}

bool EditorDocument::runnable() const
{
    return std::any_of(m_sections.begin(), m_sections.end(), [](const form::Section &s) { return s.schema == &gatewaySchema(); });
}

int EditorDocument::sectionLine(int index) const
{
    return index >= 0 && index < static_cast<int>(m_sections.size()) ? m_sections[static_cast<std::size_t>(index)].line : 0;
}

void EditorDocument::setEnvelope(const QString &envelope)
{
    if (envelope == m_envelope || !parseEnvelopeKind(envelope.toStdString()))
        return;
    m_envelope = envelope;
    Q_EMIT envelopeChanged();
    analyzeNow();
}

QStringList EditorDocument::envelopes() const
{
    QStringList out;
    for (auto k : {EnvelopeKind::Argo, EnvelopeKind::CloudEventsBinary, EnvelopeKind::CloudEventsStructured})
        out << QString::fromLatin1(toString(k).data(), static_cast<qsizetype>(toString(k).size()));
    return out;
}

QStringList EditorDocument::templateTypes() const
{
    QStringList out;
    for (const auto *s : sourceSchemas())
        out << QString::fromStdString(s->type);
    return out;
}

void EditorDocument::setDebounceMs(int ms)
{
    if (ms == m_debounce.interval() || ms < 0)
        return;
    m_debounce.setInterval(ms);
    Q_EMIT debounceMsChanged();
}

std::string EditorDocument::text() const
{
    return m_document ? exactText(m_document).toStdString() : std::string();
}

void EditorDocument::setText(const QString &text)
{
    QTextCursor c(m_document);
    c.beginEditBlock();
    c.select(QTextCursor::Document);
    c.insertText(text);
    c.endEditBlock();
}

void EditorDocument::onContentsChanged()
{
    ++m_revision;
    m_changedAt = Clock::now();
    if (m_applyingEdit)
        m_editorRevision = m_revision; // the form's edit: m_editor already holds this text
    m_debounce.start();
}

void EditorDocument::analyzeNow()
{
    m_debounce.stop();
    startAnalysis();
}

void EditorDocument::startAnalysis()
{
    if (m_analyzing) { // one at a time; the newest text is analyzed next
        m_changedWhileAnalyzing = true;
        return;
    }
    auto job = std::make_shared<Analysis>();
    job->revision = m_revision;
    job->text = text();
    job->fileName = m_url.isEmpty() ? std::string("untitled.yaml") : localPath(m_url).toStdString();
    if (const auto *s = section())
        job->sectionTitle = s->title;
    job->sectionIndex = m_current;
    job->envelope = parseEnvelopeKind(m_envelope.toStdString()).value_or(EnvelopeKind::Argo);
    m_analyzing = m_revision + 1; // non-zero even for revision 0
    m_changedWhileAnalyzing = false;
    QThreadPool::globalInstance()->start([job, notifier = m_notifier, self = this] {
        job->run();
        notifier->post([self, job] { self->apply(job); });
    });
}

void EditorDocument::apply(std::shared_ptr<Analysis> result)
{
    const auto started = Clock::now();
    m_analyzing = 0;
    if (result->revision != m_revision || m_changedWhileAnalyzing) {
        startAnalysis(); // the text moved on: this result describes text that is gone
        return;
    }
    m_problems.update(std::move(result->problems));
    if (m_highlighter)
        m_highlighter->setProblems(m_problems.problems());
    const QString syntax = QString::fromStdString(result->syntaxError);
    m_syntaxError = syntax;
    if (result->editor) {
        m_editor = std::move(result->editor);
        m_editorRevision = result->revision;
        QStringList titles;
        for (const auto &s : result->sections)
            titles << QString::fromStdString(s.title);
        m_sections = std::move(result->sections);
        const bool sectionMoved = result->section != m_current;
        m_current = result->section;
        const bool sectionsMoved = titles != m_sectionTitles;
        if (sectionsMoved) {
            m_sectionTitles = titles;
            m_sectionModel.setStringList(titles);
            Q_EMIT sectionsChanged();
        }
        if (sectionMoved || sectionsMoved) // the section's type and form may be new
            Q_EMIT currentSectionChanged();
        m_form.update(std::move(result->rows), m_problems.problems());
        m_formSection = m_current;
        m_formNote = result->formNote;
        setFirings(result->firings ? &*result->firings : nullptr);
        m_envelopePreview = result->envelopePreview;
    } else {
        // The form keeps the last text that parsed; its markers show the current problems.
        std::vector<form::Row> rows;
        for (int i = 0; i < m_form.count(); ++i)
            rows.push_back(*m_form.row(i));
        m_form.update(std::move(rows), m_problems.problems());
    }
    m_lastApplyMs = msSince(started);
    m_lastWorkerMs = result->workerMs;
    m_lastLatencyMs = std::chrono::duration<double, std::milli>(Clock::now() - m_changedAt).count();
    Q_EMIT analyzed();
}

void EditorDocument::setFirings(const Result<preview::Firings> *firings)
{
    QStringList lines;
    QString note;
    std::optional<SysNanos> first;
    if (firings && *firings) {
        for (const auto &line : (*firings)->lines)
            lines << QString::fromStdString(line);
        first = (*firings)->first;
        if (lines.isEmpty())
            note = tr("The schedule never fires again.");
    } else if (firings) {
        note = QString::fromStdString(firings->error().text());
    }
    const bool changed = lines != m_firings || note != m_firingsNote;
    m_firings = std::move(lines);
    m_firingsNote = std::move(note);
    // The list is live: once its first firing is past, it is computed again.
    m_firingTimer.stop();
    if (first) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*first - nowNanos());
        m_firingTimer.start(static_cast<int>(std::clamp<long long>(wait.count() + 5, 5, 3600 * 1000)));
    }
    if (changed)
        Q_EMIT firingsChanged();
}

void EditorDocument::refreshFirings()
{
    const form::Section *s = section();
    if (!s || s->sourceType != "calendar" || !m_editor || m_editorRevision != m_revision)
        return; // an analysis is on its way and brings its own list
    const yaml::Node value = sourceValue(*m_editor, *s);
    const auto firings = preview::calendarFirings(value.isScalar() ? value.scalar() : std::string(), nowNanos(), kFirings);
    setFirings(&firings);
}

QVariantMap EditorDocument::timings() const
{
    return {{QStringLiteral("latencyMs"), m_lastLatencyMs}, {QStringLiteral("workerMs"), m_lastWorkerMs},
        {QStringLiteral("applyMs"), m_lastApplyMs}};
}

yaml::DocumentEditor *EditorDocument::currentEditor()
{
    if (m_editor && m_editorRevision == m_revision)
        return &*m_editor;
    auto opened = yaml::DocumentEditor::open(text(), fileName().toStdString());
    if (!opened) {
        setError(tr("Fix the YAML first: %1").arg(QString::fromStdString(opened.error().text())));
        return nullptr;
    }
    m_editor = std::move(*opened);
    m_editorRevision = m_revision;
    return &*m_editor;
}

void EditorDocument::applyEdit(const yaml::TextEdit &edit, const std::string &before, const std::string &mergeKey)
{
    const int from = charPosition(before, edit.offset);
    const int to = charPosition(before, edit.offset + edit.length);
    QTextCursor c(m_document);
    m_applyingEdit = true;
    const bool merge = !mergeKey.empty() && mergeKey == m_lastEditKey && m_lastEditRevision == m_revision
        && Clock::now() - m_lastEditAt < std::chrono::seconds(2) && m_document->isUndoAvailable();
    if (merge)
        c.joinPreviousEditBlock();
    else
        c.beginEditBlock();
    c.setPosition(from);
    c.setPosition(to, QTextCursor::KeepAnchor);
    c.insertText(QString::fromStdString(edit.text));
    c.endEditBlock();
    m_applyingEdit = false;
    m_lastEditKey = mergeKey;
    m_lastEditRevision = m_revision;
    m_lastEditAt = Clock::now();
    // Typing in a field should not wait a whole debounce for its markers.
    m_debounce.start(std::min(m_debounce.interval(), 20));
}

bool EditorDocument::commitEdit(
    const Result<yaml::TextEdit> &edit, const std::string &before, const std::string &where, const std::string &mergeKey)
{
    if (!edit) {
        setError(tr("%1: %2").arg(QString::fromStdString(where), QString::fromStdString(edit.error().text())));
        return false;
    }
    applyEdit(*edit, before, mergeKey);
    return true;
}

bool EditorDocument::setFieldValue(int row, const QString &value)
{
    const form::Row *r = m_form.row(row);
    const form::Section *s = formSection();
    if (!r || !s || r->role != form::RowRole::Field)
        return false;
    const std::string v = value.toStdString();
    if (v == r->value && r->present)
        return true;
    auto *editor = currentEditor();
    if (!editor)
        return false;
    const std::string before = editor->text();
    Result<yaml::TextEdit> edit = fail("");
    if (v.empty()) {
        if (!r->present)
            return true;
        edit = editor->remove(s->document, r->editPath);
    } else {
        edit = editor->setValue(s->document, r->editPath, v, r->yamlValue ? yaml::ValueKind::Yaml : yaml::ValueKind::String);
    }
    const std::string key = r->path;
    if (!commitEdit(edit, before, key, key))
        return false;
    m_form.setValue(row, v); // shown at once; the next analysis confirms it
    return true;
}

bool EditorDocument::removeRow(int row)
{
    const form::Row *r = m_form.row(row);
    const form::Section *s = formSection();
    if (!r || !s || !r->present)
        return false;
    auto *editor = currentEditor();
    if (!editor)
        return false;
    const std::string before = editor->text();
    return commitEdit(editor->remove(s->document, r->editPath), before, r->path);
}

bool EditorDocument::addEntry(int row, const QString &key)
{
    const form::Row *r = m_form.row(row);
    const form::Section *s = formSection();
    if (!r || !s || !r->canAdd || !r->field)
        return false;
    auto *editor = currentEditor();
    if (!editor)
        return false;
    // The new entry holds the fields a user must fill, with their examples.
    yaml::Node entry = yaml::Node::mapping();
    for (const auto &f : r->field->fields) {
        if (!f.required)
            continue;
        const std::string sample = f.example.empty() ? f.defaultValue : f.example;
        auto parsed = yaml::parseSingle(sample.empty() ? std::string("\"\"") : sample, "example");
        entry.add(f.key, parsed && parsed->isDefined() ? *parsed : yaml::Node::scalar(""));
    }
    if (entry.size() == 0 && !r->field->fields.empty())
        entry.add(r->field->fields.front().key, yaml::Node::scalar("", yaml::ScalarStyle::DoubleQuoted));
    yaml::Path path = r->editPath;
    const yaml::Node current = editor->find(s->document, path);
    yaml::Node grown;
    if (r->field->kind == schema::Kind::List) {
        grown = current.isSequence() ? current : yaml::Node::sequence();
        if (current.isSequence()) {
            path.push_back({{}, static_cast<int>(current.size())});
            grown = entry;
        } else {
            grown.push(entry);
        }
    } else {
        const std::string k = key.trimmed().toStdString();
        if (k.empty()) {
            setError(tr("%1: name the new entry").arg(QString::fromStdString(r->path)));
            return false;
        }
        if (current.isMapping() && current.entry(k)) {
            setError(tr("%1: there is already an entry named %2").arg(QString::fromStdString(r->path), key));
            return false;
        }
        path.push_back({k, -1});
        grown = entry;
    }
    const std::string before = editor->text();
    return commitEdit(editor->setNode(s->document, path, grown), before, r->path);
}

bool EditorDocument::addSource(const QString &key)
{
    const form::Section *s = section();
    if (!s || !s->sourceName.empty() || s->schema == nullptr || s->title.rfind("ConfigMap", 0) != 0) {
        setError(tr("Select a ConfigMap to add an event source to it."));
        return false;
    }
    const std::string k = key.trimmed().toStdString();
    if (const std::string problem = configMapKeyProblem(k); !problem.empty()) {
        setError(tr("data.%1: %2").arg(key, QString::fromStdString(problem)));
        return false;
    }
    auto *editor = currentEditor();
    if (!editor)
        return false;
    if (editor->find(s->document, {{"data", -1}, {k, -1}}).isDefined()) {
        setError(tr("data.%1: there is already an event source with that key").arg(key));
        return false;
    }
    // The type of the ConfigMap's other sources, else the Gateway's in this file.
    std::string type;
    for (const auto &other : m_sections) {
        if (other.document == s->document && !other.sourceName.empty())
            type = other.sourceType;
    }
    if (type.empty()) {
        for (const auto &d : editor->documents()) {
            if (d.root.get("kind").isScalar() && d.root.get("kind").scalar() == "Gateway" && d.root.get("spec").get("type").isScalar())
                type = d.root.get("spec").get("type").scalar();
        }
    }
    const auto *schema = sourceSchema(type);
    const std::string config = schema ? newSourceConfig(*schema) : std::string("# the YAML config of this source\n");
    const std::string before = editor->text();
    return commitEdit(editor->setValue(s->document, {{"data", -1}, {k, -1}}, config, yaml::ValueKind::String), before, dataPath(k));
}

int EditorDocument::lineOfRow(int row) const
{
    const form::Row *r = m_form.row(row);
    const form::Section *s = formSection();
    if (!r || !s || !m_editor || m_editorRevision != m_revision)
        return 0;
    // The nearest written node on the row's path.
    yaml::Path p = r->editPath;
    while (!p.empty()) {
        const yaml::Node n = m_editor->find(s->document, p);
        if (n.isDefined()) {
            if (p.size() > s->base.size() || s->base.empty())
                break;
            return s->line;
        }
        p.pop_back();
    }
    if (p.empty())
        return s->line;
    // Positions inside a data value are in the embedded text: map them through a validation-like locator.
    if (!s->sourceName.empty()) {
        const yaml::Node root = m_editor->documents()[s->document].root;
        const yaml::Entry *e = root.get("data").entry(s->sourceName);
        if (!e)
            return s->line;
        const yaml::LineIndex index(m_editor->text());
        const EmbeddedLocator loc(e->value, m_editor->text(), index, e->key.start().column);
        const yaml::Node n = m_editor->find(s->document, p);
        return loc.map(n.start()).first + 1;
    }
    return m_editor->find(s->document, p).start().line + 1;
}

int EditorDocument::sectionAtLine(int line) const
{
    int found = -1;
    for (std::size_t i = 0; i < m_sections.size(); ++i) {
        if (m_sections[i].line <= line)
            found = static_cast<int>(i);
    }
    return found;
}

void EditorDocument::newFromTemplate(const QString &type)
{
    const auto *schema = sourceSchema(type.toStdString());
    if (!schema) {
        setError(tr("No template for type '%1'; expected one of %2").arg(type, templateTypes().join(QStringLiteral(", "))));
        return;
    }
    m_crlf = m_bom = false;
    loadText(QString::fromStdString(newGatewayPair(*schema, schema->type)), QUrl(), true);
    m_current = 0;
    Q_EMIT currentSectionChanged();
}

void EditorDocument::loadText(const QString &text, const QUrl &url, bool modified)
{
    clearError(); // an error about the previous file is not about this one
    m_url = url;
    m_sections.clear();
    m_sectionTitles.clear();
    m_sectionModel.setStringList({});
    m_current = 0;
    m_editor.reset();
    m_form.update({}, {});
    m_formSection = -1;
    m_document->setPlainText(text); // a new history: undo does not go back into the previous file
    m_document->setModified(modified);
    Q_EMIT fileChanged();
    Q_EMIT sectionsChanged();
    Q_EMIT currentSectionChanged();
    analyzeNow();
}

void EditorDocument::open(const QUrl &url)
{
    const QString path = localPath(url);
    if (path.isEmpty()) {
        setError(tr("Choose a file to open."));
        return;
    }
    ++m_busy;
    Q_EMIT busyChanged();
    QThreadPool::globalInstance()->start([path, url, notifier = m_notifier, self = this] {
        QFile f(path);
        QString error;
        QByteArray bytes;
        const QFileInfo info(path);
        if (info.exists() && !info.isFile())
            error = tr("%1: not a regular file").arg(path); // a device or a pipe would be read forever
        else if (!f.open(QIODevice::ReadOnly))
            error = tr("%1: cannot open: %2").arg(path, f.errorString());
        else if ((bytes = f.read(kMaxFileBytes + 1)).size() > kMaxFileBytes)
            error = tr("%1: larger than %2 MiB, the most the editor opens").arg(path).arg(kMaxFileBytes / (1024 * 1024));
        if (error.isEmpty() && !json::isValidUtf8(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()))))
            error = tr("%1: not UTF-8 text; YAML files must be UTF-8").arg(path);
        notifier->post([self, url, error, bytes] {
            --self->m_busy;
            Q_EMIT self->busyChanged();
            if (!error.isEmpty()) {
                self->setError(error);
                return;
            }
            // Line endings and a byte-order mark are the file's: kept when it is saved again.
            self->m_bom = bytes.startsWith("\xEF\xBB\xBF");
            self->m_crlf = bytes.contains("\r\n");
            QString text = QString::fromUtf8(self->m_bom ? bytes.mid(3) : bytes);
            if (self->m_crlf)
                text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
            self->loadText(text, url, false);
            self->addRecent(url);
            Q_EMIT self->opened();
        });
    });
}

bool EditorDocument::save()
{
    if (m_url.isEmpty())
        return false;
    write(m_url);
    return true;
}

void EditorDocument::saveAs(const QUrl &url)
{
    if (localPath(url).isEmpty()) {
        setError(tr("Choose where to save."));
        return;
    }
    write(url);
}

void EditorDocument::write(const QUrl &url)
{
    const QString path = localPath(url);
    QString text = exactText(m_document);
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    if (m_crlf)
        text.replace(QStringLiteral("\n"), QStringLiteral("\r\n"));
    QByteArray bytes = text.toUtf8();
    if (m_bom)
        bytes.prepend("\xEF\xBB\xBF");
    const quint64 revision = m_revision;
    ++m_busy;
    Q_EMIT busyChanged();
    QThreadPool::globalInstance()->start([path, url, bytes, revision, notifier = m_notifier, self = this] {
        QSaveFile f(path); // all or nothing: a failed save leaves the old file as it was
        QString error;
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
            error = tr("%1: not saved: %2").arg(path, f.errorString());
        notifier->post([self, url, error, revision] {
            --self->m_busy;
            Q_EMIT self->busyChanged();
            if (!error.isEmpty()) {
                self->setError(error);
                return;
            }
            const bool renamed = url != self->m_url;
            self->m_url = url;
            if (revision == self->m_revision)
                self->m_document->setModified(false);
            if (renamed) {
                Q_EMIT self->fileChanged();
                self->analyzeNow(); // messages name the file
            }
            self->addRecent(url);
            Q_EMIT self->saved();
        });
    });
}

void EditorDocument::undo()
{
    m_document->undo();
}

void EditorDocument::redo()
{
    m_document->redo();
}

bool EditorDocument::run()
{
    if (!m_manager) {
        setError(tr("Running gateways is not available here."));
        return false;
    }
    std::vector<Warning> warnings;
    auto pair = gatewayPairFromText(text(), m_url.isEmpty() ? std::string("untitled.yaml") : localPath(m_url).toStdString(), warnings);
    if (!pair) {
        setError(QString::fromStdString(pair.error().text()));
        return false;
    }
    const QString name = QString::fromStdString(pair->gateway.meta.name);
    m_manager->stopGateway(name); // the edited version replaces a running one
    if (auto r = m_manager->start(*pair, tr("editor: %1").arg(fileName()), {}, warnings); !r) {
        setError(QString::fromStdString(r.error().text()));
        return false;
    }
    Q_EMIT runStarted(name);
    return true;
}

void EditorDocument::setError(const QString &message)
{
    m_lastError = message;
    Q_EMIT lastErrorChanged();
}

void EditorDocument::clearError()
{
    if (m_lastError.isEmpty())
        return;
    m_lastError.clear();
    Q_EMIT lastErrorChanged();
}

void EditorDocument::addRecent(const QUrl &url)
{
    const QString path = localPath(url);
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > kMaxRecent)
        m_recent.removeLast();
    QSettings().setValue(kRecentKey, m_recent);
    Q_EMIT recentFilesChanged();
}

} // namespace gs
