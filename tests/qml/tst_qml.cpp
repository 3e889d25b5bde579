// The QML test runner (house style rule 40): one executable, one CTest entry per tst_*.qml. The
// setup builds the same services main.cpp does, without gateways, plus a test-only `TestFeed`
// singleton that pushes synthetic events through the real EventTap -> EventStreamModel path.

#include <QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

#include "appservices.h"

Q_IMPORT_QML_PLUGIN(GatewayStudioPlugin)

/** Feeds events to the app's tap from QML tests. */
class TestFeed : public QObject
{
    Q_OBJECT
public:
    TestFeed(std::shared_ptr<gs::EventTap> tap, gs::EventStreamModel *events)
        : m_tap(std::move(tap))
        , m_events(events)
    {
    }
    /** Pushes `n` small JSON events; the payload of each contains `marker`. Returns the first id. */
    Q_INVOKABLE QString push(int n, const QString &marker = {})
    {
        QString first;
        for (int i = 0; i < n; ++i) {
            auto r = std::make_shared<gs::EventRecord>();
            r->id = "qml-" + std::to_string(++m_seq);
            r->time = gs::nowMicros();
            r->gateway = "qml-gateway";
            r->source = "qml-source";
            r->type = "webhook";
            r->contentType = "application/json";
            r->payload = "{\"seq\":" + std::to_string(m_seq) + ",\"marker\":\"" + marker.toStdString() + "\",\"nested\":{\"list\":[1,2,3]}}";
            if (first.isEmpty())
                first = QString::fromStdString(r->id);
            m_tap->pushEvent(std::move(r));
        }
        return first;
    }
    /** Pushes one event whose JSON payload is about `bytes` long. */
    Q_INVOKABLE QString pushLarge(int bytes)
    {
        auto r = std::make_shared<gs::EventRecord>();
        r->id = "qml-large-" + std::to_string(++m_seq);
        r->gateway = "qml-gateway";
        r->source = "qml-source";
        r->type = "webhook";
        r->contentType = "application/json";
        r->payload = "{\"blob\":\"" + std::string(static_cast<std::size_t>(bytes), 'x') + "\"}";
        const QString id = QString::fromStdString(r->id);
        m_tap->pushEvent(std::move(r));
        return id;
    }
    /** Reports a delivery change for event `id`. */
    Q_INVOKABLE void deliver(const QString &id, const QString &state)
    {
        gs::DeliveryChange c;
        c.eventId = id.toStdString();
        c.target = "sink http://127.0.0.1:9/";
        c.state = state == QLatin1String("delivered") ? gs::DeliveryState::Delivered
            : state == QLatin1String("failed")        ? gs::DeliveryState::Failed
                                                      : gs::DeliveryState::Pending;
        c.at = gs::nowMicros();
        m_tap->pushDelivery(std::move(c));
    }
    /** Drains now instead of waiting for the timer. */
    Q_INVOKABLE void drain() { m_events->drain(); }
    /** Empties the model and resumes, between test functions. */
    Q_INVOKABLE void reset()
    {
        m_events->drain();
        m_events->setPaused(false);
        m_events->clear();
    }

private:
    std::shared_ptr<gs::EventTap> m_tap;
    gs::EventStreamModel *m_events;
    int m_seq = 0;
};

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        m_services = std::make_unique<gs::AppServices>(1000);
        m_feed = std::make_unique<TestFeed>(m_services->tap, m_services->events.get());
        qmlRegisterSingletonInstance("GatewayStudio.Test", 1, 0, "TestFeed", m_feed.get());
    }
    void cleanupTestCase()
    {
        m_services->shutdown();
    }

private:
    std::unique_ptr<gs::AppServices> m_services;
    std::unique_ptr<TestFeed> m_feed;
};

QUICK_TEST_MAIN_WITH_SETUP(gs_qml, Setup)
#include "tst_qml.moc"
