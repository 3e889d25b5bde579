// Writing YAML: golden files for the canonical layout (read -> write -> read equal, fmt idempotent,
// comments kept), literal blocks that read back identically, and PC-29's strings read back as
// strings by an independent YAML 1.1 reader (PyYAML, as kubectl's go-yaml v2 reads them).

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include "spec/yaml.h"
#include "spec/yamledit.h"
#include "spec/yamlwrite.h"
#include "testsupport.h"

using namespace gs;
using namespace gs::yaml;

namespace {

std::string read(const QString &path)
{
    auto t = readFile(path.toStdString());
    return t ? *t : std::string();
}

bool sameDocuments(const std::string &a, const std::string &b)
{
    auto da = parseDocuments(a, "a");
    auto db = parseDocuments(b, "b");
    if (!da || !db || da->size() != db->size())
        return false;
    for (std::size_t i = 0; i < da->size(); ++i) {
        if (!(*da)[i].root.sameData((*db)[i].root))
            return false;
    }
    return true;
}

/** What PyYAML (a YAML 1.1 reader) makes of `text`, as JSON (strings stay strings; booleans become true...). */
QJsonDocument yaml11(const std::string &text)
{
    QProcess p;
    p.start(test::python(),
        {QStringLiteral("-c"),
            QStringLiteral("import sys, json, yaml\n"
                           "docs = [d for d in yaml.safe_load_all(sys.stdin) if d is not None]\n"
                           "print(json.dumps(docs, default=str))\n")});
    p.write(QByteArray::fromStdString(text));
    p.closeWriteChannel();
    p.waitForFinished(20000);
    return QJsonDocument::fromJson(p.readAllStandardOutput());
}

const QStringList kPc29 {u"on"_qs, u"yes"_qs, u"No"_qs, u"true"_qs, u"0123"_qs, u"1e3"_qs, u"~"_qs, u"Off"_qs, u"y"_qs, u"NULL"_qs,
    u"0x1F"_qs, u"0o17"_qs, u"1_000"_qs, u".inf"_qs, u".NaN"_qs, u"-.5"_qs, u"12:30"_qs, u"2019-04-06"_qs, u"+12"_qs, u"yEs"_qs};

} // namespace

