#include "CliRun.h"

#include <QProcess>

namespace tardigrade::test {

QString CliResult::describe() const
{
    // QTest cuts long failure messages: print everything now, and keep the
    // message itself to the end of stderr, where the reason is.
    qWarning().noquote() << "--- stdout\n" << QString::fromUtf8(out) << "\n--- stderr\n" << QString::fromUtf8(err);
    return QStringLiteral("exit %1%2; stderr ends: %3")
        .arg(exitCode)
        .arg(crashed ? QStringLiteral(" (crashed)") : QString())
        .arg(QString::fromUtf8(err.right(600)));
}

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TARDIGRADE_SECRET_STORE"), QStringLiteral("file"));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    return env;
}

CliResult runTardigrade(const QString &binary, const QString &configFile, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(cliEnvironment());
    p.start(binary, QStringList{QStringLiteral("--config"), configFile} + args);
    return finishCli(p, timeoutMs);
}

CliResult finishCli(QProcess &p, int timeoutMs)
{
    CliResult r;
    if (!p.waitForStarted()) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out\n";
    }
    r.out = p.readAllStandardOutput();
    r.err += p.readAllStandardError();
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = r.crashed ? -1 : p.exitCode();
    return r;
}

} // namespace tardigrade::test
