#include "brokers.h"

#include <thread>

#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrl>

#include "testsupport.h"

namespace gs::test {

QString sharedBrokerUrl(const char *envName)
{
    return qEnvironmentVariable(envName);
}

bool portAccepts(int port, std::chrono::milliseconds timeout)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(port));
    const bool ok = s.waitForConnected(static_cast<int>(timeout.count()));
    s.abort();
    return ok;
}

QString servicesScript()
{
    return QStringLiteral(GS_TEST_SOURCE_DIR "/../scripts/services.sh");
}

QString kafkaMockPath()
{
    return QStringLiteral(GS_TEST_KAFKAMOCK);
}

// --- BrokerProcess ------------------------------------------------------------------------------

BrokerProcess::~BrokerProcess()
{
    stop();
}

bool BrokerProcess::start(std::chrono::milliseconds timeout)
{
    if (running())
        return true;
    if (m_port == 0)
        m_port = freePort();
    if (m_process)
        m_previousOutput += m_process->allStdout() + m_process->allStderr();
    m_process = std::make_unique<TestProcess>();
    if (!m_process->start(program(), arguments()))
        return false;
    // A port we just closed may be in TIME_WAIT or briefly held: the bounded wait covers it.
    return waitUntil([this] { return !running() || ready(); }, timeout) && running();
}

void BrokerProcess::stop()
{
    if (m_process && m_process->running())
        m_process->stop(false, std::chrono::seconds(10));
}

bool BrokerProcess::restart()
{
    stop();
    return start();
}

bool BrokerProcess::running() const
{
    return m_process && m_process->running();
}

QString BrokerProcess::output() const
{
    return m_previousOutput + (m_process ? m_process->allStdout() + m_process->allStderr() : QString());
}

bool BrokerProcess::ready()
{
    return portAccepts(m_port, std::chrono::milliseconds(100));
}

// --- Mosquitto ----------------------------------------------------------------------------------

Mosquitto::Mosquitto() = default;

QString Mosquitto::url() const
{
    return QStringLiteral("tcp://127.0.0.1:%1").arg(m_port);
}

QString Mosquitto::program() const
{
    return QStringLiteral("mosquitto");
}

QStringList Mosquitto::arguments() const
{
    // Without a config file mosquitto 2 listens on loopback only and lets anonymous clients in.
    return {QStringLiteral("-p"), QString::number(m_port)};
}

// --- NatsServer ---------------------------------------------------------------------------------

NatsServer::NatsServer(bool jetStream, QStringList extraArgs)
    : m_jetStream(jetStream)
    , m_extra(std::move(extraArgs))
{
}

QString NatsServer::url() const
{
    return QStringLiteral("nats://127.0.0.1:%1").arg(m_port);
}

QString NatsServer::program() const
{
    return QStringLiteral("nats-server");
}

QStringList NatsServer::arguments() const
{
    QStringList args {QStringLiteral("-a"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port)};
    if (m_jetStream)
        args << QStringLiteral("-js") << QStringLiteral("-sd") << m_dir.path();
    return args + m_extra;
}

bool NatsServer::ready()
{
    return m_process->allStderr().contains(u"Server is ready") && portAccepts(m_port, std::chrono::milliseconds(100));
}

// --- KafkaMock ----------------------------------------------------------------------------------

KafkaMock::KafkaMock() = default;

KafkaMock::~KafkaMock()
{
    if (m_process && m_process->running())
        m_process->stop(false, std::chrono::seconds(10));
}

bool KafkaMock::start(int brokers)
{
    m_process = std::make_unique<TestProcess>();
    if (!m_process->start(kafkaMockPath(), {QStringLiteral("--brokers"), QString::number(brokers), QStringLiteral("--exit-on-stdin-eof")}))
        return false;
    const auto m = m_process->waitFor(QStringLiteral("bootstrap (\\S+)\ncontrol ([0-9.]+):(\\d+)\nready\n"));
    if (!m.hasMatch())
        return false;
    m_bootstrap = m.captured(1);
    m_controlHost = m.captured(2);
    m_controlPort = m.captured(3).toInt();
    return true;
}

bool KafkaMock::attachShared()
{
    const QString bootstrap = sharedBrokerUrl("GS_TEST_KAFKA_BOOTSTRAP");
    const QString control = sharedBrokerUrl("GS_TEST_KAFKA_CONTROL");
    if (bootstrap.isEmpty() || control.isEmpty())
        return false;
    m_bootstrap = bootstrap;
    m_controlHost = control.section(u':', 0, 0);
    m_controlPort = control.section(u':', 1, 1).toInt();
    return command(QStringLiteral("ping")) == u"ok";
}

