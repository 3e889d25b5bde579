#pragma once
// Real brokers for tests (house style rule 39). scripts/test.sh starts one shared instance of each
// (scripts/services.sh) and exports its address; a test that restarts a broker starts a private one
// here instead, on a free loopback port that survives restarts. Every process started here is
// stopped by pid when its object goes away, also when the test fails.
//
// Shared instances (environment set by scripts/services.sh; without it, the accessors below start
// private instances so a single test binary also runs on its own):
//   GS_TEST_MQTT_URL, GS_TEST_NATS_URL, GS_TEST_AMQP_URL + GS_TEST_RABBITMQCTL,
//   GS_TEST_KAFKA_BOOTSTRAP + GS_TEST_KAFKA_CONTROL.

#include <chrono>
#include <memory>

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "testprocess.h"

namespace gs::test {

/** A broker process owned by the test: start on a free port, stop, restart on the same port. */
class BrokerProcess
{
public:
    virtual ~BrokerProcess();
    BrokerProcess(const BrokerProcess &) = delete;
    BrokerProcess &operator=(const BrokerProcess &) = delete;

    /** Starts it (a free port the first time, the same port afterwards) and waits until it answers. */
    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    /** SIGTERM, then SIGKILL after a bounded wait. */
    void stop();
    /** stop() then start() on the same port. */
    bool restart();
    [[nodiscard]] bool running() const;
    [[nodiscard]] int port() const { return m_port; }
    /** Everything it printed, for failure messages. */
    [[nodiscard]] QString output() const;

protected:
    BrokerProcess() = default;
    [[nodiscard]] virtual QString program() const = 0;
    [[nodiscard]] virtual QStringList arguments() const = 0;
    /** True once it serves; the default is "its port accepts TCP connections". */
    [[nodiscard]] virtual bool ready();

    int m_port = 0;
    std::unique_ptr<TestProcess> m_process;
    QString m_previousOutput; // output of earlier runs
};

/** mosquitto on 127.0.0.1 (anonymous, no persistence). */
class Mosquitto final : public BrokerProcess
{
public:
    Mosquitto();
    /** tcp://127.0.0.1:PORT */
    [[nodiscard]] QString url() const;

private:
    [[nodiscard]] QString program() const override;
    [[nodiscard]] QStringList arguments() const override;
};

/** nats-server on 127.0.0.1; with JetStream (a private store directory kept across restarts) on request. */
class NatsServer final : public BrokerProcess
{
public:
    explicit NatsServer(bool jetStream = false, QStringList extraArgs = {});
    /** nats://127.0.0.1:PORT */
    [[nodiscard]] QString url() const;

private:
    [[nodiscard]] QString program() const override;
    [[nodiscard]] QStringList arguments() const override;
    [[nodiscard]] bool ready() override;
    bool m_jetStream;
    QStringList m_extra;
    QTemporaryDir m_dir;
};

/**
 * librdkafka's mock cluster in gs-kafkamock: private (start) or the shared one (attachShared).
 * Commands go over its control port: createTopic, brokerDown/brokerUp (a broker restart that keeps
 * topics and offsets), or any line of its protocol with command().
 */
class KafkaMock
{
public:
    KafkaMock();
    ~KafkaMock();
    KafkaMock(const KafkaMock &) = delete;
    KafkaMock &operator=(const KafkaMock &) = delete;

    /** A private cluster of `brokers` brokers. */
    bool start(int brokers = 1);
    /** The test command's cluster (GS_TEST_KAFKA_*); false if there is none. */
    bool attachShared();
    /** The shared cluster if there is one, else a private one. */
    bool startOrAttach(int brokers = 3);
    [[nodiscard]] QString bootstrap() const { return m_bootstrap; }
    /** Sends one command line; returns the answer line ("ok ..." or "error ..."), empty on failure. */
    QString command(const QString &line);
    bool createTopic(const QString &name, int partitions);
    bool brokerDown(int id);
    bool brokerUp(int id);

private:
    std::unique_ptr<TestProcess> m_process;
    QString m_bootstrap;
    QString m_controlHost;
    int m_controlPort = 0;
};

/**
 * RabbitMQ: the shared instance of the test command (slow to start, so shared), or a private one
 * started with scripts/services.sh when the test runs on its own. Tests isolate themselves with a
 * vhost of their own; tests that use RabbitMQ declare the CTest RESOURCE_LOCK "rabbitmq" so that
 * stopApp/startApp never hit a neighbour.
 */
class RabbitMq
{
public:
    RabbitMq();
    ~RabbitMq();
    RabbitMq(const RabbitMq &) = delete;
    RabbitMq &operator=(const RabbitMq &) = delete;

    /** Uses the shared instance, or starts a private one (about 10 s). */
    bool start();
    [[nodiscard]] int port() const { return m_port; }
    /** amqp://guest:guest@127.0.0.1:PORT/<vhost, percent-encoded> */
    [[nodiscard]] QString url(const QString &vhost = QStringLiteral("/")) const;
    /** rabbitmqctl against this node. */
    RunResult ctl(const QStringList &args, std::chrono::milliseconds timeout = std::chrono::seconds(90));
    /** A vhost where guest may do everything. */
    bool addVhost(const QString &name);
    bool deleteVhost(const QString &name);
    /** Closes every client connection to `vhost` (as a broker restart does, without the wait). */
    bool closeConnections(const QString &vhost, const QString &reason = QStringLiteral("test"));
    /** stop_app: the node stays up, AMQP connections are refused. */
    bool stopApp();
    /** start_app, then waits until the AMQP port answers. */
    bool startApp();
    /** True when its AMQP port accepts connections. */
    [[nodiscard]] bool accepting() const;
    [[nodiscard]] QString lastError() const { return m_lastError; }

private:
    QString m_ctl;
    int m_port = 0;
    bool m_private = false;
    QTemporaryDir m_dir;
    QString m_lastError;
};

/** The shared broker's address from the environment, or empty. */
[[nodiscard]] QString sharedBrokerUrl(const char *envName);

/** True if something accepts TCP connections on 127.0.0.1:port (within `timeout`). */
[[nodiscard]] bool portAccepts(int port, std::chrono::milliseconds timeout = std::chrono::milliseconds(200));

/** scripts/services.sh in the source tree. */
[[nodiscard]] QString servicesScript();

/** The gs-kafkamock binary under test. */
[[nodiscard]] QString kafkaMockPath();

} // namespace gs::test
