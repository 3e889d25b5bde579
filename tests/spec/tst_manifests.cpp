// Loading Gateway and ConfigMap files: the examples, and hostile input with precise errors.

#include <chrono>

#include <sys/stat.h>

#include <QTemporaryDir>
#include <QTest>

#include "spec/manifests.h"
#include "spec/sourceconfig.h"
#include "spec/yaml.h"
#include "testsupport.h"

using namespace gs;

namespace {
std::string writeFile(const QTemporaryDir &dir, const char *name, const QByteArray &text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path.toStdString();
}

const char *kGateway = R"(apiVersion: argoproj.io/v1alpha1
kind: Gateway
metadata:
  name: hooks
  namespace: events
  labels:
    gateways.argoproj.io/gateway-controller-instanceid: argo-events
    argo-events-gateway-version: v0.10
spec:
  type: webhook
  eventSource: hooks-sources
  processorPort: "9330"
  eventProtocol:
    type: HTTP
    http:
      port: "9300"
  template: {}
  watchers:
    sensors:
      - name: deploy-sensor
      - name: audit-sensor
        namespace: audit
    gateways:
      - name: fanout
        port: "9070"
        endpoint: /relay
)";

const char *kConfigMap = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: hooks-sources
  labels: {argo-events-event-source-version: v0.10}
data:
  build: |
    port: "12000"
    endpoint: /build
    method: POST
  release: |
    port: 12000
    endpoint: /release
    method: PUT
)";
} // namespace