bool KafkaMock::startOrAttach(int brokers)
{
    return attachShared() || start(brokers);
}

QString KafkaMock::command(const QString &line)
{
    QTcpSocket s;
    s.connectToHost(m_controlHost, static_cast<quint16>(m_controlPort));
    if (!s.waitForConnected(3000))
        return {};
    s.write(line.toUtf8() + '\n');
    if (!s.waitForBytesWritten(3000))
        return {};
    QByteArray answer;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!answer.contains('\n') && std::chrono::steady_clock::now() < deadline) {
        if (s.waitForReadyRead(200))
            answer += s.readAll();
    }
    return QString::fromUtf8(answer).trimmed();
}

bool KafkaMock::createTopic(const QString &name, int partitions)
{
    return command(QStringLiteral("topic %1 %2").arg(name).arg(partitions)) == u"ok";
}

bool KafkaMock::brokerDown(int id)
{
    return command(QStringLiteral("down %1").arg(id)) == u"ok";
}

bool KafkaMock::brokerUp(int id)
{
    return command(QStringLiteral("up %1").arg(id)) == u"ok";
}

// --- RabbitMq -----------------------------------------------------------------------------------

RabbitMq::RabbitMq() = default;

RabbitMq::~RabbitMq()
{
    if (m_private)
        runToEnd(QStringLiteral("bash"), {servicesScript(), QStringLiteral("stop"), QStringLiteral("--dir"), m_dir.path()},
            std::chrono::seconds(120));
}

bool RabbitMq::start()
{
    QString url = sharedBrokerUrl("GS_TEST_AMQP_URL");
    m_ctl = sharedBrokerUrl("GS_TEST_RABBITMQCTL");
    if (url.isEmpty() || m_ctl.isEmpty()) {
        // No shared instance (the test runs on its own): start a private one with the same recipe.
        m_private = true;
        const auto r = runToEnd(QStringLiteral("bash"),
            {servicesScript(), QStringLiteral("start"), QStringLiteral("--dir"), m_dir.path(), QStringLiteral("rabbitmq")},
            std::chrono::seconds(150));
        if (r.code != 0) {
            m_lastError = QStringLiteral("scripts/services.sh start rabbitmq failed: ") + r.err;
            return false;
        }
        const QRegularExpression amqp(QStringLiteral("export GS_TEST_AMQP_URL=(\\S+)"));
        const QRegularExpression ctl(QStringLiteral("export GS_TEST_RABBITMQCTL=(\\S+)"));
        url = amqp.match(r.out).captured(1);
        m_ctl = ctl.match(r.out).captured(1);
    }
    m_port = QUrl(url).port();
    if (m_port <= 0 || m_ctl.isEmpty()) {
        m_lastError = QStringLiteral("no AMQP URL or rabbitmqctl wrapper: ") + url;
        return false;
    }
    return true;
}

QString RabbitMq::url(const QString &vhost) const
{
    return QStringLiteral("amqp://guest:guest@127.0.0.1:%1/%2").arg(m_port).arg(QString::fromLatin1(QUrl::toPercentEncoding(vhost)));
}

RunResult RabbitMq::ctl(const QStringList &args, std::chrono::milliseconds timeout)
{
    auto r = runToEnd(m_ctl, args, timeout);
    if (r.code != 0)
        m_lastError = QStringLiteral("rabbitmqctl %1: exit %2: %3%4").arg(args.join(u' ')).arg(r.code).arg(r.err, r.out);
    return r;
}

bool RabbitMq::addVhost(const QString &name)
{
    return ctl({QStringLiteral("add_vhost"), name}).code == 0
        && ctl({QStringLiteral("set_permissions"), QStringLiteral("-p"), name, QStringLiteral("guest"), QStringLiteral(".*"),
                   QStringLiteral(".*"), QStringLiteral(".*")})
               .code
        == 0;
}

bool RabbitMq::deleteVhost(const QString &name)
{
    return ctl({QStringLiteral("delete_vhost"), name}).code == 0;
}

bool RabbitMq::closeConnections(const QString &vhost, const QString &reason)
{
    return ctl({QStringLiteral("close_all_connections"), QStringLiteral("--vhost"), vhost, reason}).code == 0;
}

bool RabbitMq::stopApp()
{
    return ctl({QStringLiteral("stop_app")}).code == 0;
}

bool RabbitMq::startApp()
{
    if (ctl({QStringLiteral("start_app")}).code != 0)
        return false;
    return waitUntil([this] { return accepting(); }, std::chrono::seconds(60));
}

bool RabbitMq::accepting() const
{
    return portAccepts(m_port);
}

} // namespace gs::test