class TstYamlWrite : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QDirIterator it(test::dataDir() + u"/spec/fmt", {QStringLiteral("*.yaml")});
        while (it.hasNext()) {
            const QString f = it.next();
            if (!f.endsWith(u".formatted.yaml"))
                QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f << f.chopped(5) + u".formatted.yaml"_qs;
        }
        QDirIterator ex(test::examplesDir(), {QStringLiteral("*.yaml")});
        while (ex.hasNext()) {
            const QString f = ex.next();
            QTest::newRow(qPrintable(u"example "_qs + QFileInfo(f).fileName())) << f << f; // already canonical
        }
    }

    void golden()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const std::string in = read(input);
        auto out = format(in, input.toStdString());
        QVERIFY2(out, out ? "" : out.error().text().c_str());
        QCOMPARE(QString::fromStdString(*out), QString::fromStdString(read(expected)));
        // Idempotent, and the same data as the input.
        auto again = format(*out, "again");
        QVERIFY(again);
        QCOMPARE(QString::fromStdString(*again), QString::fromStdString(*out));
        QVERIFY(sameDocuments(in, *out));
        // Every comment survives.
        for (const QString &line : QString::fromStdString(in).split(u'\n')) {
            const auto hash = line.indexOf(u"# ");
            if (hash >= 0 && line.trimmed().startsWith(u'#'))
                QVERIFY2(QString::fromStdString(*out).contains(line.mid(hash)), qPrintable(line));
        }
    }

    /** Inputs the fuzz target once broke on (tests/data/spec/regressions): fmt keeps the data and is a fixed point. */
    void fuzzRegressions_data()
    {
        QTest::addColumn<QString>("file");
        QDirIterator it(test::dataDir() + u"/spec/regressions"_qs);
        while (it.hasNext()) {
            const QString f = it.next();
            if (QFileInfo(f).isFile())
                QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
        }
    }
    void fuzzRegressions()
    {
        QFETCH(QString, file);
        const std::string in = read(file);
        auto out = format(in, "in");
        QVERIFY2(out, out ? "" : out.error().text().c_str());
        QVERIFY2(parseDocuments(*out, "out"), out->c_str());
        QVERIFY2(sameDocuments(in, *out), out->c_str());
        auto again = format(*out, "out");
        QVERIFY(again);
        QCOMPARE(QString::fromStdString(*again), QString::fromStdString(*out));
    }

    void literalBlocksReadBackIdentically_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("block"); // false: a literal block cannot hold it (double quotes are used)
        QTest::newRow("one line") << u"port: 1"_qs << true;
        QTest::newRow("final newline") << u"a\n"_qs << true;
        QTest::newRow("two final newlines") << u"a\n\n"_qs << true;
        QTest::newRow("empty lines inside") << u"a\n\n\nb"_qs << true;
        QTest::newRow("leading empty line") << u"\na: 1"_qs << true;
        QTest::newRow("trailing spaces") << u"a:  \nb: 1  "_qs << true;
        QTest::newRow("spaces-only line") << u"a\n   \nb"_qs << true;
        QTest::newRow("tab inside") << u"a:\tb"_qs << true;
        QTest::newRow("unicode") << u"grüße: \u2603"_qs << true;
        QTest::newRow("comment-like") << u"# not a comment\nport: 1"_qs << true;
        QTest::newRow("document markers") << u"---\n...\nx"_qs << true;
        QTest::newRow("first line indented") << u"  a: 1"_qs << false;
        QTest::newRow("carriage return") << u"a\r\nb"_qs << false;
        QTest::newRow("control character") << u"a\u0001"_qs << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("only a newline") << u"\n"_qs << false;
    }
    void literalBlocksReadBackIdentically()
    {
        QFETCH(QString, value);
        QFETCH(bool, block);
        const std::string v = value.toStdString();
        const auto b = literalBlock(v, 4);
        QCOMPARE(b.has_value(), block);
        // Whatever the writer chooses, a ConfigMap value reads back byte for byte.
        Node cm = Node::mapping();
        cm.add("kind", Node::scalar("ConfigMap"));
        Node data = Node::mapping();
        data.add("x", Node::scalar(v, ScalarStyle::DoubleQuoted));
        cm.add("data", data);
        const std::string text = write({cm});
        auto back = parseSingle(text, "back");
        QVERIFY2(back, text.c_str());
        QCOMPARE(QString::fromStdString(back->get("data").get("x").scalar()), value);
        QCOMPARE(back->get("data").get("x").style() == ScalarStyle::Literal, block);
    }

    void stringsYaml11ReadersMisreadAreQuoted()
    {
        for (const QString &s : kPc29)
            QVERIFY2(!readsAsString(s.toStdString()), qPrintable(s));
        for (const char *s : {"hello", "webhook-gateway", "v0.10", "/example", "a b", "on-call", "1.2.3", "0.0.0.0:80"})
            QVERIFY2(readsAsString(s), s);
    }

    /** PC-29: values written by the writer, by fmt and by the editor all read back as the typed strings in YAML 1.1. */
    void pc29Yaml11ReadsStrings()
    {
        if (!QFile::exists(test::python()))
            QSKIP("python3 with PyYAML is not installed (scripts/test.sh installs python3-yaml)");
        // The writer, for nodes built in code (what convert and new produce).
        Node cm = Node::mapping();
        cm.add("kind", Node::scalar("ConfigMap"));
        Node labels = Node::mapping();
        Node data = Node::mapping();
        for (int i = 0; i < kPc29.size(); ++i) {
            const std::string v = kPc29[i].toStdString();
            labels.add("l" + std::to_string(i), Node::scalar(v, stringScalar(v) == v ? ScalarStyle::Plain : ScalarStyle::DoubleQuoted));
            data.add("d" + std::to_string(i), Node::scalar(v, ScalarStyle::DoubleQuoted));
        }
        Node meta = Node::mapping();
        meta.add("labels", labels);
        cm.add("metadata", meta);
        cm.add("data", data);
        const std::string written = write({cm});

        // The editor, as a form sets each value.
        auto ed = DocumentEditor::open("kind: ConfigMap\nmetadata:\n  labels: {}\ndata:\n  seed: x\n");
        QVERIFY(ed);
        for (int i = 0; i < kPc29.size(); ++i) {
            QVERIFY(ed->setValue(0, *parsePath("metadata.labels.l" + std::to_string(i)), kPc29[i].toStdString()));
            QVERIFY(ed->setValue(0, *parsePath("data.d" + std::to_string(i)), kPc29[i].toStdString()));
        }
        // fmt of the golden file of such strings.
        auto formatted = format(read(test::dataDir() + u"/spec/fmt/strings.yaml"_qs), "strings.yaml");
        QVERIFY(formatted);

        for (const std::string &text : {written, ed->text()}) {
            const QJsonObject doc = yaml11(text).array().at(0).toObject();
            const QJsonObject l = doc.value(u"metadata").toObject().value(u"labels").toObject();
            const QJsonObject d = doc.value(u"data").toObject();
            for (int i = 0; i < kPc29.size(); ++i) {
                const QJsonValue lv = l.value(u"l"_qs + QString::number(i));
                const QJsonValue dv = d.value(u"d"_qs + QString::number(i));
                QVERIFY2(lv.isString() && lv.toString() == kPc29[i], qPrintable(kPc29[i] + u"\n"_qs + QString::fromStdString(text)));
                QVERIFY2(dv.isString() && dv.toString() == kPc29[i], qPrintable(kPc29[i]));
            }
        }
        const QJsonObject labelsRead
            = yaml11(*formatted).array().at(0).toObject().value(u"metadata").toObject().value(u"labels").toObject();
        for (const char *k : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"})
            QVERIFY2(labelsRead.value(QString::fromLatin1(k)).isString(), k);
    }

    /** PC-30: multi-document files keep their documents; empty ones and a trailing --- are dropped. */
    void pc30Documents()
    {
        auto out = format("a: 1\n---\n---\nb: 2\n---\n", "docs");
        QVERIFY(out);
        QCOMPARE(QString::fromStdString(*out), u"a: 1\n---\nb: 2\n"_qs);
        auto bad = format(",", "comma");
        QVERIFY(!bad);
        QVERIFY(QString::fromStdString(bad.error().text()).startsWith(u"comma:1:1: invalid YAML"));
    }
};

QTEST_GUILESS_MAIN(TstYamlWrite)
#include "tst_yamlwrite.moc"
