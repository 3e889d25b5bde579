#pragma once
// A child process for multi-process tests: collects its output, waits for lines, always cleaned up.

#include <chrono>
#include <memory>

#include <QProcess>
#include <QRegularExpression>
#include <QStringList>

namespace gs::test {

class TestProcess
{
public:
    TestProcess();
    ~TestProcess();

    /** Starts `program`; `env` entries (NAME=VALUE) are added to the environment. */
    bool start(const QString &program, const QStringList &args, const QStringList &env = {});
    /** Waits until stdout or stderr matches `pattern`; returns the match (or an invalid one). */
    QRegularExpressionMatch waitFor(const QString &pattern, std::chrono::milliseconds timeout = std::chrono::seconds(15));
    /** stdout lines seen so far. */
    QStringList stdoutLines();
    QString allStdout();
    QString allStderr();
    /** Sends SIGTERM (or SIGINT) and waits; returns the exit code, or -1 if it had to be killed. */
    int stop(bool interrupt = false, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /** Waits for exit without signalling. */
    int waitExit(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    [[nodiscard]] qint64 pid() const { return m_process->processId(); }
    [[nodiscard]] bool running() const { return m_process->state() == QProcess::Running; }

private:
    void collect();
    std::unique_ptr<QProcess> m_process;
    QString m_out;
    QString m_err;
};

/** Runs a command to completion; returns {exit code, stdout, stderr}. */
struct RunResult {
    int code = -1;
    QString out;
    QString err;
};
RunResult runToEnd(const QString &program, const QStringList &args, std::chrono::milliseconds timeout = std::chrono::seconds(20));

} // namespace gs::test
