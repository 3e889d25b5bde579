// gwctl validate, fmt, convert, new and schema as a user runs them: output formats, exit codes
// (0 fine, 1 a problem, 2 usage), and templates that validate as written.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "testprocess.h"
#include "testsupport.h"

using namespace gs;

namespace {

QString readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

void writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text);
}

test::RunResult gwctl(const QStringList &args)
{
    return test::runToEnd(test::gwctlPath(), args);
}

const QByteArray kBadConfigMap
    = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hooks\n  labels: {argo-events-event-source-version: v0.10}\n"
      "data:\n  build: |\n    port: \"12000\"\n    endpoint: /build\n    method: post\n";

const char *kTypes[] = {"calendar", "webhook", "resource", "artifact", "nats", "mqtt", "kafka", "amqp"};

} // namespace

class TstAuthorCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helpListsTheCommands()
    {
        auto h = gwctl({u"--help"_qs});
        QCOMPARE(h.code, 0);
        for (const char *cmd : {"validate", "fmt", "convert", "new", "schema"}) {
            QVERIFY(h.out.contains(QString::fromUtf8(cmd)));
            auto ch = gwctl({QString::fromUtf8(cmd), u"--help"_qs});
            QCOMPARE(ch.code, 0);
        }
    }

    void validateExamples()
    {
        const QString ex = test::examplesDir();
        auto r = gwctl({u"validate"_qs, ex + u"/webhook-gateway.yaml"_qs, ex + u"/webhook-event-sources.yaml"_qs,
            ex + u"/calendar-gateway.yaml"_qs, ex + u"/calendar-event-sources.yaml"_qs});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, QString());
    }

    void validateLinesAndExitCodes()
    {
        QTemporaryDir dir;
        const QString cm = dir.filePath(u"cm.yaml"_qs);
        writeFile(cm, kBadConfigMap);
        auto r = gwctl({u"validate"_qs, u"--type"_qs, u"webhook"_qs, cm});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.out,
            cm
                + u":10:13: error: data.build.method: unknown HTTP method 'post' (expected one of GET HEAD POST PUT PATCH DELETE "
                  "CONNECT OPTIONS TRACE, upper-case) (values are case-sensitive: write 'POST')\n"_qs);
        QCOMPARE(r.err, u"gwctl: 1 error, 0 warnings\n"_qs);

        // Warnings alone exit 0.
        writeFile(cm, QByteArray(kBadConfigMap).replace("method: post", "method: POST\n    url: yes"));
        auto w = gwctl({u"validate"_qs, u"--type"_qs, u"webhook"_qs, cm});
        QCOMPARE(w.code, 0);
        QVERIFY2(w.out.startsWith(cm + u":11:10: warning: data.build.url: 'yes' is read as 'true'"_qs), qPrintable(w.out));
    }

    void validateJson()
    {
        QTemporaryDir dir;
        const QString cm = dir.filePath(u"cm.yaml"_qs);
        writeFile(cm, kBadConfigMap);
        auto r = gwctl({u"validate"_qs, u"--output"_qs, u"json"_qs, cm});
        QCOMPARE(r.code, 1);
        const QJsonArray a = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(a.size(), 2); // the guessed type (warning) and the method (error)
        const QJsonObject e = a.at(1).toObject();
        QCOMPARE(e.value(u"file").toString(), cm);
        QCOMPARE(e.value(u"line").toInt(), 10);
        QCOMPARE(e.value(u"column").toInt(), 13);
        QCOMPARE(e.value(u"severity").toString(), u"error"_qs);
        QCOMPARE(e.value(u"path").toString(), u"data.build.method"_qs);
        QVERIFY(e.value(u"message").toString().startsWith(u"unknown HTTP method 'post'"));
        QCOMPARE(a.at(0).toObject().value(u"severity").toString(), u"warning"_qs);
        auto clean = gwctl({u"validate"_qs, u"--output"_qs, u"json"_qs, test::examplesDir() + u"/webhook-gateway.yaml"_qs,
            test::examplesDir() + u"/webhook-event-sources.yaml"_qs});
        QCOMPARE(clean.code, 0);
        QCOMPARE(clean.out.trimmed(), u"[]"_qs);
    }

    void validateUsageAndUnreadable()
    {
        QCOMPARE(gwctl({u"validate"_qs}).code, 2);
        QCOMPARE(gwctl({u"validate"_qs, u"--output"_qs, u"xml"_qs, u"x.yaml"_qs}).code, 2);
        QCOMPARE(gwctl({u"validate"_qs, u"--type"_qs, u"ftp"_qs, u"x.yaml"_qs}).code, 2);
        auto missing = gwctl({u"validate"_qs, u"/nonexistent/gw.yaml"_qs});
        QCOMPARE(missing.code, 1);
        QCOMPARE(missing.out, u"/nonexistent/gw.yaml:1:1: error: .: cannot open file: No such file or directory\n"_qs);
        QTemporaryDir dir;
        const QString comma = dir.filePath(u"comma.yaml"_qs);
        writeFile(comma, ",");
        auto c = gwctl({u"validate"_qs, comma}); // PC-30: never hangs
        QCOMPARE(c.code, 1);
        QVERIFY(c.out.startsWith(comma + u":1:1: error: .: invalid YAML"_qs));
    }

    void fmtPrintsWritesAndChecks()
    {
        QTemporaryDir dir;
        const QString in = test::dataDir() + u"/spec/fmt/configmap-data.yaml"_qs;
        const QString expected = readAll(test::dataDir() + u"/spec/fmt/configmap-data.formatted.yaml"_qs);
        auto out = gwctl({u"fmt"_qs, in});
        QCOMPARE(out.code, 0);
        QCOMPARE(out.out, expected);
        const QString copy = dir.filePath(u"cm.yaml"_qs);
        QFile::copy(in, copy);
        QCOMPARE(gwctl({u"fmt"_qs, u"--check"_qs, copy}).code, 1);
        QCOMPARE(gwctl({u"fmt"_qs, u"--write"_qs, copy}).code, 0);
        QCOMPARE(readAll(copy), expected);
        QCOMPARE(gwctl({u"fmt"_qs, u"--check"_qs, copy}).code, 0); // idempotent
        auto again = gwctl({u"fmt"_qs, copy});
        QCOMPARE(again.out, expected);
        const QString comma = dir.filePath(u"comma.yaml"_qs);
        writeFile(comma, ",");
        auto bad = gwctl({u"fmt"_qs, u"--write"_qs, comma});
        QCOMPARE(bad.code, 1);
        QCOMPARE(readAll(comma), u","_qs); // left as it was
        QCOMPARE(gwctl({u"fmt"_qs}).code, 2);
        QCOMPARE(gwctl({u"fmt"_qs, copy, comma}).code, 2);
    }

    void convertBothWays()
    {
        QTemporaryDir dir;
        const QString v010 = test::dataDir() + u"/spec/convert/streams-v010.yaml"_qs;
        auto es = gwctl({u"convert"_qs, u"--to"_qs, u"eventsource"_qs, v010});
        QCOMPARE(es.code, 0);
        QCOMPARE(es.out, readAll(test::dataDir() + u"/spec/convert/streams-eventsource.yaml"_qs));
        QVERIFY(es.err.contains(v010 + u":37:5: warning: data.temperature.qos: has no counterpart in the modern EventSource; dropped"_qs));
        const QString esFile = dir.filePath(u"es.yaml"_qs);
        writeFile(esFile, es.out.toUtf8());
        auto gw = gwctl({u"convert"_qs, u"--to"_qs, u"gateway"_qs, esFile});
        QCOMPARE(gw.code, 0);
        QCOMPARE(gw.out, readAll(test::dataDir() + u"/spec/convert/streams-back.yaml"_qs));
        QCOMPARE(gwctl({u"convert"_qs, u"--to"_qs, u"sensor"_qs, esFile}).code, 2);
        QCOMPARE(gwctl({u"convert"_qs, u"--to"_qs, u"gateway"_qs, v010}).code, 1); // no EventSource in it
    }

    void newTemplatesAreValidAsWritten_data()
    {
        QTest::addColumn<QString>("type");
        for (const char *t : kTypes)
            QTest::newRow(t) << QString::fromLatin1(t);
    }
    void newTemplatesAreValidAsWritten()
    {
        QFETCH(QString, type);
        QTemporaryDir dir;
        auto n = gwctl({u"new"_qs, type, u"--name"_qs, u"demo"_qs});
        QCOMPARE(n.code, 0);
        QVERIFY(n.out.contains(u"name: demo-gateway"));
        QVERIFY(n.out.contains(u"\n# "_qs) || n.out.startsWith(u"# "_qs));
        const QString file = dir.filePath(type + u".yaml"_qs);
        writeFile(file, n.out.toUtf8());
        auto v = gwctl({u"validate"_qs, file});
        QCOMPARE(v.out, QString()); // no error and no warning
        QCOMPARE(v.code, 0);
        QCOMPARE(gwctl({u"fmt"_qs, u"--check"_qs, file}).code, 0); // already canonical
    }

    void newRefusesUnknownTypes()
    {
        QCOMPARE(gwctl({u"new"_qs, u"ftp"_qs}).code, 2);
        QCOMPARE(gwctl({u"new"_qs}).code, 2);
        QCOMPARE(gwctl({u"new"_qs, u"webhook"_qs, u"--name"_qs, u"a/b"_qs}).code, 2);
    }

    void schemaAsJson()
    {
        auto one = gwctl({u"schema"_qs, u"webhook"_qs});
        QCOMPARE(one.code, 0);
        const QJsonObject s = QJsonDocument::fromJson(one.out.toUtf8()).object();
        QCOMPARE(s.value(u"type").toString(), u"webhook"_qs);
        const QJsonObject method = s.value(u"fields").toArray().at(2).toObject();
        QCOMPARE(method.value(u"key").toString(), u"method"_qs);
        QCOMPARE(method.value(u"kind").toString(), u"enum"_qs);
        QCOMPARE(method.value(u"required").toBool(), true);
        QCOMPARE(method.value(u"allowed").toArray().size(), 9);
        auto all = gwctl({u"schema"_qs});
        QCOMPARE(all.code, 0);
        QCOMPARE(QJsonDocument::fromJson(all.out.toUtf8()).array().size(), 10); // Gateway, ConfigMap and eight types
        QCOMPARE(gwctl({u"schema"_qs, u"ftp"_qs}).code, 2);
    }
};

QTEST_GUILESS_MAIN(TstAuthorCli)
#include "tst_authorcli.moc"
