// Text that reaches logs and screens: escaped control characters, bounded length, redacted URLs.

#include <QTest>

#include "core/printable.h"
#include "http/client.h"

using namespace gs;

class TstText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printable_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("plain") << QByteArray("hello world") << QByteArray("hello world");
        QTest::newRow("forged line") << QByteArray("x\n2026-01-01 error gs.cli: fake") << QByteArray("x\\n2026-01-01 error gs.cli: fake");
        QTest::newRow("terminal escape") << QByteArray("\x1b[2Jgone") << QByteArray("\\x1b[2Jgone");
        QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b"
                                              "2Jb")
                                << QByteArray("a\\u009b2Jb");
        QTest::newRow("NUL and DEL") << QByteArray("a\0b\x7f", 4) << QByteArray("a\\x00b\\x7f");
        QTest::newRow("utf-8 kept") << QByteArray("gr\xc3\xbc\xc3\x9f") << QByteArray("gr\xc3\xbc\xc3\x9f");
    }

    void printable()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(QByteArray::fromStdString(gs::printable(in.toStdString())), out);
    }

    void printableIsBounded()
    {
        const auto s = gs::printable(std::string(100000, 'a'), 100);
        QCOMPARE(s, std::string(100, 'a') + "...(99900 more bytes)");
    }

    void redactUrl_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << "http://127.0.0.1:9300/x"
                               << "http://127.0.0.1:9300/x";
        QTest::newRow("user info") << "https://bob:hunter2@example.com/hook"
                                   << "https://***@example.com/hook";
        QTest::newRow("query") << "http://h/p?token=abc&x=1&flag"
                               << "http://h/p?token=***&x=***&flag";
        QTest::newRow("@ in path") << "http://h/a@b"
                                   << "http://h/a@b";
    }

    void redactUrl()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(QString::fromStdString(http::redactUrl(in.toStdString())), out);
    }

    void urlParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::newRow("ok") << "http://127.0.0.1:9300/" << true;
        QTest::newRow("default port") << "https://example.com" << true;
        QTest::newRow("ipv6") << "http://[::1]:80/x" << true;
        QTest::newRow("port 0") << "http://h:0/" << false;
        QTest::newRow("port 65536") << "http://h:65536/" << false;
        QTest::newRow("empty port") << "http://h:/" << true; // as Go: the default port
        QTest::newRow("no host") << "http:///x" << false;
        QTest::newRow("ftp") << "ftp://h/" << false;
        QTest::newRow("space") << "http://h/a b" << false;
        QTest::newRow("CRLF") << "http://h/a\r\nX: y" << false;
    }

    void urlParse()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QCOMPARE(http::Url::parse(text.toStdString()).has_value(), ok);
    }
};

QTEST_GUILESS_MAIN(TstText)
#include "tst_text.moc"
