// ConfigWatcher: edits in place, rename-over saves, files that come and go, and symlinks (whose
// target's inode, not the link's, is what changes).

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "client/configwatcher.h"

using namespace gs;

namespace {
void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}
} // namespace

class TstConfigWatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsInPlaceAndRenames()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cm.yaml"));
        write(path, "a: 1\n");
        ConfigWatcher w({path});
        QSignalSpy spy(&w, &ConfigWatcher::changed);
        write(path, "a: 2\n");
        QVERIFY(spy.wait(3000));
        // Save by writing a new file and renaming it over the old one.
        write(path + u".tmp", "a: 3\n");
        QFile::remove(path);
        QVERIFY(QFile::rename(path + u".tmp", path));
        QVERIFY(spy.wait(3000));
        spy.clear();
        write(path, "a: 4\n"); // the watch moved to the new inode
        QVERIFY(spy.wait(3000));
    }

    void symlinkThatComesAndGoes()
    {
        // Once a symlink to another file, then a regular file again: later edits must still be seen.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cm.yaml"));
        write(path, "a: 1\n");
        ConfigWatcher w({path});
        QSignalSpy spy(&w, &ConfigWatcher::changed);
        QFile::remove(path);
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), path));
        QVERIFY(spy.wait(3000));
        QFile::remove(path);
        write(path, "a: 2\n");
        QVERIFY(spy.wait(3000));
        spy.clear();
        write(path, "a: 3\n");
        QVERIFY2(spy.wait(3000), "an in-place edit after the symlink was replaced went unnoticed");
    }

    void symlinkTargetInAnotherDirectory()
    {
        QTemporaryDir dir, elsewhere;
        const QString target = elsewhere.filePath(QStringLiteral("real.yaml"));
        write(target, "a: 1\n");
        const QString link = dir.filePath(QStringLiteral("cm.yaml"));
        QVERIFY(QFile::link(target, link));
        ConfigWatcher w({link});
        QSignalSpy spy(&w, &ConfigWatcher::changed);
        // An editor that replaces the target by rename: the link's directory sees nothing.
        write(target + u".tmp", "a: 2\n");
        QFile::remove(target);
        QVERIFY(QFile::rename(target + u".tmp", target));
        QVERIFY(spy.wait(3000));
        spy.clear();
        write(target, "a: 3\n");
        QVERIFY(spy.wait(3000));
    }
};

QTEST_GUILESS_MAIN(TstConfigWatcher)
#include "tst_configwatcher.moc"
