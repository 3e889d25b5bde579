// Webhook event-source validation: v0.10's rules and messages (spec §6.2, §1.3) and ours (decisions §5).

#include <QTest>

#include "sources/webhook/webhookconfig.h"
#include "sources/webhook/webhooktype.h"

using namespace gs;

class TstWebhookConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("reason"); // empty: valid

        const QString v = QStringLiteral("v0.10");
        QTest::newRow("minimal") << QByteArray("port: \"12000\"\nendpoint: /example\nmethod: POST") << v << QString();
        QTest::newRow("unquoted port") << QByteArray("port: 12000\nendpoint: /example\nmethod: POST") << v << QString();
        QTest::newRow("PC-11d no leading slash") << QByteArray("port: \"12000\"\nendpoint: example\nmethod: POST") << v << QString();
        QTest::newRow("all our keys") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: PUT\nmaxBodySize: 4000000\n"
                                                    "authSecret: {env: TOKEN}\nhmac: {secret: {file: /k}}\nmaskHeaders: [X-Api-Key]")
                                      << v << QString();
        QTest::newRow("version mismatch")
            << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST") << QStringLiteral("v0.11")
            << QStringLiteral("event source version mismatch. gateway expects v0.10 version, and provided version is v0.11");
        QTest::newRow("empty") << QByteArray("") << v << QStringLiteral("failed to validate event source. err: event source can't be nil");
        QTest::newRow("null") << QByteArray("null") << v
                              << QStringLiteral("failed to validate event source. err: event source can't be nil");
        QTest::newRow("PC-11a no method") << QByteArray("port: \"12001\"\nendpoint: /nomethod") << v
                                          << QStringLiteral(
                                                 "failed to validate event source. err: unknown HTTP method '' (expected one of GET");
        QTest::newRow("lower-case method") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: post") << v
                                           << QStringLiteral("err: unknown HTTP method 'post'");
        QTest::newRow("no endpoint") << QByteArray("port: \"1\"\nmethod: POST") << v << QStringLiteral("err: endpoint can't be empty");
        QTest::newRow("no port") << QByteArray("endpoint: /x\nmethod: POST") << v << QStringLiteral("err: port can't be empty");
        QTest::newRow("port not a number") << QByteArray("port: http\nendpoint: /x\nmethod: POST") << v
                                           << QStringLiteral("err: failed to parse server port 'http'");
        QTest::newRow("port out of range") << QByteArray("port: 70000\nendpoint: /x\nmethod: POST") << v
                                           << QStringLiteral("err: port '70000' is out of range");
        QTest::newRow("port is a list")
            << QByteArray("port: [1]\nendpoint: /x\nmethod: POST") << v
            << QStringLiteral("failed to parse event source. err: port: expected a string, found a sequence (line 1, column 7)");
        QTest::newRow("not a mapping")
            << QByteArray("- a\n- b") << v
            << QStringLiteral(
                   "failed to parse event source. err: expected a mapping of keys to values, found a sequence (line 1, column 1)");
        QTest::newRow("bad YAML") << QByteArray("port: \"1\nendpoint: [") << v
                                  << QStringLiteral("failed to parse event source. err: invalid YAML: while scanning a quoted scalar: "
                                                    "found unexpected end of stream (line 2, column 12)");
        QTest::newRow("comma") << QByteArray(",") << v
                               << QStringLiteral("failed to parse event source. err: invalid YAML: while parsing a block node: did not "
                                                 "find expected node content (line 1, column 1)");
        QTest::newRow("maxBodySize above 4 MB") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nmaxBodySize: 4000001") << v
                                                << QStringLiteral("maxBodySize 4000001 is above the limit of 4000000 bytes");
        QTest::newRow("maxBodySize zero") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nmaxBodySize: 0") << v
                                          << QStringLiteral("maxBodySize: expected a positive number of bytes");
        QTest::newRow("maxBodySize text") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nmaxBodySize: 1MB") << v
                                          << QStringLiteral("maxBodySize: expected an integer, found '1MB'");
        QTest::newRow("cert without key") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nserverCertPath: /c") << v
                                          << QStringLiteral("serverCertPath and serverKeyPath must be set together");
        QTest::newRow("endpoint with query") << QByteArray("port: \"1\"\nendpoint: /x?a=1\nmethod: POST") << v
                                             << QStringLiteral("must be a plain path");
        QTest::newRow("secret ref with two forms") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nauthSecret: {env: A, file: /b}")
                                                   << v << QStringLiteral("authSecret: expected exactly one of");
        QTest::newRow("hmac without secret") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nhmac: {header: X-Sig}") << v
                                             << QStringLiteral("hmac.secret: required");
        QTest::newRow("kube secret without key") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nauthSecret: {name: s}") << v
                                                 << QStringLiteral("needs both name and key");
        QTest::newRow("secret written as a plain value is not echoed")
            << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nauthSecret: hunter2") << v
            << QStringLiteral("found a plain value (not shown, as it may be the secret)");
        QTest::newRow("binary junk") << QByteArray("\x01\x02\x03\xff") << v << QStringLiteral("failed to parse event source");
        QTest::newRow("hmac secret written as a plain value is not echoed")
            << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nhmac: {secret: hunter2}") << v
            << QStringLiteral("hmac.secret: expected a secret reference");
        QTest::newRow("empty inline secret") << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nhmac: {secret: {value: \"\"}}") << v
                                             << QStringLiteral("hmac.secret: {value: ...} is empty");
        QTest::newRow("key given twice")
            << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nmethod: GET") << v
            << QStringLiteral("err: key 'method' appears twice in one mapping (first at line 3); only one may be given (line 4, column 1)");
        QTest::newRow("keys equal but for case")
            << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nMethod: GET") << v
            << QStringLiteral(
                   "Method: 'Method' and 'method' set the same field (keys match case-insensitively); keep one (line 4, column 1)");
        QTest::newRow("nested keys equal but for case")
            << QByteArray("port: \"1\"\nendpoint: /x\nmethod: POST\nhmac: {secret: {env: A}, Secret: {env: B}}") << v
            << QStringLiteral("hmac.Secret: 'Secret' and 'secret'");
        QTest::newRow("merge key") << QByteArray("base: &b {port: \"1\", method: POST}\n<<: *b\nendpoint: /x") << v
                                   << QStringLiteral("err: merge keys (<<) are not supported; write the keys out (line 2, column 1)");
        QTest::newRow("huge value is cut in the message")
            << QByteArray("port: " + QByteArray(40000, '9') + "\nendpoint: /x\nmethod: POST") << v
            << QStringLiteral("port '") + QString(64, u'9') + QStringLiteral("...(39936 more bytes)'");
    }
    void validate()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, version);
        QFETCH(QString, reason);
        webhook::WebhookType type(SourceEnvironment {});
        const Verdict verdict = type.validate(SourceSpec {"1", "example", data.toStdString(), version.toStdString()});
        if (reason.isEmpty()) {
            QVERIFY2(verdict.valid, verdict.reason.c_str());
            QVERIFY(verdict.reason.empty());
        } else {
            QVERIFY(!verdict.valid);
            QVERIFY(!QString::fromStdString(verdict.reason).contains(u"hunter2"));
            QVERIFY2(QString::fromStdString(verdict.reason).contains(reason), verdict.reason.c_str());
        }
    }

    void normalisation()
    {
        auto cfg = webhook::loadConfig("port: 12000\nEndpoint: example\nmethod: POST\n");
        QVERIFY2(cfg, cfg ? "" : cfg.error().text().c_str());
        QCOMPARE(cfg->endpoint, std::string("/example"));
        QCOMPARE(cfg->portNumber, std::uint16_t(12000));
        QCOMPARE(cfg->maxBodySize, std::uint64_t(1048576));
        QCOMPARE(cfg->hmac.has_value(), false);
    }
};

QTEST_GUILESS_MAIN(TstWebhookConfig)
#include "tst_webhookconfig.moc"
