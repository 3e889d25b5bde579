#pragma once
// The file open in the editor. Its text lives in the YAML view's QTextDocument (so the view's own
// typing, undo and redo are the document's); the form writes into it through yaml::DocumentEditor,
// which changes only the text of the value edited. After every change a debounced analysis runs
// on a worker thread (validation, the form's rows, the previews) and comes back to the GUI thread
// by value: typing never waits for it, and a result for text that changed meanwhile is dropped.

#include <chrono>
#include <memory>
#include <optional>

#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QtQmlIntegration>

#include "formmodel.h"
#include "problemmodel.h"
#include "sectionmodel.h"
#include "sources/preview.h"
#include "spec/formoutline.h"
#include "spec/yamledit.h"

class QTextDocument;

namespace gs {

class GatewayManager;
class Notifier;
class YamlHighlighter;

class EditorDocument : public QObject
{
    Q_OBJECT
    // Reaches QML as the `Editor` singleton: see registrations.h.
    /** The YAML view's document; until QML sets one the editor keeps its own (tests, benchmarks). */
    Q_PROPERTY(QQuickTextDocument *textDocument READ textDocument WRITE setTextDocument NOTIFY textDocumentChanged)
    Q_PROPERTY(QUrl fileUrl READ fileUrl NOTIFY fileChanged)
    /** The file's local path, or empty before it is saved. */
    Q_PROPERTY(QString filePath READ filePath NOTIFY fileChanged)
    /** The file's name, or "Untitled" before it is saved. */
    Q_PROPERTY(QString fileName READ fileName NOTIFY fileChanged)
    Q_PROPERTY(bool modified READ modified NOTIFY modifiedChanged)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoRedoChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoRedoChanged)
    /** True while a file is read or written. */
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    /** The sections' titles: each Gateway, each ConfigMap and each of its event sources. */
    Q_PROPERTY(QStringList sections READ sections NOTIFY sectionsChanged)
    Q_PROPERTY(int currentSection READ currentSection WRITE setCurrentSection NOTIFY currentSectionChanged)
    /** The sections as a list model (role `display`): what views use, so no binding copies the whole list. */
    Q_PROPERTY(gs::SectionModel *sectionModel READ sectionModel CONSTANT)
    Q_PROPERTY(int sectionCount READ sectionCount NOTIFY sectionsChanged)
    /** The current section's title, or empty. */
    Q_PROPERTY(QString sectionTitle READ sectionTitle NOTIFY currentSectionChanged)
    /** The current section's event-source type ("calendar"), or empty for a Gateway or ConfigMap. */
    Q_PROPERTY(QString sourceType READ sourceType NOTIFY currentSectionChanged)
    /** True when the current section has a schema-generated form (custom types are YAML only). */
    Q_PROPERTY(bool hasForm READ hasForm NOTIFY analyzed)
    /** Why the current section shows no form, or empty. */
    Q_PROPERTY(QString formNote READ formNote NOTIFY analyzed)
    /** True when the text holds a Gateway to run. */
    Q_PROPERTY(bool runnable READ runnable NOTIFY sectionsChanged)
    Q_PROPERTY(gs::FormModel *form READ form CONSTANT)
    Q_PROPERTY(gs::ProblemModel *problems READ problems CONSTANT)
    /** The YAML syntax error while the text does not parse (the form shows the last text that did). */
    Q_PROPERTY(QString syntaxError READ syntaxError NOTIFY analyzed)
    /** A calendar source's next 10 firings, or empty. */
    Q_PROPERTY(QStringList nextFirings READ nextFirings NOTIFY firingsChanged)
    /** Why there are no firings to show (an invalid schedule), or empty. */
    Q_PROPERTY(QString firingsNote READ firingsNote NOTIFY firingsChanged)
    /** argo-v0.10, cloudevents-binary or cloudevents-structured: the envelope the preview uses. */
    Q_PROPERTY(QString envelope READ envelope WRITE setEnvelope NOTIFY envelopeChanged)
    Q_PROPERTY(QStringList envelopes READ envelopes CONSTANT)
    Q_PROPERTY(int envelopeIndex READ envelopeIndex NOTIFY envelopeChanged)
    /** The current source's sample event in the chosen envelope: headers, a blank line, the body. */
    Q_PROPERTY(QString envelopePreview READ envelopePreview NOTIFY analyzed)
    Q_PROPERTY(QStringList recentFiles READ recentFiles NOTIFY recentFilesChanged)
    /** The event-source types there are templates for. */
    Q_PROPERTY(QStringList templateTypes READ templateTypes CONSTANT)
    /** The last failure (a file that did not open, an edit the form could not make) until the next one. */
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    /** Milliseconds the analysis waits after the last change. */
    Q_PROPERTY(int debounceMs READ debounceMs WRITE setDebounceMs NOTIFY debounceMsChanged)
public:
    explicit EditorDocument(GatewayManager *manager = nullptr, QObject *parent = nullptr);
    ~EditorDocument() override;

