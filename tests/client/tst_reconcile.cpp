// The client reconciles by event-source id when the ConfigMap file changes (spec §4.2): exactly
// the changed entries are stopped and started; unchanged ones keep their streams. Real gRPC to an
// in-process server whose source type counts starts and stops (a test seam behind SourceType).

#include <map>
#include <mutex>

#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "client/configwatcher.h"
#include "client/gatewayclient.h"
#include "server/gatewayserver.h"
#include "testsupport.h"

using namespace gs;

namespace {

struct Counts {
    std::mutex mutex;
    std::map<std::string, int> starts, stops;
    int startsOf(const std::string &k)
    {
        std::lock_guard l(mutex);
        return starts[k];
    }
    int stopsOf(const std::string &k)
    {
        std::lock_guard l(mutex);
        return stops[k];
    }
};

class CountingType : public SourceType
{
public:
    explicit CountingType(std::shared_ptr<Counts> c)
        : m_counts(std::move(c))
    {
    }
    std::string name() const override { return "counting"; }
    Verdict validate(const SourceSpec &) const override { return {}; }
    Result<std::unique_ptr<RunningSource>> start(const SourceSpec &spec, std::shared_ptr<Emitter> emitter) override
    {
        struct Running : RunningSource {
            std::shared_ptr<Counts> counts;
            std::string name;
            ~Running() override
            {
                std::lock_guard l(counts->mutex);
                ++counts->stops[name];
            }
        };
        auto r = std::make_unique<Running>();
        r->counts = m_counts;
        r->name = spec.name;
        {
            std::lock_guard l(m_counts->mutex);
            ++m_counts->starts[spec.name];
        }
        emitter->reportState(phase::kConnected, "counting");
        return std::unique_ptr<RunningSource>(std::move(r));
    }

private:
    std::shared_ptr<Counts> m_counts;
};

class NullPipeline : public EventPipeline
{
public:
    bool offer(Event &, std::function<void()>) override { return true; }
};

QByteArray configMap(const QByteArray &data)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels: {argo-events-event-source-version: v0.10}\ndata:\n" + data;
}

const char kGateway[] = "apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata: {name: gw}\n"
                        "spec: {type: counting, eventSource: cm, processorPort: \"9330\", template: {}, eventProtocol: {type: HTTP}}\n";

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text);
}

} // namespace

class TstReconcile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fileEditsReconcileExactlyTheChangedSources()
    {
        auto counts = std::make_shared<Counts>();
        auto server = GatewayServer::start(std::make_shared<CountingType>(counts), "127.0.0.1", 0);
        QVERIFY(server);

        QTemporaryDir dir;
        const QString gwPath = dir.filePath(QStringLiteral("gw.yaml")), cmPath = dir.filePath(QStringLiteral("cm.yaml"));
        write(gwPath, kGateway);
        write(cmPath, configMap("  a: \"x: 1\"\n  b: \"x: 2\"\n  c: \"x: 3\"\n"));

        std::vector<Warning> w;
        auto pair = loadGatewayPair(gwPath.toStdString(), cmPath.toStdString(), w);
        QVERIFY2(pair, pair ? "" : pair.error().text().c_str());
        GatewayClient client(pair->gateway, GatewayClient::Options {(*server)->target(), true, {}, {}}, std::make_shared<NullPipeline>());
        auto first = client.reconcile(pair->configMap);
        QCOMPARE(first.started.size(), std::size_t(3));
        QVERIFY(test::waitUntil([&] { return counts->startsOf("a") == 1 && counts->startsOf("b") == 1 && counts->startsOf("c") == 1; }));

        ConfigWatcher watcher({gwPath, cmPath});
        std::vector<ReconcileResult> results;
        std::vector<std::string> errors;
        connect(&watcher, &ConfigWatcher::changed, this, [&] {
            std::vector<Warning> ww;
            auto next = loadGatewayPair(gwPath.toStdString(), cmPath.toStdString(), ww);
            if (!next) {
                errors.push_back(next.error().text());
                return;
            }
            results.push_back(client.reconcile(next->configMap));
        });

        // Change b, remove c, add d; a is untouched.
        write(cmPath, configMap("  a: \"x: 1\"\n  b: \"x: 20\"\n  d: \"x: 4\"\n"));
        QVERIFY(test::waitUntil([&] { return !results.empty(); }));
        auto r = results.back();
        std::sort(r.started.begin(), r.started.end());
        std::sort(r.stopped.begin(), r.stopped.end());
        QCOMPARE(r.started, (std::vector<std::string> {"b", "d"}));
        QCOMPARE(r.stopped, (std::vector<std::string> {"b", "c"}));
        QCOMPARE(r.unchanged, std::size_t(1));
        QVERIFY(test::waitUntil([&] { return counts->startsOf("d") == 1 && counts->startsOf("b") == 2 && counts->stopsOf("c") == 1; }));
        QVERIFY(test::waitUntil([&] { return counts->stopsOf("b") == 1; }));
        QCOMPARE(counts->startsOf("a"), 1);
        QCOMPARE(counts->stopsOf("a"), 0); // a's stream was never touched

        // A broken save keeps everything running and says why.
        const std::size_t before = results.size();
        write(cmPath, "data: [unclosed\n");
        QVERIFY(test::waitUntil([&] { return !errors.empty(); }));
        QVERIFY2(QString::fromStdString(errors.back()).contains(u"cm.yaml:"), errors.back().c_str());
        QCOMPARE(results.size(), before);
        QCOMPARE(counts->stopsOf("a"), 0);

        // An editor's atomic save (write elsewhere, rename over) is seen too; whitespace changes the id.
        QSaveFile save(cmPath);
        QVERIFY(save.open(QIODevice::WriteOnly));
        save.write(configMap("  a: \"x:  1\"\n  b: \"x: 20\"\n  d: \"x: 4\"\n"));
        QVERIFY(save.commit());
        QVERIFY(test::waitUntil([&] { return results.size() > before; }));
        QCOMPARE(results.back().started, std::vector<std::string> {"a"});
        QCOMPARE(results.back().stopped, std::vector<std::string> {"a"});
        QCOMPARE(results.back().unchanged, std::size_t(2));
        QVERIFY(test::waitUntil([&] { return counts->startsOf("a") == 2 && counts->stopsOf("a") == 1; }));

        // Every remaining source reaches Running and reports its connection.
        QVERIFY(test::waitUntil([&] {
            const auto st = client.statuses();
            return st.size() == 3 && std::all_of(st.begin(), st.end(), [](const SourceStatus &s) {
                return s.phase == SourcePhase::Running && !s.connection.empty();
            });
        }));
        client.stopAll();
        QVERIFY(test::waitUntil([&] { return counts->stopsOf("d") == 1; }));
    }
};

QTEST_GUILESS_MAIN(TstReconcile)
#include "tst_reconcile.moc"
