#pragma once
// Hands low-rate notices from library threads (gRPC callbacks) to a QObject's thread, and drops
// them once that object is gone (house style rules 23-25).

#include <functional>
#include <memory>
#include <mutex>

#include <QMetaObject>
#include <QObject>

namespace gs {

class Notifier
{
public:
    explicit Notifier(QObject *target)
        : m_target(target)
    {
    }
    /** Queues `fn` to run on the target's thread; a no-op after detach(). Thread-safe. */
    void post(std::function<void()> fn)
    {
        std::lock_guard lock(m_mutex);
        if (m_target)
            QMetaObject::invokeMethod(m_target, std::move(fn), Qt::QueuedConnection);
    }
    /** Called by the target before it is destroyed; calls already queued are discarded with it. */
    void detach()
    {
        std::lock_guard lock(m_mutex);
        m_target = nullptr;
    }

private:
    std::mutex m_mutex;
    QObject *m_target;
};

} // namespace gs