    [[nodiscard]] QQuickTextDocument *textDocument() const { return m_quickDocument; }
    void setTextDocument(QQuickTextDocument *document);
    /** The document holding the text (the view's, or the editor's own). */
    [[nodiscard]] QTextDocument *document() const { return m_document; }

    [[nodiscard]] QUrl fileUrl() const { return m_url; }
    [[nodiscard]] QString fileName() const;
    [[nodiscard]] QString filePath() const { return m_url.isEmpty() ? QString() : localPathOf(m_url); }
    /** A file URL's local path (other URLs as text). */
    [[nodiscard]] static QString localPathOf(const QUrl &url);
    [[nodiscard]] bool modified() const;
    [[nodiscard]] bool canUndo() const;
    [[nodiscard]] bool canRedo() const;
    [[nodiscard]] bool busy() const { return m_busy > 0; }
    [[nodiscard]] QStringList sections() const { return m_sectionTitles; }
    [[nodiscard]] int currentSection() const { return m_current; }
    [[nodiscard]] SectionModel *sectionModel() { return &m_sectionModel; }
    [[nodiscard]] int sectionCount() const { return static_cast<int>(m_sectionTitles.size()); }
    [[nodiscard]] QString sectionTitle() const { return m_sectionTitles.value(m_current); }
    void setCurrentSection(int index);
    [[nodiscard]] QString sourceType() const;
    [[nodiscard]] bool hasForm() const;
    [[nodiscard]] QString formNote() const { return m_formNote; }
    [[nodiscard]] bool runnable() const;
    /** The 1-based line where section `index` starts, or 0. */
    Q_INVOKABLE int sectionLine(int index) const;
    [[nodiscard]] FormModel *form() { return &m_form; }
    [[nodiscard]] ProblemModel *problems() { return &m_problems; }
    [[nodiscard]] QString syntaxError() const { return m_syntaxError; }
    [[nodiscard]] QStringList nextFirings() const { return m_firings; }
    [[nodiscard]] QString firingsNote() const { return m_firingsNote; }
    [[nodiscard]] QString envelope() const { return m_envelope; }
    void setEnvelope(const QString &envelope);
    [[nodiscard]] QStringList envelopes() const;
    [[nodiscard]] int envelopeIndex() const { return static_cast<int>(envelopes().indexOf(m_envelope)); }
    [[nodiscard]] QString envelopePreview() const { return m_envelopePreview; }
    [[nodiscard]] QStringList recentFiles() const { return m_recent; }
    [[nodiscard]] QStringList templateTypes() const;
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] int debounceMs() const { return m_debounce.interval(); }
    void setDebounceMs(int ms);

    /** The whole text (UTF-8). */
    [[nodiscard]] std::string text() const;
    /** Replaces the text as one undoable step (what pasting a whole file does). */
    Q_INVOKABLE void setText(const QString &text);

    /** A new unsaved document from `type`'s template (a commented Gateway + ConfigMap pair). */
    Q_INVOKABLE void newFromTemplate(const QString &type);
    /** Reads `url` off the GUI thread; `opened` or lastError follows. */
    Q_INVOKABLE void open(const QUrl &url);
    /** open() for a local path (the recent files), whatever characters it holds. */
    Q_INVOKABLE void openPath(const QString &path) { open(QUrl::fromLocalFile(path)); }
    /** Writes to the current file (off the GUI thread); returns false when it has none yet (ask for one). */
    Q_INVOKABLE bool save();
    Q_INVOKABLE void saveAs(const QUrl &url);
    Q_INVOKABLE void undo();
    Q_INVOKABLE void redo();

    /** Writes `value` into the field of form row `row`; an empty value removes an optional key. */
    Q_INVOKABLE bool setFieldValue(int row, const QString &value);
    /** Removes the key or entry of form row `row`. */
    Q_INVOKABLE bool removeRow(int row);
    /** Adds an entry to the list or map of form row `row` (`key` names a map entry). */
    Q_INVOKABLE bool addEntry(int row, const QString &key = {});
    /** Adds an event source named `key` to the current ConfigMap, from its type's template. */
    Q_INVOKABLE bool addSource(const QString &key);
    /** The 1-based line of form row `row`'s value in the text (its key when absent: its parent's), or 0. */
    Q_INVOKABLE int lineOfRow(int row) const;
    /** The section that holds 1-based `line`, or -1. */
    Q_INVOKABLE int sectionAtLine(int line) const;
    /** Runs the analysis now instead of after the debounce (tests, "validate now"). */
    Q_INVOKABLE void analyzeNow();
    /** Starts the open Gateway in-process (replacing a running one of the same name); `runStarted` follows. */
    Q_INVOKABLE bool run();
    Q_INVOKABLE void clearError();

    /** Timings of the last analysis applied, in milliseconds: latency (change to markers), worker, apply (GUI thread). */
    Q_INVOKABLE QVariantMap timings() const;

