// The RabbitMQ of the test command (or a private one when run alone), checked with rabbitmq-c:
// declare an exchange, bind a queue, publish, consume; then the fixture's ways to disturb it that the
// AMQP source tests rely on: closing a vhost's connections, and stopping and starting the app.

#include <string>

#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <QTest>

#include "brokers.h"
#include "testsupport.h"

using namespace gs;
using namespace std::chrono_literals;

namespace {

std::string replyText(const amqp_rpc_reply_t &r)
{
    switch (r.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return "ok";
    case AMQP_RESPONSE_NONE:
        return "no reply";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return std::string("library: ") + amqp_error_string2(r.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        if (r.reply.id == AMQP_CONNECTION_CLOSE_METHOD || r.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
            const auto *m = static_cast<amqp_connection_close_t *>(r.reply.decoded);
            return "server: " + std::to_string(m->reply_code) + " "
                + std::string(static_cast<const char *>(m->reply_text.bytes), m->reply_text.len);
        }
        return "server: method " + std::to_string(r.reply.id);
    }
    return "?";
}

std::string str(const amqp_bytes_t &b)
{
    return std::string(static_cast<const char *>(b.bytes), b.len);
}

/** One connection with channel 1 open. */
class AmqpClient
{
public:
    bool connect(int port, const std::string &vhost)
    {
        m_conn = amqp_new_connection();
        amqp_socket_t *sock = amqp_tcp_socket_new(m_conn);
        timeval tv {5, 0};
        if (const int rc = amqp_socket_open_noblock(sock, "127.0.0.1", port, &tv); rc != AMQP_STATUS_OK) {
            error = std::string("socket: ") + amqp_error_string2(rc);
            return false;
        }
        if (!ok(amqp_login(m_conn, vhost.c_str(), 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, "guest", "guest"), "login"))
            return false;
        amqp_channel_open(m_conn, 1);
        return ok(amqp_get_rpc_reply(m_conn), "channel.open");
    }
    ~AmqpClient()
    {
        if (!m_conn)
            return;
        amqp_channel_close(m_conn, 1, AMQP_REPLY_SUCCESS);
        amqp_connection_close(m_conn, AMQP_REPLY_SUCCESS);
        amqp_destroy_connection(m_conn);
    }
    bool ok(const amqp_rpc_reply_t &r, const char *what)
    {
        if (r.reply_type == AMQP_RESPONSE_NORMAL)
            return true;
        error = std::string(what) + ": " + replyText(r);
        return false;
    }
    amqp_connection_state_t conn() const { return m_conn; }
    std::string error;

private:
    amqp_connection_state_t m_conn = nullptr;
};

} // namespace

class TstRabbitMqBroker : public QObject
{
    Q_OBJECT
    test::RabbitMq m_rabbit;
    QString m_vhost = QStringLiteral("gs-smoke-%1").arg(::getpid());

private Q_SLOTS:
    void initTestCase()
    {
        if (test::sharedBrokerUrl("GS_TEST_AMQP_URL").isEmpty())
            qWarning("GS_TEST_AMQP_URL is not set (run through scripts/test.sh): starting a private RabbitMQ");
        QVERIFY2(m_rabbit.start(), qPrintable(m_rabbit.lastError()));
        QVERIFY(m_rabbit.accepting());
        QVERIFY2(m_rabbit.addVhost(m_vhost), qPrintable(m_rabbit.lastError()));
    }
    void cleanupTestCase()
    {
        if (m_rabbit.accepting())
            m_rabbit.deleteVhost(m_vhost);
    }

