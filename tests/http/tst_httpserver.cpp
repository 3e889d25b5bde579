// The HTTP server's protection against slow or greedy clients: deadlines for heads, bodies and idle
// keep-alive connections, and a connection limit.

#include <QElapsedTimer>
#include <QTest>

#include "http/server.h"
#include "rawhttp.h"
#include "testsupport.h"

using namespace gs;
using test::RawHttp;

namespace {
class Echo : public http::Handler
{
public:
    http::HeadDecision onHead(const http::Request &) override
    {
        return http::HeadDecision::readBody(1 << 20, [](http::Request &&r) { return http::Response::text(200, r.body); });
    }
};
} // namespace

class TstHttpServer : public QObject
{
    Q_OBJECT

    std::unique_ptr<http::IoPool> m_pool;
    std::shared_ptr<http::Listener> m_listener;
    int m_port = 0;

    void listen(http::Limits limits)
    {
        auto l = http::Listener::open(*m_pool, "127.0.0.1", 0, std::make_shared<Echo>(), {}, limits);
        QVERIFY(l);
        m_listener = *l;
        m_port = m_listener->port();
    }

private Q_SLOTS:
    void init() { m_pool = std::make_unique<http::IoPool>(2); }
    void cleanup()
    {
        m_listener.reset();
        m_pool.reset();
    }

    void slowHeadIsCutOff()
    {
        http::Limits limits;
        limits.readTimeout = std::chrono::seconds(1);
        listen(limits);
        RawHttp c(m_port);
        QVERIFY(c.send("POST / HTTP/1.1\r\nHost: x\r\n")); // ...and never finishes the head
        QElapsedTimer t;
        t.start();
        QVERIFY(c.closedByPeer(std::chrono::seconds(5)));
        QVERIFY(t.elapsed() >= 900 && t.elapsed() < 3000);
    }

    void slowBodyIsCutOff()
    {
        http::Limits limits;
        limits.readTimeout = std::chrono::seconds(1);
        limits.idleTimeout = std::chrono::seconds(10); // a longer idle limit must not stretch the body's
        listen(limits);
        // A first request answered, so the next head is read under the (long) idle limit...
        RawHttp c(m_port);
        QVERIFY(c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"));
        QVERIFY(c.read());
        // ...then a body that stalls one byte short: cut off after the read limit, not the idle one.
        QVERIFY(c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nab"));
        QElapsedTimer t;
        t.start();
        QVERIFY(c.closedByPeer(std::chrono::seconds(8)));
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    }

    void idleKeepAliveIsClosed()
    {
        http::Limits limits;
        limits.idleTimeout = std::chrono::seconds(1);
        listen(limits);
        RawHttp c(m_port);
        QVERIFY(c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"));
        auto r = c.read();
        QVERIFY(r);
        QCOMPARE(r->body, std::string("hi"));
        QElapsedTimer t;
        t.start();
        QVERIFY(c.closedByPeer(std::chrono::seconds(5)));
        QVERIFY(t.elapsed() < 3000);
    }

    void connectionLimit()
    {
        http::Limits limits;
        limits.maxConnections = 3;
        listen(limits);
        std::vector<std::unique_ptr<RawHttp>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(std::make_unique<RawHttp>(m_port));
            QVERIFY(held.back()->send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"));
            QVERIFY(held.back()->read());
        }
        RawHttp extra(m_port);
        QVERIFY(extra.closedByPeer(std::chrono::seconds(2))); // refused beyond the limit
        held.pop_back();
        QVERIFY(test::waitUntil([&] {
            RawHttp again(m_port);
            return again.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na") && again.read(std::chrono::milliseconds(500)).has_value();
        }));
    }

    void closeFreesThePortAndConnections()
    {
        listen({});
        RawHttp c(m_port);
        QVERIFY(c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"));
        QVERIFY(c.read());
        m_listener->close();
        QVERIFY(c.closedByPeer());
        QVERIFY(!RawHttp(m_port).connected());
        auto again = http::Listener::open(*m_pool, "127.0.0.1", static_cast<std::uint16_t>(m_port), std::make_shared<Echo>());
        QVERIFY(again);
    }
};

QTEST_GUILESS_MAIN(TstHttpServer)
#include "tst_httpserver.moc"
