// Resolving secret references (decisions §5): every form, trailing newlines, and errors that say
// which reference failed without ever showing a value.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "spec/secretref.h"

using namespace gs;

namespace {
void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
SecretRef ref(SecretRef::Kind kind, std::string first, std::string second = {})
{
    return SecretRef {kind, std::move(first), std::move(second)};
}
} // namespace

class TstSecretRef : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyForm()
    {
        QTemporaryDir dir;
        QCOMPARE(*resolveSecret(ref(SecretRef::Kind::Value, "inline"), {}), std::string("inline"));

        qputenv("GS_TEST_SECRET", "from-env");
        QCOMPARE(*resolveSecret(ref(SecretRef::Kind::Env, "GS_TEST_SECRET"), {}), std::string("from-env"));
        qunsetenv("GS_TEST_SECRET");
        QCOMPARE(resolveSecret(ref(SecretRef::Kind::Env, "GS_TEST_SECRET"), {}).error().message,
            std::string("secret from environment variable GS_TEST_SECRET: the variable is not set"));

        // Files written with echo end in a newline that is not part of the secret: for both file forms.
        write(dir.filePath(QStringLiteral("token")), "s3cret\n");
        QCOMPARE(*resolveSecret(ref(SecretRef::Kind::File, dir.filePath(QStringLiteral("token")).toStdString()), {}), std::string("s3cret"));
        write(dir.filePath(QStringLiteral("secrets/webhook/token")), "KUBETOKEN\r\n");
        const std::string secretsDir = dir.filePath(QStringLiteral("secrets")).toStdString();
        QCOMPARE(*resolveSecret(ref(SecretRef::Kind::KubeSecret, "webhook", "token"), secretsDir), std::string("KUBETOKEN"));
        // Inner newlines and spaces are the secret's own.
        write(dir.filePath(QStringLiteral("secrets/webhook/multi")), " a\nb ");
        QCOMPARE(*resolveSecret(ref(SecretRef::Kind::KubeSecret, "webhook", "multi"), secretsDir), std::string(" a\nb "));
    }

    void errorsNameTheReference()
    {
        QTemporaryDir dir;
        const std::string secretsDir = dir.path().toStdString();
        QCOMPARE(resolveSecret(ref(SecretRef::Kind::KubeSecret, "webhook", "token"), {}).error().message,
            std::string("secret webhook/token: Kubernetes Secrets are read from --secrets-dir DIR (as DIR/webhook/token), and none was given"));
        QCOMPARE(resolveSecret(ref(SecretRef::Kind::KubeSecret, "..", "token"), secretsDir).error().message,
            std::string("secret ../token: names may not contain '/'"));
        QCOMPARE(resolveSecret(ref(SecretRef::Kind::KubeSecret, "a/b", "c"), secretsDir).error().message,
            std::string("secret a/b/c: names may not contain '/'"));
        const auto missing = resolveSecret(ref(SecretRef::Kind::KubeSecret, "webhook", "token"), secretsDir);
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.starts_with("secret webhook/token: cannot open file"), missing.error().message.c_str());
        QVERIFY(!resolveSecret(ref(SecretRef::Kind::File, "/nonexistent/secret"), {}));
    }

    void constantTime()
    {
        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "abcd"));
        QVERIFY(!constantTimeEquals("", "a"));
        QVERIFY(constantTimeEquals("", ""));
    }
};

QTEST_GUILESS_MAIN(TstSecretRef)
#include "tst_secretref.moc"
