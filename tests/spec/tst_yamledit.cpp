// Editing YAML files the way a generated form does: a changed value changes only its text, an added
// or removed key only its lines (or its flow mapping), edits inside ConfigMap data values stay in
// their block scalars, and comments survive.

#include <QTest>

#include "spec/yamledit.h"
#include "spec/yamlwrite.h"

using namespace gs;
using namespace gs::yaml;

namespace {

const char *kFile = R"(# The event sources of the webhook gateway.
apiVersion: v1
kind: ConfigMap
metadata:
  name: webhook-event-source   # the Gateway names this
  labels:
    # do not remove
    argo-events-event-source-version: v0.10
data:
  example: |-
    # port to run HTTP server on
    port: "12000"
    endpoint: "/example"
    method: "POST"

  example-foo: |-
    port: "12000"
    endpoint: "/example2"
    method: "POST"
  # trailing comment of data
)";

/** Lines of `a` and `b` that differ, as "line N" markers, to prove an edit stayed local. */
QStringList changedLines(const std::string &a, const std::string &b)
{
    const QStringList la = QString::fromStdString(a).split(u'\n');
    const QStringList lb = QString::fromStdString(b).split(u'\n');
    // Lines equal from the top and from the bottom; what is left in between changed.
    int top = 0;
    while (top < la.size() && top < lb.size() && la[top] == lb[top])
        ++top;
    int bottom = 0;
    while (bottom < la.size() - top && bottom < lb.size() - top && la[la.size() - 1 - bottom] == lb[lb.size() - 1 - bottom])
        ++bottom;
    QStringList out;
    for (int i = top; i < lb.size() - bottom; ++i)
        out << lb[i];
    return out;
}

} // namespace

class TstYamlEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edits_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("op"); // set (string), yaml, remove
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("newLines"); // the only lines that differ in the result (empty: only removals)
        QTest::addColumn<int>("replaced"); // how many lines of the input the changed lines replace

        const QByteArray f(kFile);
        QTest::newRow("value keeps its quotes") << f << "set"
                                                << "data.example.port"
                                                << "12001" << QStringList {u"    port: \"12001\""_qs} << 1;
        QTest::newRow("plain value in the outer file") << f << "set"
                                                       << "metadata.name"
                                                       << "hooks" << QStringList {u"  name: hooks   # the Gateway names this"_qs} << 1;
        QTest::newRow("string that YAML 1.1 reads as a bool is quoted (PC-29)")
            << f << "set"
            << "metadata.name"
            << "on" << QStringList {u"  name: \"on\"   # the Gateway names this"_qs} << 1;
        QTest::newRow("number-like string is quoted (PC-29)")
            << f << "set"
            << "metadata.labels.argo-events-event-source-version"
            << "0123" << QStringList {u"    argo-events-event-source-version: \"0123\""_qs} << 1;
        QTest::newRow("new key in a block mapping is one line") << f << "set"
                                                                << "metadata.labels.team"
                                                                << "yes" << QStringList {u"    team: \"yes\""_qs} << 0;
        QTest::newRow("new key inside a data value's block scalar") << f << "yaml"
                                                                    << "data.example.maxBodySize"
                                                                    << "2048" << QStringList {u"    maxBodySize: 2048"_qs} << 0;
        QTest::newRow("new nested key inside a data value") << f << "set"
                                                            << "data.example-foo.hmac.header"
                                                            << "X-Sig" << QStringList {u"    hmac:"_qs, u"      header: X-Sig"_qs} << 0;
        QTest::newRow("removing a key inside a data value removes its line") << f << "remove"
                                                                             << "data.example.endpoint" << QString() << QStringList {} << 1;
        QTest::newRow("removing a data entry removes its lines") << f << "remove"
                                                                 << "data.example-foo" << QString() << QStringList {} << 4;
        QTest::newRow("removing a label") << QByteArray("metadata:\n  labels:\n    a: \"1\"\n    b: \"2\"\n") << "remove"
                                          << "metadata.labels.a" << QString() << QStringList {} << 1;
        QTest::newRow("removing the only key leaves an empty mapping, not null")
            << QByteArray("metadata:\n  labels:\n    a: \"1\"\nspec: {}\n") << "remove"
            << "metadata.labels.a" << QString() << QStringList {u"  labels: {}"_qs} << 2;
        QTest::newRow("flow mapping is rewritten whole") << QByteArray("metadata: {name: x}\nspec: {}\n") << "set"
                                                         << "metadata.namespace"
                                                         << "events" << QStringList {u"metadata: {name: x, namespace: events}"_qs} << 1;
        QTest::newRow("key with no value gets a mapping") << QByteArray("metadata:\n  labels:\nspec: {}\n") << "set"
                                                          << "metadata.labels.app"
                                                          << "x" << QStringList {u"    app: x"_qs} << 0;
        QTest::newRow("multi-line string becomes a literal block")
            << QByteArray("a: x\nb: y\n") << "set"
            << "a"
            << "one\ntwo" << QStringList {u"a: |-"_qs, u"  one"_qs, u"  two"_qs} << 1;
        QTest::newRow("quoted data value keeps its quotes") << QByteArray("data:\n  a: \"port: 1\"\n  b: x\n") << "yaml"
                                                            << "data.a.port"
                                                            << "2" << QStringList {u"  a: \"port: 2\""_qs} << 1;
        QTest::newRow("quoted data value that needs lines becomes a block")
            << QByteArray("data:\n  a: \"port: 1\"\n  b: x\n") << "yaml"
            << "data.a.method"
            << "POST" << QStringList {u"  a: |-"_qs, u"    port: 1"_qs, u"    method: POST"_qs} << 1;
        QTest::newRow("item of a block list") << QByteArray("l:\n  - a\n  - b\n") << "set"
                                              << "l[1]"
                                              << "c" << QStringList {u"  - c"_qs} << 1;
        QTest::newRow("appending an item") << QByteArray("l:\n  - a\nm: 1\n") << "set"
                                           << "l[1]"
                                           << "b" << QStringList {u"  - b"_qs} << 0;
        QTest::newRow("removing an item") << QByteArray("l:\n  - a\n  - b\nm: 1\n") << "remove"
                                          << "l[0]" << QString() << QStringList {} << 1;
        QTest::newRow("removing a mapping item whose dash has a line of its own")
            << QByteArray("l:\n  - a: 1\n  -\n    b: 2\nm: 1\n") << "remove"
            << "l[1]" << QString() << QStringList {} << 2;
        QTest::newRow("removing a mapping item") << QByteArray("l:\n  - a: 1\n    c: 3\n  - b: 2\nm: 1\n") << "remove"
                                                 << "l[0]" << QString() << QStringList {} << 2;
        QTest::newRow("new key at the end of a |- data value keeps its chomping")
            << QByteArray("data:\n  a: |-\n    port: \"1\"\n    method: POST\n  b: x\n") << "yaml"
            << "data.a.maxBodySize" << "2048" << QStringList {u"    maxBodySize: 2048"_qs} << 0;
        QTest::newRow("new key at the end of a |- data value at the end of the file")
            << QByteArray("data:\n  a: |-\n    port: \"1\"\n    method: POST\n") << "yaml"
            << "data.a.maxBodySize" << "2048" << QStringList {u"    maxBodySize: 2048"_qs} << 0;
        QTest::newRow("removing the last key of a |- data value keeps its chomping")
            << QByteArray("data:\n  a: |-\n    port: \"1\"\n    maxBodySize: 2048\n  b: x\n") << "remove"
            << "data.a.maxBodySize" << QString() << QStringList {} << 1;
        QTest::newRow("an anchored value keeps its anchor") << QByteArray("a: &x 1\nb: *x\n") << "yaml"
                                                            << "a" << "2" << QStringList {u"a: &x 2"_qs} << 1;
        QTest::newRow("an anchored value inside a data value keeps its anchor")
            << QByteArray("data:\n  build: |-\n    endpoint: &e /build\n    url: *e\n") << "set"
            << "data.build.endpoint" << "/z" << QStringList {u"    endpoint: &e /z"_qs} << 1;
        QTest::newRow("value in a flow sequence") << QByteArray("l: [a, b]\n") << "set"
                                                  << "l[0]"
                                                  << "on" << QStringList {u"l: [\"on\", b]"_qs} << 1;
        QTest::newRow("text without a final line break") << QByteArray("a: 1") << "yaml"
                                                         << "b"
                                                         << "2" << QStringList {u"b: 2"_qs} << 0;
    }

    void edits()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, op);
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(QStringList, newLines);
        QFETCH(int, replaced);
        auto ed = DocumentEditor::open(input.toStdString());
        QVERIFY(ed);
        auto p = parsePath(path.toStdString());
        QVERIFY(p);
        Result<TextEdit> r = op == u"remove"
            ? ed->remove(0, *p)
            : ed->setValue(0, *p, value.toStdString(), op == u"yaml" ? ValueKind::Yaml : ValueKind::String);
        QVERIFY2(r, r ? "" : r.error().text().c_str());
        const std::string before = input.toStdString();
        const std::string after = ed->text();
        QCOMPARE(changedLines(before, after), newLines);
        QCOMPARE(changedLines(after, before).size(), replaced);
        // Comments elsewhere survive, and the value reads back.
        for (const char *comment : {"# do not remove", "# port to run HTTP server on", "# trailing comment of data"}) {
            if (before.find(comment) != std::string::npos && !(op == u"remove" && path == u"data.example"))
                QVERIFY(after.find(comment) != std::string::npos);
        }
        if (op != u"remove")
            QCOMPARE(QString::fromStdString(ed->find(0, *p).scalar()), value);
        else if (p->back().index < 0)
            QVERIFY(!ed->find(0, *p).isDefined());
    }

    void appendingAMappingItem()
    {
        auto ed = DocumentEditor::open("spec:\n  sensors:\n    - name: a\nnext: 1\n");
        QVERIFY(ed);
        Node item = Node::mapping();
        item.add("name", Node::scalar("b"));
        item.add("namespace", Node::scalar("x"));
        auto r = ed->setNode(0, *parsePath("spec.sensors[1]"), item);
        QVERIFY2(r, r ? "" : r.error().text().c_str());
        QCOMPARE(ed->text(), std::string("spec:\n  sensors:\n    - name: a\n    - name: b\n      namespace: x\nnext: 1\n"));
        // And removing it gives the file back.
        QVERIFY(ed->remove(0, *parsePath("spec.sensors[1]")));
        QCOMPARE(ed->text(), std::string("spec:\n  sensors:\n    - name: a\nnext: 1\n"));
    }

    void editsAreValidatedYaml()
    {
        // Removing an anchor that an alias in the same data value needs is refused, not half-done.
        auto inner = DocumentEditor::open("data:\n  build: |-\n    endpoint: &e /build\n    url: *e\n");
        QVERIFY(inner);
        const std::string before = inner->text();
        auto refused = inner->remove(0, *parsePath("data.build.endpoint"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().text().find("data.build") != std::string::npos, refused.error().text().c_str());
        QCOMPARE(inner->text(), before);
        auto ed = DocumentEditor::open("a: 1\n");
        QVERIFY(ed);
        QVERIFY(!ed->setValue(0, *parsePath("a.b"), "x")); // a is a number, not a mapping
        QCOMPARE(ed->text(), std::string("a: 1\n"));
        QVERIFY(!ed->remove(0, *parsePath("zzz")));
        QVERIFY(!ed->setValue(3, *parsePath("a"), "x"));
    }

    void paths()
    {
        auto p = parsePath(R"(data["a.b"].hmac.secret)");
        QVERIFY(p);
        QCOMPARE(p->size(), std::size_t(4));
        QCOMPARE(QString::fromStdString(p->at(1).key), u"a.b"_qs);
        QCOMPARE(QString::fromStdString(pathText(*p)), uR"(data["a.b"].hmac.secret)"_qs);
        auto q = parsePath("spec.watchers.sensors[2].name");
        QVERIFY(q);
        QCOMPARE(q->at(3).index, 2);
        QVERIFY(!parsePath("a[x"));
    }
};

QTEST_GUILESS_MAIN(TstYamlEdit)
#include "tst_yamledit.moc"
