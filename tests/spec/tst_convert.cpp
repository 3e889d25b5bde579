// v0.10 Gateway + ConfigMap <-> the modern EventSource: golden outputs and warnings (file:line:col,
// path) in both directions, v0.12's shape, a stable round trip where the formats overlap, and the
// refusals.

#include <QTest>

#include "sources/schemas.h"
#include "spec/convert.h"
#include "spec/yaml.h"
#include "spec/yamlwrite.h"
#include "testsupport.h"

using namespace gs;

namespace {

QString dir()
{
    return test::dataDir() + u"/spec/convert/"_qs;
}

std::string read(const QString &path)
{
    auto t = yaml::readFile(path.toStdString());
    return t ? *t : std::string();
}

/** The files as `gwctl convert` is given them, named as in the golden warnings. */
std::vector<InputFile> inputs(const QStringList &names)
{
    std::vector<InputFile> out;
    for (const QString &n : names) {
        const QString path = QFile::exists(dir() + n) ? QString(dir() + n) : QString(test::examplesDir() + u"/"_qs + n);
        out.push_back({n.toStdString(), read(path)});
    }
    return out;
}

Result<Conversion> convert(const QString &to, const std::vector<InputFile> &files)
{
    const SchemaLookup lookup = [](std::string_view t) { return sourceSchema(t); };
    return to == u"eventsource" ? toEventSource(files, lookup) : toGateway(files, lookup, sourceSchemas());
}

QString warningLines(std::vector<Diagnostic> ws)
{
    sortDiagnostics(ws);
    QString out;
    for (const auto &w : ws)
        out += QString::fromStdString(w.toLine()) + u'\n';
    return out;
}

} // namespace

class TstConvert : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("expected"); // golden output; its warnings in the same name with .warnings
        QTest::newRow("stream and resource sources to EventSources")
            << QStringList {u"streams-v010.yaml"_qs} << u"eventsource"_qs << u"streams-eventsource"_qs;
        QTest::newRow("EventSources back to Gateways")
            << QStringList {u"streams-eventsource.yaml"_qs} << u"gateway"_qs << u"streams-back"_qs;
        QTest::newRow("v0.12 EventSource with spec.type")
            << QStringList {u"v012-minio.yaml"_qs} << u"gateway"_qs << u"v012-minio-gateway"_qs;
        QTest::newRow("the examples, Gateway and ConfigMap in separate files") << QStringList {u"webhook-gateway.yaml"_qs,
            u"webhook-event-sources.yaml"_qs, u"calendar-gateway.yaml"_qs, u"calendar-event-sources.yaml"_qs}
                                                                               << u"eventsource"_qs << u"examples-eventsource"_qs;
    }

    void golden()
    {
        QFETCH(QStringList, files);
        QFETCH(QString, to);
        QFETCH(QString, expected);
        auto r = convert(to, inputs(files));
        QVERIFY2(r, r ? "" : r.error().text().c_str());
        QCOMPARE(QString::fromStdString(yaml::write(r->documents)), QString::fromStdString(read(dir() + expected + u".yaml"_qs)));
        QCOMPARE(warningLines(r->warnings), QString::fromStdString(read(dir() + expected + u".warnings"_qs)));
    }

    /** Where the formats overlap nothing is lost: EventSource -> v0.10 -> EventSource gives the same text. */
    void roundTripIsStable_data()
    {
        QTest::addColumn<QString>("eventSource");
        QTest::newRow("streams and resource") << u"streams-eventsource.yaml"_qs;
        QTest::newRow("webhook and calendar examples") << u"examples-eventsource.yaml"_qs;
    }
    void roundTripIsStable()
    {
        QFETCH(QString, eventSource);
        const std::string original = read(dir() + eventSource);
        auto back = convert(u"gateway"_qs, {{"es.yaml", original}});
        QVERIFY(back);
        auto again = convert(u"eventsource"_qs, {{"back.yaml", yaml::write(back->documents)}});
        QVERIFY2(again, again ? "" : again.error().text().c_str());
        QCOMPARE(QString::fromStdString(yaml::write(again->documents)), QString::fromStdString(original));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("to");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        const QByteArray gw
            = "apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata: {name: g}\nspec: {type: webhook, eventSource: missing}\n";
        QTest::newRow("ConfigMap not given")
            << u"eventsource"_qs << gw << u"in.yaml:4:36: Gateway 'g' names ConfigMap 'missing', which is not among the files given"_qs;
        QTest::newRow("custom type")
            << u"eventsource"_qs
            << QByteArray(gw).replace("type: webhook", "type: github") + "---\nkind: ConfigMap\nmetadata: {name: missing}\n"
            << u"in.yaml:4:14: spec.type 'github' has no section in the modern EventSource (a custom gateway); nothing was converted"_qs;
        QTest::newRow("no Gateway") << u"eventsource"_qs << QByteArray("kind: ConfigMap\n")
                                    << u"in.yaml: no Gateway found (expected a document with kind: Gateway, and the ConfigMap it names)"_qs;
        QTest::newRow("no section this tool knows")
            << u"gateway"_qs << QByteArray("kind: EventSource\nmetadata: {name: e}\nspec:\n  github: {x: {}}\n")
            << u"in.yaml:4:3: the EventSource holds no section this tool converts (calendar, webhook, resource, minio, nats, mqtt, kafka, amqp)"_qs;
    }
    void refusals()
    {
        QFETCH(QString, to);
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        auto r = convert(to, {{"in.yaml", text.toStdString()}});
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.error().text()), error);
    }
};

QTEST_GUILESS_MAIN(TstConvert)
#include "tst_convert.moc"