Q_SIGNALS:
    void textDocumentChanged();
    void fileChanged();
    void modifiedChanged();
    void undoRedoChanged();
    void busyChanged();
    void sectionsChanged();
    void currentSectionChanged();
    void envelopeChanged();
    void recentFilesChanged();
    void lastErrorChanged();
    void debounceMsChanged();
    /** An analysis was applied: problems, form, previews are up to date with the text. */
    void analyzed();
    void opened();
    void saved();
    void firingsChanged();
    /** The user chose section `index` (the YAML view shows its `line`). */
    void sectionChosen(int index, int line);
    /** The gateway `name` was started from this document. */
    void runStarted(const QString &name);

protected:
    /** Follows the application palette (light/dark) in the highlighter's colours. */
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Analysis;
    void attach(QTextDocument *document);
    void onContentsChanged();
    void startAnalysis();
    void apply(std::shared_ptr<Analysis> result);
    /** m_editor for the current text (parsed now if the last analysis is older), or nullptr with lastError set. */
    yaml::DocumentEditor *currentEditor();
    /** Applies a planned edit to the document as one undoable step; the editor already holds the result. */
    void applyEdit(const yaml::TextEdit &edit, const std::string &before, const std::string &mergeKey = {});
    /** Applies `edit` (planned on `before`), or reports why it could not be made at `where` (a field path). */
    bool commitEdit(const Result<yaml::TextEdit> &edit, const std::string &before, const std::string &where, const std::string &mergeKey = {});
    void loadText(const QString &text, const QUrl &url, bool modified);
    void setError(const QString &message);
    /** Computes the current calendar source's next firings again (cheap: one schedule, on this thread). */
    void refreshFirings();
    /** Shows a calendar source's firings (or why there are none); nullptr: the section has none. */
    void setFirings(const Result<preview::Firings> *firings);
    void addRecent(const QUrl &url);
    void write(const QUrl &url);
    [[nodiscard]] const form::Section *section() const;
    /** The section the form's rows belong to, when it is the current one (else nullptr: rows are stale). */
    [[nodiscard]] const form::Section *formSection() const;

    GatewayManager *m_manager;
    QPointer<QQuickTextDocument> m_quickDocument;
    QTextDocument *m_document = nullptr;
    std::unique_ptr<QTextDocument> m_ownDocument;
    YamlHighlighter *m_highlighter = nullptr; // owned by its document
    QUrl m_url;
    int m_busy = 0;

    FormModel m_form;
    ProblemModel m_problems;
    QTimer m_debounce;
    QTimer m_firingTimer; // refreshes a calendar's next firings when the first one passes
    quint64 m_revision = 0; // counts changes to the text
    quint64 m_analyzing = 0; // the revision being analyzed, 0 when idle
    bool m_changedWhileAnalyzing = false;
    std::chrono::steady_clock::time_point m_changedAt;

    std::optional<yaml::DocumentEditor> m_editor; // parsed text of revision m_editorRevision
    quint64 m_editorRevision = 0;
    bool m_applyingEdit = false;
    // Typing in one form field is one undo step, as typing in the YAML is.
    std::string m_lastEditKey;
    quint64 m_lastEditRevision = 0;
    std::chrono::steady_clock::time_point m_lastEditAt;
    std::vector<form::Section> m_sections;
    QStringList m_sectionTitles;
    SectionModel m_sectionModel;
    int m_current = 0;
    int m_formSection = -1; // the section m_form's rows were made for
    QString m_syntaxError;
    bool m_crlf = false; // the file's line breaks were CR LF: saved that way again
    bool m_bom = false; // the file began with a UTF-8 byte-order mark
    QString m_formNote;
    QStringList m_firings;
    QString m_firingsNote;
    QString m_envelope = QStringLiteral("argo-v0.10");
    QString m_envelopePreview;
    QStringList m_recent;
    QString m_lastError;
    double m_lastLatencyMs = 0, m_lastWorkerMs = 0, m_lastApplyMs = 0;
    std::shared_ptr<Notifier> m_notifier;
};

} // namespace gs
