// The HTTP server's protection against slow or greedy clients: deadlines for heads, bodies and idle
// keep-alive connections, and a connection limit.

#include <atomic>

#include <QElapsedTimer>
#include <QTest>

#include "http/server.h"
#include "rawhttp.h"
#include "testsupport.h"

using namespace gs;
using test::RawHttp;

namespace {
/** Answers with the body it read; the path and query it was given go in headers. */
class Echo : public http::Handler
{
public:
    std::atomic<int> bodies {0};
    http::HeadDecision onHead(const http::Request &) override
    {
        return http::HeadDecision::readBody(1 << 20, [this](http::Request &&r) {
            ++bodies;
            auto resp = http::Response::text(200, r.body);
            resp.headers.emplace_back("X-Path", r.path);
            resp.headers.emplace_back("X-Query", r.query);
            return resp;
        });
    }
};
} // namespace

class TstHttpServer : public QObject
{
    Q_OBJECT

    std::unique_ptr<http::IoPool> m_pool;
    std::shared_ptr<http::Listener> m_listener;
    int m_port = 0;

    std::shared_ptr<Echo> m_echo;

    void listen(http::Limits limits)
    {
        m_echo = std::make_shared<Echo>();
        auto l = http::Listener::open(*m_pool, "127.0.0.1", 0, m_echo, {}, limits);
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

    void bodiesInFlightAreBounded()
    {
        http::Limits limits;
        limits.maxBodyBytesInFlight = 100;
        listen(limits);
        // A holds 80 bytes of budget while its body trickles in.
        RawHttp a(m_port);
        QVERIFY(a.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 80\r\n\r\n" + std::string(40, 'a')));
        QTest::qWait(100);
        // B's 50 bytes would pass its own limit but not the listener's: 503, come back later.
        auto b = RawHttp::request(m_port, "POST", "/b", std::string(50, 'b'));
        QVERIFY(b);
        QCOMPARE(b->status, 503);
        QCOMPARE(b->header("Retry-After"), std::string("1"));
        // Bodies that fit beside it pass; A finishes; then B fits.
        QCOMPARE(RawHttp::request(m_port, "POST", "/c", std::string(20, 'c'))->status, 200);
        QCOMPARE(RawHttp::request(m_port, "GET", "/d")->status, 200); // no body, no budget
        QVERIFY(a.send(std::string(40, 'a')));
        const auto ra = a.read();
        QVERIFY(ra);
        QCOMPARE(ra->status, 200);
        QCOMPARE(ra->body.size(), std::size_t(80));
        QCOMPARE(RawHttp::request(m_port, "POST", "/b", std::string(50, 'b'))->status, 200);
        // One body larger than the whole budget is still served when nothing else is held.
        QCOMPARE(RawHttp::request(m_port, "POST", "/big", std::string(500, 'x'))->status, 200);
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
        const auto refused = extra.readRaw(std::chrono::seconds(2)); // refused beyond the limit, with a reason
        QVERIFY2(refused.starts_with("HTTP/1.1 503 "), refused.c_str());
        QVERIFY(refused.find("Retry-After: 1") != std::string::npos);
        held.pop_back();
        QVERIFY(test::waitUntil([&] {
            RawHttp again(m_port);
            return again.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na")
                && again.read(std::chrono::milliseconds(500)).has_value();
        }));
    }

    void perClientLimit()
    {
        http::Limits limits;
        limits.maxConnectionsPerClient = 2;
        listen(limits);
        RawHttp a(m_port), b(m_port);
        QVERIFY(a.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") && a.read());
        QVERIFY(b.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") && b.read());
        RawHttp c(m_port);
        QVERIFY(c.readRaw(std::chrono::seconds(2)).starts_with("HTTP/1.1 503 "));
    }

    // RFC 9112 §6.1: only "chunked", last and alone, on HTTP/1.1; anything else is refused unread.
    void transferEncoding_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray body = "\r\n\r\n1\r\na\r\n0\r\n\r\n";
        QTest::newRow("chunked") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked" + body << 200;
        QTest::newRow("Chunked") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked" + body << 200;
        QTest::newRow("gzip") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip" + body << 501;
        QTest::newRow("gzip, chunked") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked" + body << 501;
        QTest::newRow("chunked, identity") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity" + body << 501;
        QTest::newRow("xchunked") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked" + body << 501;
        QTest::newRow("twice") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked" + body
                               << 400; // Beast refuses it
        QTest::newRow("HTTP/1.0") << "POST / HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked" + body << 400;
    }

    void transferEncoding()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        listen({});
        RawHttp c(m_port);
        QVERIFY(c.send(request.toStdString()));
        const auto r = c.read();
        QVERIFY(r);
        QCOMPARE(r->status, status);
        QCOMPARE(m_echo->bodies.load(), status == 200 ? 1 : 0);
        if (status == 200)
            QCOMPARE(r->body, std::string("a"));
        else
            QVERIFY(c.closedByPeer());
    }

    // Beast throws on a field longer than 64 KiB and would buffer endless trailer lines: both bounded.
    void hugeTrailersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("trailers");
        QTest::newRow("one 70 KiB field") << "X-T: " + QByteArray(70 * 1024, 'a') + "\r\n";
        QByteArray many;
        for (int i = 0; i < 20000; ++i)
            many += "X-T" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("20000 fields") << many;
    }

    void hugeTrailersAreRefused()
    {
        QFETCH(QByteArray, trailers);
        listen({});
        RawHttp c(m_port);
        QVERIFY(
            c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n" + trailers.toStdString() + "\r\n"));
        const auto answer = c.readRaw(std::chrono::seconds(2));
        QVERIFY2(answer.starts_with("HTTP/1.1 400 ") || answer.starts_with("HTTP/1.1 431 "), answer.substr(0, 80).c_str());
        QCOMPARE(m_echo->bodies.load(), 0);
        const auto after = RawHttp::request(m_port, "POST", "/", "ok"); // the server lives on
        QVERIFY(after);
        QCOMPARE(after->body, std::string("ok"));
    }

    void headAnswerHasNoBody()
    {
        listen({});
        RawHttp c(m_port);
        QVERIFY(c.send("HEAD / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"));
        const auto raw = c.readRaw();
        QVERIFY2(raw.ends_with("\r\n\r\n"), raw.c_str()); // the head only
        QVERIFY(raw.find("Content-Length: 5\r\n") != std::string::npos);
        // ...and the connection is still in step: the next answer parses.
        QVERIFY(c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"));
        const auto next = c.read();
        QVERIFY(next);
        QCOMPARE(next->body, std::string("hi"));
    }

    void http10ExpectGetsNoContinue()
    {
        listen({});
        RawHttp c(m_port);
        QVERIFY(c.send("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"));
        QVERIFY(c.readRaw(std::chrono::milliseconds(300)).empty());
        QVERIFY(c.send("hi"));
        const auto r = c.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
    }

    // Targets as Go's net/http reads them: absolute form, %-decoded path, raw query, clean paths.
    void requestTargets_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("pathOrLocation");
        QTest::newRow("origin") << QByteArray("/hook?a=%20") << 200 << QByteArray("/hook");
        QTest::newRow("absolute") << QByteArray("http://example.com:8080/hook?x=1") << 200 << QByteArray("/hook");
        QTest::newRow("absolute, no path") << QByteArray("http://example.com") << 200 << QByteArray("/");
        QTest::newRow("escaped") << QByteArray("/a%20b%2Fc") << 200 << QByteArray("/a b/c");
        QTest::newRow("bad escape") << QByteArray("/a%zz") << 400 << QByteArray();
        QTest::newRow("cut escape") << QByteArray("/a%2") << 400 << QByteArray();
        QTest::newRow("NUL") << QByteArray("/a%00") << 400 << QByteArray();
        QTest::newRow("asterisk") << QByteArray("*") << 400 << QByteArray();
        QTest::newRow("dot-dot") << QByteArray("/a/../b?q=1") << 301 << QByteArray("/b?q=1");
        QTest::newRow("double slash") << QByteArray("//hook") << 301 << QByteArray("/hook");
        QTest::newRow("dot, trailing slash") << QByteArray("/a/./") << 301 << QByteArray("/a/");
        QTest::newRow("escaped dot-dot") << QByteArray("/a/%2e%2e/etc") << 301 << QByteArray("/etc");
        QTest::newRow("fragment") << QByteArray("/hook#frag") << 400 << QByteArray();
        QTest::newRow("escaped hash is a path character") << QByteArray("/hook%23frag") << 200 << QByteArray("/hook#frag");
    }

    void hostHeader_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("HTTP/1.1 without Host") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\na") << 400;
        QTest::newRow("HTTP/1.1 with two Hosts") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Length: 1\r\n\r\na") << 400;
        QTest::newRow("HTTP/1.1 with empty Host") << QByteArray("POST / HTTP/1.1\r\nHost:\r\nContent-Length: 1\r\n\r\na") << 200;
        QTest::newRow("HTTP/1.0 without Host") << QByteArray("POST / HTTP/1.0\r\nContent-Length: 1\r\n\r\na") << 200;
    }
    void hostHeader()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        listen({});
        RawHttp c(m_port);
        QVERIFY(c.send(request.toStdString()));
        const auto r = c.read();
        QVERIFY(r);
        QCOMPARE(r->status, status);
        QCOMPARE(m_echo->bodies.load(), status == 200 ? 1 : 0);
        if (status == 400)
            QCOMPARE(r->body, std::string("missing required Host header\n"));
    }

    void requestTargets()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QByteArray, pathOrLocation);
        listen({});
        RawHttp c(m_port);
        QVERIFY(c.send("POST " + target.toStdString() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"));
        const auto r = c.read();
        QVERIFY(r);
        QCOMPARE(r->status, status);
        if (status == 200)
            QCOMPARE(QByteArray::fromStdString(r->header("X-Path")), pathOrLocation);
        if (status == 301)
            QCOMPARE(QByteArray::fromStdString(r->header("Location")), pathOrLocation);
        QCOMPARE(m_echo->bodies.load(), status == 200 ? 1 : 0);
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
