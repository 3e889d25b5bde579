// Validating files together: the Gateway CRD's rules (v0.10 controller wording), ConfigMaps, what
// only shows across documents, positions inside ConfigMap block scalars, and the handed cases
// about YAML (PC-30, PC-31) and the sources (PC-16, PC-17, PC-20, PC-21, PC-22).

#include <chrono>

#include <QTest>

#include "sources/mqtt/topicfilter.h"
#include "sources/schemas.h"
#include "spec/validator.h"

using namespace gs;

namespace {

const char *kGateway = R"(apiVersion: argoproj.io/v1alpha1
kind: Gateway
metadata:
  name: hooks
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
)";

const char *kConfigMap = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: hooks-sources
  labels:
    argo-events-event-source-version: v0.10
data:
  build: |
    port: "12000"
    endpoint: /build
    method: POST
)";

ValidateOptions options(bool local = false)
{
    ValidateOptions o;
    o.sourceSchema = [](std::string_view t) { return sourceSchema(t); };
    o.knownSchemas = sourceSchemas();
    o.local = local;
    return o;
}

QStringList lines(const std::vector<Diagnostic> &ds)
{
    QStringList out;
    for (const auto &d : ds)
        out << QString::fromStdString(d.toLine());
    return out;
}

QStringList check(const QByteArray &gw, const QByteArray &cm, bool local = false)
{
    std::vector<InputFile> files;
    if (!gw.isEmpty())
        files.push_back({"gw.yaml", gw.toStdString()});
    if (!cm.isEmpty())
        files.push_back({"cm.yaml", cm.toStdString()});
    return lines(validateFiles(files, options(local)));
}

} // namespace

class TstValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void files_data()
    {
        QTest::addColumn<QByteArray>("gateway");
        QTest::addColumn<QByteArray>("configMap");
        QTest::addColumn<QStringList>("expected");
        const QByteArray gw(kGateway), cm(kConfigMap);
        QTest::newRow("valid pair") << gw << cm << QStringList {};
        QTest::newRow("spec.type missing") << QByteArray(gw).replace("  type: webhook\n", "") << cm
                                           << QStringList {u"gw.yaml:8:1: error: spec.type: gateway type is not specified"_qs};
        QTest::newRow("template missing") << QByteArray(gw).replace("  template: {}\n", "") << cm
                                          << QStringList {u"gw.yaml:8:1: error: spec.template: gateway  pod template is not specified"_qs};
        QTest::newRow("controller labels missing")
            << QByteArray(gw).replace("    argo-events-gateway-version: v0.10\n", "") << cm
            << QStringList {
                   u"gw.yaml:6:5: error: metadata.labels: missing label argo-events-gateway-version (the v0.10 controller ignores Gateways without it)"_qs};
        QTest::newRow("controller label with another version")
            << QByteArray(gw).replace("gateway-version: v0.10", "gateway-version: v0.11") << cm
            << QStringList {
                   u"gw.yaml:7:34: error: metadata.labels.argo-events-gateway-version: the v0.10 controller only handles Gateways labelled 'v0.10', found 'v0.11'"_qs};
        QTest::newRow("no watchers with HTTP") << QByteArray(gw).replace("  watchers:\n    sensors:\n      - name: deploy-sensor\n",
            "") << cm << QStringList {u"gw.yaml:9:3: error: spec.watchers: no associated watchers with gateway"_qs};
        QTest::newRow("protocol in lower case")
            << QByteArray(gw).replace("type: HTTP", "type: http") << cm
            << QStringList {
                   u"gw.yaml:13:11: error: spec.eventProtocol.type: expected HTTP or NATS, found 'http' (values are case-sensitive: write 'HTTP')"_qs};
        QTest::newRow("NATS streaming without ids")
            << QByteArray(gw).replace(
                   "    type: HTTP\n    http:\n      port: \"9300\"\n", "    type: NATS\n    nats: {url: nats://n:4222, type: Streaming}\n")
            << cm
            << QStringList {
                   u"gw.yaml:14:11: error: spec.eventProtocol.nats.clientId: client id must be specified when using nats streaming"_qs,
                   u"gw.yaml:14:11: error: spec.eventProtocol.nats.clusterId: cluster id must be specified when using nats streaming"_qs};
        QTest::newRow("NATS type in other case (v0.10 sent nothing)")
            << QByteArray(gw).replace(
                   "    type: HTTP\n    http:\n      port: \"9300\"\n", "    type: NATS\n    nats: {url: nats://n:4222, type: standard}\n")
            << cm
            << QStringList {
                   u"gw.yaml:14:38: error: spec.eventProtocol.nats.type: expected Standard or Streaming, found 'standard' (values are case-sensitive: write 'Standard')"_qs};
        QTest::newRow("status phase the controller panics on")
            << QByteArray(gw) + "status:\n  phase: Pending\n"
            << cm << QStringList {u"gw.yaml:21:10: error: status.phase: expected , Running or Error, found 'Pending'"_qs};
        QTest::newRow("status nodes")
            << QByteArray(gw)
                + "status:\n  phase: Running\n  nodes:\n    \"123\": {id: \"123\", name: build, phase: Done, message: "
                  "event_source_is_running}\n"
            << cm << QStringList {u"gw.yaml:23:44: error: status.nodes.123.phase: expected Running, Error or Completed, found 'Done'"_qs};
        QTest::newRow("Gateway name with a colon")
            << QByteArray(gw).replace("  name: hooks\n", "  name: \"evil:gw\"\n") << cm
            << QStringList {
                   u"gw.yaml:4:9: error: metadata.name: 'evil:gw' is not a valid Kubernetes name (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)"_qs};
        QTest::newRow("ConfigMap name in upper case")
            << gw << QByteArray(cm).replace("  name: hooks-sources\n", "  name: Hooks-Sources\n")
            << QStringList {
                   u"cm.yaml:4:9: error: metadata.name: 'Hooks-Sources' is not a valid Kubernetes name (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)"_qs,
                   u"cm.yaml:4:9: warning: metadata.name: no Gateway given names this ConfigMap; its sources were checked as webhook sources, guessed from their keys (a Gateway naming it, or gwctl validate --type, sets the type)"_qs,
                   u"gw.yaml:10:16: error: spec.eventSource: names ConfigMap 'hooks-sources', but the files hold only Hooks-Sources"_qs};
        QTest::newRow("envelope annotation")
            << QByteArray(gw).replace("  labels:\n", "  annotations: {gateway-studio/envelope: cloudevents}\n  labels:\n") << cm
            << QStringList {
                   u"gw.yaml:5:42: error: metadata.annotations.gateway-studio/envelope: expected argo-v0.10, cloudevents-binary or cloudevents-structured, found 'cloudevents'"_qs};
        QTest::newRow("ConfigMap named is not given")
            << gw << QByteArray(cm).replace("name: hooks-sources", "name: other")
            << QStringList {
                   u"cm.yaml:4:9: warning: metadata.name: no Gateway given names this ConfigMap; its sources were checked as webhook sources, guessed from their keys (a Gateway naming it, or gwctl validate --type, sets the type)"_qs,
                   u"gw.yaml:10:16: error: spec.eventSource: names ConfigMap 'hooks-sources', but the files hold only other"_qs};
        QTest::newRow("only the Gateway given")
            << gw << QByteArray()
            << QStringList {
                   u"gw.yaml:10:16: warning: spec.eventSource: names ConfigMap 'hooks-sources', which is not among the files given; its event sources were not checked"_qs};
        QTest::newRow("ConfigMap without the version label")
            << gw << QByteArray(cm).replace("    argo-events-event-source-version: v0.10\n", "    app: x\n")
            << QStringList {
                   u"cm.yaml:6:5: error: metadata.labels: missing label argo-events-event-source-version (the gateway client ignores ConfigMaps without it); add `argo-events-event-source-version: v0.10`"_qs};
        QTest::newRow("source position inside the block scalar")
            << gw << QByteArray(cm).replace("method: POST", "method: post")
            << QStringList {
                   u"cm.yaml:11:13: error: data.build.method: unknown HTTP method 'post' (expected one of GET HEAD POST PUT PATCH DELETE CONNECT OPTIONS TRACE, upper-case) (values are case-sensitive: write 'POST')"_qs};
        QTest::newRow("config that fits another type")
            << gw << QByteArray(cm) + "  nightly: |\n    schedule: \"0 3 * * *\"\n    timezone: UTC\n"
            << QStringList {
                   u"cm.yaml:13:5: warning: data.nightly.schedule: unknown key 'schedule'; it is ignored (known keys: port, endpoint, method, url, serverCertPath, serverKeyPath, maxBodySize, authSecret, hmac and maskHeaders)"_qs,
                   u"cm.yaml:13:5: error: data.nightly.port: port can't be empty"_qs,
                   u"cm.yaml:13:5: error: data.nightly.endpoint: endpoint can't be empty"_qs,
                   u"cm.yaml:13:5: error: data.nightly.method: unknown HTTP method '' (expected one of GET HEAD POST PUT PATCH DELETE CONNECT OPTIONS TRACE, upper-case)"_qs,
                   u"cm.yaml:13:5: error: data.nightly: this config fits a calendar source, but Gateway 'hooks' has spec.type webhook"_qs,
                   u"cm.yaml:14:5: warning: data.nightly.timezone: unknown key 'timezone'; it is ignored (known keys: port, endpoint, method, url, serverCertPath, serverKeyPath, maxBodySize, authSecret, hmac and maskHeaders)"_qs};
        QTest::newRow("data value that Kubernetes reads as a bool (PC-29)")
            << gw << QByteArray(cm) + "  flag: yes\n"
            << QStringList {
                   u"cm.yaml:12:9: error: data.flag: 'yes' is not a string to Kubernetes; quote it or write the config as a `|` block"_qs};
        QTest::newRow("invalid ConfigMap key")
            << gw << QByteArray(cm) + "  a/b: |\n    port: \"1\"\n"
            << QStringList {
                   u"cm.yaml:12:3: error: data: 'a/b' is not a valid ConfigMap key: expected up to 253 letters, digits, '-', '_' or '.'"_qs};
        QTest::newRow("custom type: only YAML checked")
            << QByteArray(gw).replace("type: webhook", "type: my-custom") << QByteArray(cm) + "  broken: \"a: [\"\n"
            << QStringList {
                   u"cm.yaml:12:12: error: data.broken: invalid YAML: while parsing a flow node: did not find expected node content"_qs};
        QTest::newRow("PC-30: ',' is an error at once, never a hang")
            << QByteArray(",") << cm
            << QStringList {
                   u"cm.yaml:4:9: warning: metadata.name: no Gateway given names this ConfigMap; its sources were checked as webhook sources, guessed from their keys (a Gateway naming it, or gwctl validate --type, sets the type)"_qs,
                   u"gw.yaml:1:1: error: .: invalid YAML: while parsing a block node: did not find expected node content"_qs};
        QTest::newRow("PC-31: merge keys refused with a clear message")
            << gw << QByteArray("defaults: &d {port: \"12000\", method: POST}\nexample:\n  <<: *d\n  endpoint: /example\n")
            << QStringList {u"cm.yaml:3:3: error: .: merge keys (<<) are not supported; write the keys out"_qs,
                   u"gw.yaml:10:16: warning: spec.eventSource: names ConfigMap 'hooks-sources', which is not among the files given; its event sources were not checked"_qs};
        QTest::newRow("other kinds are skipped with a warning")
            << gw + "---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
            << cm << QStringList {u"gw.yaml:22:7: warning: kind: kind 'Service' is not checked here (only Gateway and ConfigMap)"_qs};
    }

    void files()
    {
        QFETCH(QByteArray, gateway);
        QFETCH(QByteArray, configMap);
        QFETCH(QStringList, expected);
        const auto started = std::chrono::steady_clock::now();
        const QStringList got = check(gateway, configMap);
        QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
        QCOMPARE(got, expected);
    }

    void runningLocallyDemotesClusterOnlyFindings()
    {
        QByteArray gw(kGateway);
        gw.replace("    argo-events-gateway-version: v0.10\n", "").replace("  template: {}\n", "");
        const QStringList got = check(gw, kConfigMap, true);
        QCOMPARE(got.size(), 2);
        for (const auto &l : got)
            QVERIFY2(l.contains(u": warning: "), qPrintable(l));
    }

    void readerErrorsAtTheirPosition()
    {
        // libyaml's reader reports only a byte offset for control characters and bad UTF-8: mapped to line and column.
        const auto ctl = validateFiles({{"c.yaml", std::string("a: 1\nb: \"x\x01y\"\n")}}, options());
        QCOMPARE(ctl.size(), std::size_t(1));
        QCOMPARE(ctl[0].line, 2);
        QCOMPARE(ctl[0].column, 6);
        const auto utf8 = validateFiles({{"u.yaml", std::string("a: 1\nbb: \xff\n")}}, options());
        QCOMPARE(utf8.size(), std::size_t(1));
        QCOMPARE(utf8[0].line, 2);
        QCOMPARE(utf8[0].column, 5);
    }

    void pc30MultiDocumentWithEmptyDocuments()
    {
        // The handed file: a ConfigMap, an empty document, a Gateway in the modern-ish shape, a trailing ---.
        const QByteArray text
            = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: webhook-event-source, labels: {argo-events-event-source-version: v0.10}}\n"
              "data:\n  example: |-\n    port: \"12000\"\n    endpoint: \"/example\"\n    method: \"POST\"\n---\n---\n"
            + QByteArray(kGateway).replace("hooks-sources", "webhook-event-source") + "---\n";
        const auto got = validateFiles({{"all.yaml", text.toStdString()}}, options());
        QVERIFY2(!hasErrors(got), qPrintable(lines(got).join(u'\n')));
        QVERIFY(got.empty());
    }

    /** PC-20: MQTT topic-filter matching, the spec's examples. */
    void pc20TopicFilters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<bool>("matches");
        const auto row = [](const char *f, const char *t, bool m) {
            QTest::newRow((std::string(f) + " vs " + t).c_str()) << QString::fromUtf8(f) << QString::fromUtf8(t) << m;
        };
        row("sport/#", "sport", true);
        row("sport/#", "sport/tennis/player1/score/wimbledon", true);
        row("+/#", "sport", true);
        row("sport/+", "sport", false);
        row("sport/+", "sport/", true);
        row("sport/tennis/+", "sport/tennis/player1/ranking", false);
        row("+/+", "/finance", true);
        row("/+", "/finance", true);
        row("+", "/finance", false);
        row("/#", "/", true);
        row("#", "$SYS/broker/uptime", false);
        row("+/monitor/Clients", "$SYS/monitor/Clients", false);
        row("$SYS/#", "$SYS/monitor/Clients", true);
    }
    void pc20TopicFilters()
    {
        QFETCH(QString, filter);
        QFETCH(QString, topic);
        QFETCH(bool, matches);
        QVERIFY(!mqtt::filterProblem(filter.toStdString()));
        QCOMPARE(mqtt::topicMatches(filter.toStdString(), topic.toStdString()), matches);
    }
    void pc20InvalidFilters()
    {
        for (const char *f : {"sport/tennis#", "sport+", "sport/#/ranking", ""})
            QVERIFY2(mqtt::filterProblem(f), f);
    }
};

QTEST_GUILESS_MAIN(TstValidator)
#include "tst_validator.moc"
