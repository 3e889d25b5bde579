// The editor's document: the schema-generated form (sections, rows, values, markers), edits from the
// form that touch only their lines, undo/redo, debounced analysis off the GUI thread, previews,
// files (open, save, recent, hostile files) and running the open gateway.

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextCursor>
#include <QTextDocument>
#include <QtTest>

#include "controllers/gatewaymanager.h"
#include "editor/editordocument.h"
#include "envelope/encoder.h"
#include "sources/preview.h"
#include "sources/schemas.h"
#include "spec/yaml.h"
#include "store/eventtap.h"
#include "testsupport.h"

using namespace gs;

namespace {

QStringList lines(const std::string &text)
{
    return QString::fromStdString(text).split(QLatin1Char('\n'));
}

/** The lines of `after` that differ from `before` (same line count assumed), as "n: text". */
QStringList changedLines(const std::string &before, const std::string &after)
{
    const QStringList a = lines(before), b = lines(after);
    QStringList out;
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        const QString x = i < a.size() ? a[i] : QString(), y = i < b.size() ? b[i] : QString();
        if (x != y)
            out << QString::number(i + 1) + QStringLiteral(": ") + y;
    }
    return out;
}

bool analyze(EditorDocument &doc)
{
    QSignalSpy spy(&doc, &EditorDocument::analyzed);
    doc.analyzeNow();
    return spy.wait(10000);
}

int rowOf(EditorDocument &doc, const QString &path)
{
    return doc.form()->indexOfPath(path);
}

QString rowValue(EditorDocument &doc, const QString &path)
{
    const int i = rowOf(doc, path);
    return i < 0 ? QStringLiteral("<no row>") : doc.form()->data(doc.form()->index(i), FormModel::ValueRole).toString();
}

int rowSeverity(EditorDocument &doc, const QString &path)
{
    const int i = rowOf(doc, path);
    return i < 0 ? -1 : doc.form()->data(doc.form()->index(i), FormModel::SeverityRole).toInt();
}

/** Opens the section titled `title`; true once its rows are in. */
bool showSection(EditorDocument &doc, const QString &title)
{
    const int i = static_cast<int>(doc.sections().indexOf(title));
    if (i < 0)
        return false;
    if (doc.currentSection() == i)
        return true;
    QSignalSpy spy(&doc, &EditorDocument::analyzed);
    doc.setCurrentSection(i);
    return spy.wait(10000);
}

const char *const kWebhookPair = "apiVersion: argoproj.io/v1alpha1\n"
                                 "kind: Gateway\n"
                                 "metadata:\n"
                                 "  name: hooks  # the gateway\n"
                                 "  labels:\n"
                                 "    gateways.argoproj.io/gateway-controller-instanceid: argo-events\n"
                                 "    argo-events-gateway-version: v0.10\n"
                                 "spec:\n"
                                 "  type: webhook\n"
                                 "  eventSource: hooks-cm\n"
                                 "  processorPort: \"9330\"\n"
                                 "  eventProtocol:\n"
                                 "    type: HTTP\n"
                                 "    http:\n"
                                 "      port: \"9300\"\n"
                                 "  template:\n"
                                 "    spec:\n"
                                 "      containers: []\n"
                                 "  watchers:\n"
                                 "    sensors:\n"
                                 "      - name: s1\n"
                                 "---\n"
                                 "apiVersion: v1\n"
                                 "kind: ConfigMap\n"
                                 "metadata:\n"
                                 "  name: hooks-cm\n"
                                 "  labels:\n"
                                 "    argo-events-event-source-version: v0.10\n"
                                 "data:\n"
                                 "  build: |-\n"
                                 "    # the CI hook\n"
                                 "    port: \"12000\"\n"
                                 "    endpoint: /build   # keep me\n"
                                 "    method: POST\n"
                                 "  deploy: |-\n"
                                 "    port: \"12001\"\n"
                                 "    endpoint: /deploy\n"
                                 "    method: POST\n";

} // namespace

class TestEditorDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sectionsFollowTheFile()
    {
        EditorDocument doc;
        doc.setText(QString::fromUtf8(kWebhookPair));
        QVERIFY(analyze(doc));
        QCOMPARE(doc.sections(),
            (QStringList {QStringLiteral("Gateway hooks"), QStringLiteral("ConfigMap hooks-cm"), QStringLiteral("build (webhook)"),
                QStringLiteral("deploy (webhook)")}));
        QCOMPARE(doc.problems()->errors(), 0);
        QCOMPARE(doc.sectionAtLine(1), 0);
        QCOMPARE(doc.sectionAtLine(30), 2);
        QCOMPARE(doc.sectionAtLine(36), 3);

        // A ConfigMap on its own: the type is guessed from its keys, as `gwctl validate` does.
        EditorDocument alone;
        const std::string cm = std::string(kWebhookPair).substr(std::string(kWebhookPair).find("apiVersion: v1"));
        alone.setText(QString::fromStdString(cm));
        QVERIFY(analyze(alone));
        QCOMPARE(alone.sections().value(1), QStringLiteral("build (webhook)"));
    }

    void formShowsTheSchemaWithTheValues()
    {
        EditorDocument doc;
        doc.setText(QString::fromUtf8(kWebhookPair));
        QVERIFY(analyze(doc));
        QVERIFY(showSection(doc, QStringLiteral("build (webhook)")));
        QCOMPARE(doc.sourceType(), QStringLiteral("webhook"));
        QVERIFY(doc.hasForm());
        QCOMPARE(rowValue(doc, QStringLiteral("data.build.port")), QStringLiteral("12000"));
        QCOMPARE(rowValue(doc, QStringLiteral("data.build.endpoint")), QStringLiteral("/build"));
        QCOMPARE(rowValue(doc, QStringLiteral("data.build.method")), QStringLiteral("POST"));
        // Every field of the schema is a row, written or not; the keys beyond v0.10 say so.
        const int auth = rowOf(doc, QStringLiteral("data.build.authSecret"));
        QVERIFY(auth >= 0);
        QCOMPARE(doc.form()->data(doc.form()->index(auth), FormModel::PresentRole).toBool(), false);
        QCOMPARE(doc.form()->data(doc.form()->index(auth), FormModel::SecretRole).toBool(), true);
        QVERIFY(doc.form()->data(doc.form()->index(auth), FormModel::OursRole).toString().contains(QStringLiteral("decisions")));
        const int method = rowOf(doc, QStringLiteral("data.build.method"));
        QVERIFY(doc.form()->data(doc.form()->index(method), FormModel::AllowedRole).toStringList().contains(QStringLiteral("PUT")));
        const int hmac = rowOf(doc, QStringLiteral("data.build.hmac"));
        QCOMPARE(doc.form()->data(doc.form()->index(hmac), FormModel::RowRoleRole).toString(), QStringLiteral("group"));
        QVERIFY(rowOf(doc, QStringLiteral("data.build.hmac.header")) == hmac + 1);

        // The Gateway: nested objects and the list of sensors with its entries.
        QVERIFY(showSection(doc, QStringLiteral("Gateway hooks")));
        QCOMPARE(rowValue(doc, QStringLiteral("spec.type")), QStringLiteral("webhook"));
        QCOMPARE(rowValue(doc, QStringLiteral("spec.eventProtocol.http.port")), QStringLiteral("9300"));
        QCOMPARE(rowValue(doc, QStringLiteral("spec.watchers.sensors[0].name")), QStringLiteral("s1"));
        QCOMPARE(rowValue(doc, QStringLiteral("metadata.name")), QStringLiteral("hooks"));
    }

    void formEditTouchesOnlyItsLine()
    {
        EditorDocument doc;
        doc.setText(QString::fromUtf8(kWebhookPair));
        doc.document()->setModified(false);
        QVERIFY(analyze(doc));
        QVERIFY(showSection(doc, QStringLiteral("build (webhook)")));
        const std::string before = doc.text();
        QVERIFY(doc.setFieldValue(rowOf(doc, QStringLiteral("data.build.port")), QStringLiteral("13000")));
        QCOMPARE(changedLines(before, doc.text()), QStringList {QStringLiteral("32:     port: \"13000\"")});
        QVERIFY(doc.modified());
        // Comments in the embedded YAML and elsewhere survive.
        QVERIFY(doc.text().find("endpoint: /build   # keep me") != std::string::npos);
        QVERIFY(doc.text().find("name: hooks  # the gateway") != std::string::npos);

        // A value YAML 1.1 would read as a bool is quoted (PC-29); a typed number stays plain.
        QVERIFY(showSection(doc, QStringLiteral("Gateway hooks")));
        const std::string beforeName = doc.text();
        QVERIFY(doc.setFieldValue(rowOf(doc, QStringLiteral("metadata.name")), QStringLiteral("yes")));
        QCOMPARE(changedLines(beforeName, doc.text()), QStringList {QStringLiteral("4:   name: \"yes\"  # the gateway")});

        // Undo and redo go through the document: back to the exact text, and forward again.
        const std::string edited = doc.text();
        doc.undo();
        QCOMPARE(doc.text(), beforeName);
        doc.undo();
        QCOMPARE(doc.text(), before);
        QVERIFY(!doc.modified());
        doc.redo();
        doc.redo();
        QCOMPARE(doc.text(), edited);

        // Typing in one field is one undo step.
        QVERIFY(showSection(doc, QStringLiteral("build (webhook)")));
        const std::string beforeTyping = doc.text();
        const int port = rowOf(doc, QStringLiteral("data.build.port"));
        for (const char *typed : {"1", "14", "140", "1400"})
            QVERIFY(doc.setFieldValue(port, QString::fromLatin1(typed)));
        QVERIFY(doc.text().find("port: \"1400\"") != std::string::npos);
        doc.undo();
        QCOMPARE(doc.text(), beforeTyping);
    }

    void addAndRemove()
    {
        EditorDocument doc;
        doc.setText(QString::fromUtf8(kWebhookPair));
        QVERIFY(analyze(doc));
        QVERIFY(showSection(doc, QStringLiteral("Gateway hooks")));
        // Another sensor: appended to the list with the required key.
        QVERIFY(doc.addEntry(rowOf(doc, QStringLiteral("spec.watchers.sensors"))));
        QVERIFY(analyze(doc));
        QVERIFY(rowOf(doc, QStringLiteral("spec.watchers.sensors[1].name")) >= 0);
        const auto parsed = yaml::parseDocuments(doc.text(), "t");
        QVERIFY(parsed);
        QCOMPARE((*parsed)[0].root.get("spec").get("watchers").get("sensors").size(), std::size_t(2));
        // Removing it removes its lines only.
        const int entry = rowOf(doc, QStringLiteral("spec.watchers.sensors[1]"));
        QVERIFY(entry >= 0);
        QVERIFY(doc.removeRow(entry));
        QCOMPARE(doc.text(), std::string(kWebhookPair));

        // An optional key set to empty is removed from the file.
        QVERIFY(analyze(doc));
        QVERIFY(showSection(doc, QStringLiteral("build (webhook)")));
        QVERIFY(doc.setFieldValue(rowOf(doc, QStringLiteral("data.build.maxBodySize")), QStringLiteral("2048")));
        QVERIFY(doc.text().find("    maxBodySize: 2048\n") != std::string::npos);
        QVERIFY(analyze(doc));
        QVERIFY(doc.setFieldValue(rowOf(doc, QStringLiteral("data.build.maxBodySize")), QString()));
        QCOMPARE(doc.text(), std::string(kWebhookPair));

        // A new event source from the type's template; a bad key is refused with the reason.
        QVERIFY(showSection(doc, QStringLiteral("ConfigMap hooks-cm")));
        QVERIFY(!doc.addSource(QStringLiteral("bad key!")));
        QVERIFY(doc.lastError().contains(QStringLiteral("bad key!")));
        QVERIFY(!doc.addSource(QStringLiteral("build")));
        QVERIFY(doc.addSource(QStringLiteral("release")));
        QVERIFY(analyze(doc));
        QVERIFY(doc.sections().contains(QStringLiteral("release (webhook)")));
        // The template's keys, valid as written next to the others.
        QCOMPARE(doc.problems()->errors(), 0);
        QVERIFY(showSection(doc, QStringLiteral("release (webhook)")));
        QCOMPARE(rowValue(doc, QStringLiteral("data.release.endpoint")), QStringLiteral("/example"));
    }

    void markersComeAndGo()
    {
        EditorDocument doc;
        doc.setDebounceMs(10);
        doc.setText(QString::fromUtf8(kWebhookPair));
        QVERIFY(analyze(doc));
        QVERIFY(showSection(doc, QStringLiteral("build (webhook)")));
        QCOMPARE(rowSeverity(doc, QStringLiteral("data.build.method")), 0);

        // A method v0.10 does not know: a marker at the field and at its line.
        QSignalSpy spy(&doc, &EditorDocument::analyzed);
        QVERIFY(doc.setFieldValue(rowOf(doc, QStringLiteral("data.build.method")), QStringLiteral("FETCH")));
        QVERIFY(spy.wait(10000));
        QCOMPARE(rowSeverity(doc, QStringLiteral("data.build.method")), 2);
        QCOMPARE(doc.problems()->errors(), 1);
        const Diagnostic d = doc.problems()->problems().front();
        QCOMPARE(QString::fromStdString(d.path), QStringLiteral("data.build.method"));
        QCOMPARE(d.line, 34);
        QVERIFY(!doc.problems()->messagesAt(34).isEmpty());

        // Typing in the YAML: broken syntax is an error at its line; the form keeps its rows.
        const int rows = doc.form()->count();
        QTextCursor c(doc.document());
        c.movePosition(QTextCursor::End);
        c.insertText(QStringLiteral("\n  bad: [unclosed"));
        QVERIFY(spy.wait(10000));
        QVERIFY(!doc.syntaxError().isEmpty());
        QCOMPARE(doc.form()->count(), rows);
        QVERIFY(doc.problems()->errors() >= 1);

        // Fixing both: every marker goes.
        doc.undo();
        QVERIFY(spy.wait(10000));
        QVERIFY(doc.syntaxError().isEmpty());
        QVERIFY(doc.setFieldValue(rowOf(doc, QStringLiteral("data.build.method")), QStringLiteral("PUT")));
        QVERIFY(test::waitUntil([&] { return doc.problems()->count() == 0; }));
        QCOMPARE(rowSeverity(doc, QStringLiteral("data.build.method")), 0);
    }

    void analysisNeverDescribesOldText()
    {
        // Many changes while an analysis runs: what is applied last is the last text's.
        EditorDocument doc;
        doc.setDebounceMs(0);
        doc.setText(QString::fromUtf8(kWebhookPair));
        QTextCursor c(doc.document());
        for (int i = 0; i < 50; ++i) {
            c.movePosition(QTextCursor::End);
            c.insertText(QStringLiteral("# %1\n").arg(i));
            QCoreApplication::processEvents();
        }
        c.movePosition(QTextCursor::End);
        c.insertText(QStringLiteral("  extra: |-\n    port: \"12000\"\n    endpoint: /build\n    method: POST\n"));
        QVERIFY(test::waitUntil([&] {
            bool dup = false;
            for (const auto &d : doc.problems()->problems())
                dup = dup || d.rule == "webhook.duplicate-route";
            return dup && doc.sections().contains(QStringLiteral("extra (webhook)"));
        }));
    }

    void hostileInput()
    {
        EditorDocument doc;
        doc.setText(QStringLiteral("a: [1, 2\n"));
        QVERIFY(analyze(doc));
        QVERIFY(!doc.syntaxError().isEmpty());
        QCOMPARE(doc.sections(), QStringList());
        // yaml-cpp 0.7 loops forever on this one (PC-31): it must come back with an error.
        doc.setText(QStringLiteral(","));
        QVERIFY(analyze(doc));
        QVERIFY(doc.problems()->errors() >= 1);
        // Edits that cannot be made say why and change nothing.
        QVERIFY(!doc.setFieldValue(-1, QStringLiteral("x")));
        QVERIFY(!doc.setFieldValue(1000, QStringLiteral("x")));
        QVERIFY(!doc.removeRow(7));
        QVERIFY(!doc.addEntry(0));
        // A multi-line value in a text field becomes a block that reads back identically.
        doc.setText(QString::fromUtf8(kWebhookPair));
        QVERIFY(analyze(doc));
        QVERIFY(showSection(doc, QStringLiteral("build (webhook)")));
        QVERIFY(doc.setFieldValue(rowOf(doc, QStringLiteral("data.build.endpoint")), QStringLiteral("/a\n/b: \"c\"")));
        QVERIFY(analyze(doc));
        QCOMPARE(rowValue(doc, QStringLiteral("data.build.endpoint")), QStringLiteral("/a\n/b: \"c\""));
        // A source whose own YAML does not parse has no form, and says why; nothing to run without a Gateway.
        doc.setText(QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  m: |-\n    url: tcp://x:1883\n    topic: [a/b\n"));
        QVERIFY(analyze(doc));
        QVERIFY(showSection(doc, QStringLiteral("m (custom)")) || doc.sections().size() == 2);
        doc.setCurrentSection(1);
        QVERIFY(analyze(doc));
        QVERIFY(!doc.hasForm());
        QVERIFY(doc.formNote().contains(QStringLiteral("data.m")));
        QVERIFY(!doc.runnable());
        // A form edit while the YAML does not parse is refused with the syntax error.
        doc.setText(QStringLiteral("kind: [\n"));
        doc.form()->update({form::Row {}}, {});
        QVERIFY(!doc.setFieldValue(0, QStringLiteral("x")));
        QCOMPARE(doc.text(), std::string("kind: [\n"));
    }

    void previews()
    {
        EditorDocument doc;
        doc.newFromTemplate(QStringLiteral("calendar"));
        QVERIFY(doc.modified());
        QCOMPARE(doc.fileName(), QStringLiteral("Untitled"));
        QVERIFY(analyze(doc));
        QCOMPARE(doc.problems()->errors(), 0);
        QVERIFY(showSection(doc, QStringLiteral("example (calendar)")));
        QCOMPARE(doc.nextFirings().size(), 10);
        for (qsizetype i = 1; i < doc.nextFirings().size(); ++i)
            QVERIFY(doc.nextFirings()[i - 1] < doc.nextFirings()[i]);
        QVERIFY(doc.envelopePreview().contains(QStringLiteral("\"eventType\": \"calendar\"")));
        QSignalSpy spy(&doc, &EditorDocument::analyzed);
        doc.setEnvelope(QStringLiteral("cloudevents-binary"));
        QVERIFY(spy.wait(10000));
        QVERIFY(doc.envelopePreview().contains(QStringLiteral("ce-type: calendar")));
        QVERIFY(doc.envelopePreview().contains(QStringLiteral("\"userPayload\"")));
        // A schedule that does not parse: no firings, and the reason.
        QVERIFY(doc.setFieldValue(rowOf(doc, QStringLiteral("data.example.schedule")), QStringLiteral("61 * * * *")));
        QVERIFY(spy.wait(10000));
        QVERIFY(doc.nextFirings().isEmpty());
        QVERIFY(!doc.firingsNote().isEmpty());

        // Every type's sample encodes in every envelope.
        for (const auto *s : sourceSchemas()) {
            const Event ev = preview::sampleEvent(s->type, "", "gw", "src", nowNanos());
            QVERIFY2(!ev.payload.empty(), s->type.c_str());
            for (auto kind : {EnvelopeKind::Argo, EnvelopeKind::CloudEventsBinary, EnvelopeKind::CloudEventsStructured})
                QVERIFY2(encodeEvent(ev, kind).has_value(), s->type.c_str());
        }
        // The artifact sample names the bucket and the first event of the config.
        const Event s3 = preview::sampleEvent("artifact", "bucket:\n  name: photos\nevents: [\"s3:ObjectRemoved:*\"]\n", "gw", "src", nowNanos());
        QVERIFY(s3.payload.find("\"name\":\"photos\"") != std::string::npos);
        QVERIFY(s3.payload.find("s3:ObjectRemoved:*") != std::string::npos);
        QVERIFY(!doc.templateTypes().isEmpty());
        doc.newFromTemplate(QStringLiteral("nope"));
        QVERIFY(doc.lastError().contains(QStringLiteral("nope")));
    }

    void firingsStayLive()
    {
        // A list of next firings is computed again once its first one has passed.
        EditorDocument doc;
        doc.setText(QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n"
                                   "    argo-events-event-source-version: v0.10\ndata:\n  tick: |-\n    interval: 1s\n"));
        QVERIFY(analyze(doc));
        QVERIFY(showSection(doc, QStringLiteral("tick (calendar)")));
        QCOMPARE(doc.nextFirings().size(), 10);
        const QString first = doc.nextFirings().first();
        QVERIFY(test::waitUntil([&] { return !doc.nextFirings().isEmpty() && doc.nextFirings().first() != first; }, std::chrono::seconds(5)));
        QCOMPARE(doc.nextFirings().size(), 10);
        QVERIFY(doc.nextFirings().first() > first);
    }

    void filesSaveOpenRecent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gw.yaml"));
        EditorDocument doc;
        doc.newFromTemplate(QStringLiteral("webhook"));
        QVERIFY(!doc.save()); // no file yet: the app asks where
        QSignalSpy saved(&doc, &EditorDocument::saved);
        doc.saveAs(QUrl::fromLocalFile(path));
        QVERIFY(saved.wait(10000));
        QVERIFY(!doc.modified());
        QCOMPARE(doc.fileName(), QStringLiteral("gw.yaml"));
        QVERIFY(doc.recentFiles().contains(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(doc.text().back() == '\n');
        QCOMPARE(f.readAll().toStdString(), doc.text());

        EditorDocument other;
        QSignalSpy opened(&other, &EditorDocument::opened);
        other.open(QUrl::fromLocalFile(path));
        QVERIFY(opened.wait(10000));
        QCOMPARE(other.text() + "\n", doc.text() + "\n");
        QVERIFY(!other.modified());
        QVERIFY(!other.canUndo()); // a new history per file
        QVERIFY(other.recentFiles().contains(path)); // kept across instances (QSettings)

        // A recent path with characters URLs treat specially opens as it is.
        const QString odd = dir.filePath(QStringLiteral("a #1 ?x%20.yaml"));
        QVERIFY(QFile::copy(path, odd));
        other.openPath(odd);
        QVERIFY(opened.wait(10000));
        QCOMPARE(other.filePath(), odd);
        QCOMPARE(other.recentFiles().first(), odd);

        // Files that cannot be edited say so and leave the document as it was.
        QSignalSpy errors(&other, &EditorDocument::lastErrorChanged);
        other.open(QUrl::fromLocalFile(dir.filePath(QStringLiteral("missing.yaml"))));
        QVERIFY(errors.wait(10000));
        QVERIFY(other.lastError().contains(QStringLiteral("missing.yaml")));
        QFile bin(dir.filePath(QStringLiteral("bin.yaml")));
        QVERIFY(bin.open(QIODevice::WriteOnly));
        bin.write("kind: \xff\xfe\n");
        bin.close();
        other.open(QUrl::fromLocalFile(bin.fileName()));
        QVERIFY(errors.wait(10000));
        QVERIFY(other.lastError().contains(QStringLiteral("UTF-8")));
        QCOMPARE(other.text() + "\n", doc.text() + "\n");
        // What is saved is the text exactly: no-break spaces, emoji, tabs in comments.
        const QString exotic = QStringLiteral("kind: ConfigMap\t# tab\nmetadata:\n  name: \"a\u00a0b \U0001F600\"\n");
        other.setText(exotic);
        QSignalSpy otherSaved(&other, &EditorDocument::saved);
        other.saveAs(QUrl::fromLocalFile(dir.filePath(QStringLiteral("exotic.yaml"))));
        QVERIFY(otherSaved.wait(10000));
        QFile ex(dir.filePath(QStringLiteral("exotic.yaml")));
        QVERIFY(ex.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(ex.readAll()), exotic);
        // CR LF line breaks and a byte-order mark are the file's: a form edit and a save keep them.
        const QByteArray crlf = "\xEF\xBB\xBF" "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c  # keep\r\ndata:\r\n  tick: |-\r\n    interval: 5s\r\n";
        const QString crlfPath = dir.filePath(QStringLiteral("crlf.yaml"));
        {
            QFile w(crlfPath);
            QVERIFY(w.open(QIODevice::WriteOnly));
            w.write(crlf);
        }
        EditorDocument eol;
        QSignalSpy eolOpened(&eol, &EditorDocument::opened);
        eol.open(QUrl::fromLocalFile(crlfPath));
        QVERIFY(eolOpened.wait(10000));
        QVERIFY(!eol.modified());
        QVERIFY(analyze(eol));
        QVERIFY(showSection(eol, QStringLiteral("tick (calendar)")));
        QVERIFY(eol.setFieldValue(rowOf(eol, QStringLiteral("data.tick.interval")), QStringLiteral("7s")));
        QSignalSpy eolSaved(&eol, &EditorDocument::saved);
        QVERIFY(eol.save());
        QVERIFY(eolSaved.wait(10000));
        QFile r(crlfPath);
        QVERIFY(r.open(QIODevice::ReadOnly));
        QByteArray expected = crlf;
        expected.replace("interval: 5s", "interval: 7s");
        QCOMPARE(r.readAll(), expected);
        // Devices and pipes are not files: refused at once, not read forever.
        QSignalSpy eolErrors(&eol, &EditorDocument::lastErrorChanged);
        eol.open(QUrl::fromLocalFile(QStringLiteral("/dev/zero")));
        QVERIFY(eolErrors.wait(10000));
        QVERIFY(eol.lastError().contains(QStringLiteral("not a regular file")));

        // A save that fails keeps the changes marked unsaved.
        other.setText(QStringLiteral("kind: Gateway\n"));
        other.saveAs(QUrl::fromLocalFile(dir.filePath(QStringLiteral("no/such/dir/x.yaml"))));
        QVERIFY(errors.wait(10000));
        QVERIFY(other.lastError().contains(QStringLiteral("not saved")));
        QVERIFY(other.modified());
    }

    void runStartsTheGateway()
    {
        auto tap = std::make_shared<EventTap>();
        GatewayManager manager(tap);
        EditorDocument doc(&manager);
        doc.newFromTemplate(QStringLiteral("calendar"));
        QSignalSpy started(&doc, &EditorDocument::runStarted);
        QVERIFY2(doc.run(), qPrintable(doc.lastError()));
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).toString(), QStringLiteral("calendar-gateway"));
        QVERIFY(manager.gateway(QStringLiteral("calendar-gateway")) != nullptr);
        // Run again after an edit: the new version replaces the running one.
        QVERIFY(doc.run());
        QCOMPARE(manager.gateways()->count(), 1);
        manager.stopAll();
        // Without a Gateway there is nothing to run, and the reason is shown.
        doc.setText(QStringLiteral("kind: ConfigMap\n"));
        QVERIFY(!doc.run());
        QVERIFY(doc.lastError().contains(QStringLiteral("no Gateway")));
    }
};

QTEST_MAIN(TestEditorDocument)
#include "tst_editordocument.moc"