class TstManifests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void examplesLoad()
    {
        std::vector<Warning> warnings;
        auto pair = loadGatewayPair(QString(test::examplesDir() + u"/webhook-gateway.yaml").toStdString(),
            QString(test::examplesDir() + u"/webhook-event-sources.yaml").toStdString(), warnings);
        QVERIFY2(pair, pair ? "" : pair.error().text().c_str());
        QCOMPARE(pair->gateway.meta.name, std::string("webhook-gateway"));
        QCOMPARE(pair->gateway.type, std::string("webhook"));
        QCOMPARE(pair->gateway.eventProtocol.httpPort, std::string("9300"));
        QCOMPARE(pair->configMap.data.size(), std::size_t(2));
        QCOMPARE(pair->configMap.data[0].first, std::string("example"));
        QVERIFY(pair->configMap.data[0].second.find("endpoint: \"/example\"") != std::string::npos);
        QVERIFY(warnings.empty());
    }

    void gatewayFields()
    {
        QTemporaryDir dir;
        std::vector<Warning> warnings;
        auto pair = loadGatewayPair(writeFile(dir, "gw.yaml", kGateway), writeFile(dir, "cm.yaml", kConfigMap), warnings);
        QVERIFY2(pair, pair ? "" : pair.error().text().c_str());
        const Gateway &gw = pair->gateway;
        QCOMPARE(gw.meta.ns, std::string("events"));
        QCOMPARE(gw.sensors.size(), std::size_t(2));
        QCOMPARE(gw.sensors[1].ns, std::string("audit"));
        QCOMPARE(gw.gatewayWatchers.at(0).endpoint, std::string("/relay"));
        // Unquoted `port: 12000` inside a config is the config's business; the ConfigMap value is text.
        QCOMPARE(pair->configMap.data[1].second, std::string("port: 12000\nendpoint: /release\nmethod: PUT\n"));
        QCOMPARE(pair->configMap.dataLine.at("build"), 8);
    }

    void gatewayStatusAndTemplate()
    {
        QTemporaryDir dir;
        QByteArray gw(kGateway);
        gw.replace("  template: {}\n", "  template:\n    spec: {serviceAccountName: argo-events-sa}\n");
        gw += "status:\n  phase: Running\n  message: gateway is active\n  nodes:\n    \"2960380398\":\n      id: \"2960380398\"\n"
              "      name: build\n      displayName: build\n      phase: Running\n      startedAt: \"2019-10-07T12:00:01.123456Z\"\n"
              "      message: event_source_is_running\n";
        std::vector<Warning> warnings;
        auto pair = loadGatewayPair(writeFile(dir, "gw.yaml", gw), writeFile(dir, "cm.yaml", kConfigMap), warnings);
        QVERIFY2(pair, pair ? "" : pair.error().text().c_str());
        const Gateway &g = pair->gateway;
        QCOMPARE(g.serviceAccountName, std::string("argo-events-sa"));
        QCOMPARE(g.status.phase, std::string("Running"));
        QCOMPARE(g.status.nodes.size(), std::size_t(1));
        QCOMPARE(g.status.nodes.at("2960380398").message, std::string("event_source_is_running"));
        QCOMPARE(g.status.nodes.at("2960380398").startedAt, std::string("2019-10-07T12:00:01.123456Z"));
    }

    void bothInOneFileWithEmptyDocuments()
    {
        // PC-30: empty documents and a trailing --- are skipped.
        QTemporaryDir dir;
        const QByteArray text = QByteArray(kConfigMap) + "---\n---\n" + kGateway + "---\n";
        std::vector<Warning> warnings;
        const std::string path = writeFile(dir, "all.yaml", text);
        auto m = loadManifests(path);
        QVERIFY(m);
        QCOMPARE(m->gateways.size(), std::size_t(1));
        QCOMPARE(m->configMaps.size(), std::size_t(1));
        auto pair = loadGatewayPair(path, {}, warnings);
        QVERIFY2(pair, pair ? "" : pair.error().text().c_str());
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("gateway");
        QTest::addColumn<QByteArray>("configMap");
        QTest::addColumn<QString>("expected");
        const QByteArray gw(kGateway), cm(kConfigMap);
        QTest::newRow("bad YAML names line and column")
            << QByteArray("kind: Gateway\nspec: [unclosed\n") << cm << QStringLiteral("gw.yaml:3:1: invalid YAML");
        QTest::newRow("comma alone never hangs") << QByteArray(",") << cm << QStringLiteral("gw.yaml:1:1: invalid YAML");
        QTest::newRow("tab indentation") << QByteArray("kind: Gateway\nspec:\n\ttype: webhook\n") << cm
                                         << QStringLiteral("gw.yaml:3:1: invalid YAML");
        QTest::newRow("Gateway without type") << QByteArray(gw).replace("  type: webhook\n", "") << cm
                                              << QStringLiteral("spec.type: gateway type is not specified");
        QTest::newRow("Gateway without eventSource") << QByteArray(gw).replace("  eventSource: hooks-sources\n", "") << cm
                                                     << QStringLiteral("spec.eventSource: event source for the gateway is not specified");
        QTest::newRow("Gateway without processorPort") << QByteArray(gw).replace("  processorPort: \"9330\"\n", "") << cm
                                                       << QStringLiteral("spec.processorPort: gateway processor port is not specified");
        QTest::newRow("type is a list") << QByteArray(gw).replace("  type: webhook\n", "  type: [a, b]\n") << cm
                                        << QStringLiteral("gw.yaml:10:9: spec.type: expected a string, found a sequence");
        QTest::newRow("protocol in lower case")
            << QByteArray(gw).replace("type: HTTP", "type: http") << cm
            << QStringLiteral("spec.eventProtocol.type: expected HTTP or NATS, found 'http' (values are case-sensitive: write 'HTTP')");
        QTest::newRow("sensor without http port")
            << QByteArray(gw).replace("    http:\n      port: \"9300\"\n", "") << cm << QStringLiteral("http server port is not defined");
        QTest::newRow("gateway watcher endpoint without slash")
            << QByteArray(gw).replace("endpoint: /relay", "endpoint: relay") << cm << QStringLiteral("spec.watchers.gateways[0].endpoint");
        QTest::newRow("no Gateway") << cm << cm << QStringLiteral("no Gateway found");
        QTest::newRow("ConfigMap name mismatch")
            << gw << QByteArray(cm).replace("name: hooks-sources", "name: other")
            << QStringLiteral("spec.eventSource names ConfigMap 'hooks-sources', but only these were found: other");
        QTest::newRow("ConfigMap without label")
            << gw << QByteArray(cm).replace("labels: {argo-events-event-source-version: v0.10}", "labels: {}")
            << QStringLiteral("missing label argo-events-event-source-version");
        QTest::newRow("data value is a mapping")
            << gw << QByteArray(cm).replace("  build: |\n", "  build:\n") << QStringLiteral("data.build: expected a string");
        QTest::newRow("data value is a bool to Kubernetes")
            << gw << QByteArray(cm).replace("  build: |\n    port: \"12000\"\n    endpoint: /build\n    method: POST\n", "  build: yes\n")
            << QStringLiteral("data.build: 'yes' is not a string to Kubernetes");
        QTest::newRow("document is a list") << QByteArray("- a\n- b\n") << cm << QStringLiteral("expected a Kubernetes object");
        QTest::newRow("kind missing") << QByteArray("apiVersion: v1\nmetadata: {name: x}\n") << cm << QStringLiteral("kind: missing");
        QTest::newRow("deep nesting") << QByteArray(5000, '[') << cm << QStringLiteral("nested deeper than");
        QTest::newRow("millions of empty documents") << gw << QByteArray("---\n").repeated(2000000)
                                                     << QStringLiteral("cm.yaml:10001:1: more than 10000 YAML documents");
        QTest::newRow("Gateway name with a colon") << QByteArray(gw).replace("  name: hooks\n", "  name: \"evil:gw\"\n") << cm
                                                   << QStringLiteral("gw.yaml:4:9: metadata.name: 'evil:gw' is not a valid Kubernetes name");
        QTest::newRow("binary junk") << QByteArray("\x00\xff\xfe\x01garbage", 11) << cm << QStringLiteral("invalid YAML");
        QTest::newRow("key given twice") << QByteArray(gw).replace("  type: webhook\n", "  type: webhook\n  type: calendar\n") << cm
                                         << QStringLiteral("gw.yaml:11:3: key 'type' appears twice in one mapping (first at line 10)");
        QTest::newRow("ConfigMap key with a newline") << gw << QByteArray(cm).replace("  release: |\n", "  \"rel\\nease\": |\n")
                                                      << QStringLiteral("cm.yaml:11:3: data: 'rel\\nease' is not a valid ConfigMap key");
        QTest::newRow("ConfigMap key with a slash")
            << gw << QByteArray(cm).replace("  release: |\n", "  a/b: |\n") << QStringLiteral("data: 'a/b' is not a valid ConfigMap key");
        QTest::newRow("30k-digit number") << gw
                                          << QByteArray(cm).replace(
                                                 "  build: |\n    port: \"12000\"\n    endpoint: /build\n    method: POST\n",
                                                 QByteArray::fromStdString("  build: " + std::string(30000, '7') + "\n"))
                                          << QStringLiteral("data.build: '") + QString(64, u'7')
                + QStringLiteral("...(29936 more bytes)' is not a string to Kubernetes");
    }
    void hostile()
    {
        QFETCH(QByteArray, gateway);
        QFETCH(QByteArray, configMap);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        std::vector<Warning> warnings;
        const auto started = std::chrono::steady_clock::now();
        auto pair = loadGatewayPair(writeFile(dir, "gw.yaml", gateway), writeFile(dir, "cm.yaml", configMap), warnings);
        QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
        QVERIFY(!pair);
        const QString text = QString::fromStdString(pair.error().text());
        QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY2(text.contains(u"gw.yaml") || text.contains(u"cm.yaml"), qPrintable(text)); // always names the file
    }

    void notARegularFile()
    {
        std::vector<Warning> warnings;
        QTemporaryDir dir;
        auto pair = loadGatewayPair(dir.path().toStdString(), {}, warnings);
        QVERIFY(!pair);
        QVERIFY(QString::fromStdString(pair.error().text()).endsWith(u": is a directory, expected a YAML file"));
        const QString fifo = dir.filePath(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        pair = loadGatewayPair(fifo.toStdString(), {}, warnings); // would block forever if opened
        QVERIFY(!pair);
        QVERIFY(QString::fromStdString(pair.error().text()).endsWith(u": is not a regular file, expected a YAML file"));
    }

    void missingFile()
    {
        std::vector<Warning> warnings;
        auto pair = loadGatewayPair("/nonexistent/gw.yaml", {}, warnings);
        QVERIFY(!pair);
        QCOMPARE(QString::fromStdString(pair.error().text()),
            QStringLiteral("/nonexistent/gw.yaml: cannot open file: No such file or directory"));
    }

    void controllerOnlyProblemsAreWarnings()
    {
        QTemporaryDir dir;
        QByteArray gw(kGateway);
        gw.replace("  template: {}\n", "").replace("    argo-events-gateway-version: v0.10\n", "");
        std::vector<Warning> warnings;
        auto pair = loadGatewayPair(writeFile(dir, "gw.yaml", gw), writeFile(dir, "cm.yaml", kConfigMap), warnings);
        QVERIFY(pair);
        // In file order: the label (metadata) before the template (spec).
        QCOMPARE(warnings.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(warnings[0].message),
            QStringLiteral(
                "metadata.labels: missing label argo-events-gateway-version (the v0.10 controller ignores Gateways without it)"));
        QCOMPARE(QString::fromStdString(warnings[1].message), QStringLiteral("spec.template: gateway  pod template is not specified"));
        QVERIFY(QString::fromStdString(warnings[1].where).endsWith(u"gw.yaml:8:1"));
    }

    void envelopeAnnotation()
    {
        QTemporaryDir dir;
        const std::string cm = writeFile(dir, "cm.yaml", kConfigMap);
        std::vector<Warning> warnings;
        auto plain = loadGatewayPair(writeFile(dir, "plain.yaml", kGateway), cm, warnings);
        QVERIFY(plain);
        QCOMPARE(toString(plain->gateway.envelope()), toString(EnvelopeKind::Argo));
        for (auto kind : {EnvelopeKind::Argo, EnvelopeKind::CloudEventsBinary, EnvelopeKind::CloudEventsStructured}) {
            QByteArray gw(kGateway);
            const QByteArray annotated
                = QByteArray("  namespace: events\n  annotations:\n    gateway-studio/envelope: ") + toString(kind).data() + '\n';
            gw.replace("  namespace: events\n", annotated);
            auto pair = loadGatewayPair(writeFile(dir, "gw.yaml", gw), cm, warnings);
            QVERIFY(pair);
            QCOMPARE(toString(pair->gateway.envelope()), toString(kind));
        }
        QByteArray bad(kGateway);
        bad.replace("  namespace: events\n", "  namespace: events\n  annotations: {gateway-studio/envelope: CloudEvents}\n");
        const std::string badPath = writeFile(dir, "bad.yaml", bad);
        auto pair = loadGatewayPair(badPath, cm, warnings);
        QVERIFY(!pair);
        QCOMPARE(QString::fromStdString(pair.error().text()),
            QString::fromStdString(badPath
                + ":6:42: metadata.annotations.gateway-studio/envelope: expected argo-v0.10, cloudevents-binary or "
                  "cloudevents-structured, found 'CloudEvents'"));
    }

    void sourceConfigReadsLikeGhodss_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("number to string") << QByteArray("port: 12000") << QStringLiteral("port") << QStringLiteral("12000");
        QTest::newRow("case-insensitive key") << QByteArray("Port: \"1\"") << QStringLiteral("port") << QStringLiteral("1");
        QTest::newRow("exact match wins") << QByteArray("PORT: \"1\"\nport: \"2\"") << QStringLiteral("port") << QStringLiteral("2");
        QTest::newRow("YAML 1.1 bool yes") << QByteArray("clientId: yes") << QStringLiteral("clientId") << QStringLiteral("true");
        QTest::newRow("YAML 1.1 bool Off") << QByteArray("clientId: Off") << QStringLiteral("clientId") << QStringLiteral("false");
        QTest::newRow("quoted yes stays") << QByteArray("clientId: \"yes\"") << QStringLiteral("clientId") << QStringLiteral("yes");
        QTest::newRow("octal like Go") << QByteArray("partition: 010") << QStringLiteral("partition") << QStringLiteral("8");
        QTest::newRow("null is absent") << QByteArray("port: ~") << QStringLiteral("port") << QStringLiteral("<absent>");
    }
    void sourceConfigReadsLikeGhodss()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        auto cfg = SourceConfig::parse(yaml.toStdString());
        QVERIFY(cfg);
        auto v = cfg->string(key.toStdString());
        QVERIFY(v);
        QCOMPARE(v->has_value() ? QString::fromStdString(**v) : QStringLiteral("<absent>"), expected);
    }
};

QTEST_GUILESS_MAIN(TstManifests)
#include "tst_manifests.moc"
