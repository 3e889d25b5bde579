#include "configwatcher.h"

#include <QFileInfo>

namespace gs {

ConfigWatcher::ConfigWatcher(const QStringList &files, QObject *parent)
    : QObject(parent)
{
    for (const QString &f : files) {
        const QString abs = QFileInfo(f).absoluteFilePath();
        if (!m_files.contains(abs))
            m_files << abs;
    }
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        rearm();
        Q_EMIT changed();
    });
    auto poke = [this] { m_debounce.start(); };
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, poke);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, poke);
    rearm();
}

void ConfigWatcher::rearm()
{
    // Watch the directories too: a rename-over-save removes the file from the watch list. Files are
    // re-added every time, because a watch sits on an inode: after a file was replaced (or was a
    // symlink that now points elsewhere) the old watch would go on watching the old inode. A
    // symlink's target and the target's directory are watched as well.
    QStringList files, dirs;
    for (const QString &f : std::as_const(m_files)) {
        const QFileInfo info(f);
        dirs << info.absolutePath();
        if (info.exists())
            files << f;
        if (info.isSymLink()) {
            const QFileInfo target(info.canonicalFilePath());
            if (target.exists() && target.isFile()) {
                files << target.absoluteFilePath();
                dirs << target.absolutePath();
            }
        }
    }
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    for (const QString &f : std::as_const(files))
        m_watcher.addPath(f);
    const QStringList current = m_watcher.directories();
    for (const QString &d : std::as_const(dirs)) {
        if (!current.contains(d))
            m_watcher.addPath(d);
    }
}

} // namespace gs