    void declareBindPublishConsume()
    {
        AmqpClient c;
        QVERIFY2(c.connect(m_rabbit.port(), m_vhost.toStdString()), c.error.c_str());
        const amqp_bytes_t exchange = amqp_cstring_bytes("gs.smoke");
        amqp_exchange_declare(c.conn(), 1, exchange, amqp_cstring_bytes("topic"), 0, 0, 0, 0, amqp_empty_table);
        QVERIFY2(c.ok(amqp_get_rpc_reply(c.conn()), "exchange.declare"), c.error.c_str());
        auto *q = amqp_queue_declare(c.conn(), 1, amqp_empty_bytes, 0, 0, 1, 1, amqp_empty_table);
        QVERIFY2(c.ok(amqp_get_rpc_reply(c.conn()), "queue.declare") && q, c.error.c_str());
        const std::string queue = str(q->queue);
        QVERIFY(queue.rfind("amq.gen-", 0) == 0); // server-named
        amqp_queue_bind(c.conn(), 1, amqp_cstring_bytes(queue.c_str()), exchange, amqp_cstring_bytes("smoke.#"), amqp_empty_table);
        QVERIFY2(c.ok(amqp_get_rpc_reply(c.conn()), "queue.bind"), c.error.c_str());
        amqp_basic_consume(c.conn(), 1, amqp_cstring_bytes(queue.c_str()), amqp_empty_bytes, 0, 1, 0, amqp_empty_table);
        QVERIFY2(c.ok(amqp_get_rpc_reply(c.conn()), "basic.consume"), c.error.c_str());

        amqp_basic_properties_t props {};
        props._flags = AMQP_BASIC_CONTENT_TYPE_FLAG;
        props.content_type = amqp_cstring_bytes("application/json");
        QCOMPARE(amqp_basic_publish(c.conn(), 1, exchange, amqp_cstring_bytes("smoke.key"), 0, 0, &props, amqp_cstring_bytes("{\"n\":1}")),
            AMQP_STATUS_OK);
        // Not bound: this one must not arrive.
        QCOMPARE(amqp_basic_publish(c.conn(), 1, exchange, amqp_cstring_bytes("other.key"), 0, 0, &props, amqp_cstring_bytes("{\"n\":2}")),
            AMQP_STATUS_OK);

        amqp_maybe_release_buffers(c.conn());
        amqp_envelope_t env;
        timeval tv {10, 0};
        QVERIFY2(c.ok(amqp_consume_message(c.conn(), &env, &tv, 0), "consume"), c.error.c_str());
        QCOMPARE(str(env.message.body), std::string("{\"n\":1}"));
        QCOMPARE(str(env.routing_key), std::string("smoke.key"));
        QCOMPARE(str(env.exchange), std::string("gs.smoke"));
        QCOMPARE(str(env.message.properties.content_type), std::string("application/json"));
        amqp_destroy_envelope(&env);
        timeval shortWait {0, 500000};
        const auto r = amqp_consume_message(c.conn(), &env, &shortWait, 0);
        QCOMPARE(r.reply_type, AMQP_RESPONSE_LIBRARY_EXCEPTION);
        QCOMPARE(r.library_error, static_cast<int>(AMQP_STATUS_TIMEOUT)); // nothing else came
    }

    void closingConnectionsDropsClients()
    {
        AmqpClient c;
        QVERIFY2(c.connect(m_rabbit.port(), m_vhost.toStdString()), c.error.c_str());
        QVERIFY2(m_rabbit.closeConnections(m_vhost, QStringLiteral("smoke test")), qPrintable(m_rabbit.lastError()));
        // The client learns it on its next read: connection.close with the reason, or the socket closed.
        amqp_envelope_t env;
        timeval tv {15, 0};
        const auto r = amqp_consume_message(c.conn(), &env, &tv, 0);
        QVERIFY(r.reply_type != AMQP_RESPONSE_NORMAL);
        QVERIFY2(!(r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_TIMEOUT), replyText(r).c_str());
        // The broker itself is still there.
        AmqpClient again;
        QVERIFY2(again.connect(m_rabbit.port(), m_vhost.toStdString()), again.error.c_str());
    }

    void stopAndStartApp()
    {
        QVERIFY2(m_rabbit.stopApp(), qPrintable(m_rabbit.lastError()));
        QVERIFY(!m_rabbit.accepting());
        AmqpClient refused;
        QVERIFY(!refused.connect(m_rabbit.port(), m_vhost.toStdString()));
        QVERIFY2(m_rabbit.startApp(), qPrintable(m_rabbit.lastError()));
        AmqpClient c;
        QVERIFY2(c.connect(m_rabbit.port(), m_vhost.toStdString()), c.error.c_str()); // vhosts survive
    }
};

QTEST_GUILESS_MAIN(TstRabbitMqBroker)
#include "tst_rabbitmqbroker.moc"
