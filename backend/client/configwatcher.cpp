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
    // Watch the directories too: a rename-over-save removes the file from the watch list.
    QStringList wanted;
    for (const QString &f : std::as_const(m_files)) {
        wanted << QFileInfo(f).absolutePath();
        if (QFileInfo::exists(f))
            wanted << f;
    }
    const QStringList current = m_watcher.files() + m_watcher.directories();
    for (const QString &p : std::as_const(wanted)) {
        if (!current.contains(p))
            m_watcher.addPath(p);
    }
}

} // namespace gs
