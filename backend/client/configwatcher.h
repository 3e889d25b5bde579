#pragma once
// Watches config files and says when one changed, debounced. Survives editors that save by
// writing a new file and renaming it over the old one (the watch moves to the new inode).

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace gs {

class ConfigWatcher : public QObject
{
    Q_OBJECT
public:
    explicit ConfigWatcher(const QStringList &files, QObject *parent = nullptr);

Q_SIGNALS:
    /** One or more of the files changed (or reappeared) since the last signal. */
    void changed();

private:
    void rearm();

    QStringList m_files;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
};

} // namespace gs
