#include "testprocess.h"

#include <csignal>

#include <QProcessEnvironment>

#include "testsupport.h"

namespace gs::test {

TestProcess::TestProcess()
    : m_process(std::make_unique<QProcess>())
{
}

TestProcess::~TestProcess()
{
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool TestProcess::start(const QString &program, const QStringList &args, const QStringList &env)
{
    auto e = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : env) {
        const auto eq = kv.indexOf(u'=');
        e.insert(kv.left(eq), kv.mid(eq + 1));
    }
    m_process->setProcessEnvironment(e);
    m_process->start(program, args);
    return m_process->waitForStarted(10000);
}

void TestProcess::collect()
{
    m_out += QString::fromUtf8(m_process->readAllStandardOutput());
    m_err += QString::fromUtf8(m_process->readAllStandardError());
}

QRegularExpressionMatch TestProcess::waitFor(const QString &pattern, std::chrono::milliseconds timeout)
{
    const QRegularExpression re(pattern);
    QRegularExpressionMatch m;
    waitUntil(
        [&] {
            m_process->waitForReadyRead(20);
            collect();
            m = re.match(m_out);
            if (!m.hasMatch())
                m = re.match(m_err);
            return m.hasMatch() || m_process->state() == QProcess::NotRunning;
        },
        timeout);
    collect();
    if (!m.hasMatch()) {
        m = re.match(m_out);
        if (!m.hasMatch())
            m = re.match(m_err);
    }
    return m;
}

QStringList TestProcess::stdoutLines()
{
    collect();
    return m_out.split(u'\n', Qt::SkipEmptyParts);
}

QString TestProcess::allStdout()
{
    collect();
    return m_out;
}

QString TestProcess::allStderr()
{
    collect();
    return m_err;
}

int TestProcess::stop(bool interrupt, std::chrono::milliseconds timeout)
{
    if (m_process->state() == QProcess::NotRunning) {
        collect();
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    }
    ::kill(static_cast<pid_t>(m_process->processId()), interrupt ? SIGINT : SIGTERM);
    return waitExit(timeout);
}

int TestProcess::waitExit(std::chrono::milliseconds timeout)
{
    if (!m_process->waitForFinished(static_cast<int>(timeout.count()))) {
        m_process->kill();
        m_process->waitForFinished(5000);
        collect();
        return -1;
    }
    collect();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

RunResult runToEnd(const QString &program, const QStringList &args, std::chrono::milliseconds timeout)
{
    TestProcess p;
    RunResult r;
    if (!p.start(program, args))
        return r;
    r.code = p.waitExit(timeout);
    r.out = p.allStdout();
    r.err = p.allStderr();
    return r;
}

} // namespace gs::test
