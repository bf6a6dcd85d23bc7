#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QProcess;

namespace tardigrade::test {

// One finished run of the real `tardigrade` binary.
struct CliResult {
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;

    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    QString describe() const; // exit code and both streams, for failure messages
};

// Runs `tardigrade --config <cfg> <args>` with the secret store on a file
// and waits up to `timeoutMs`. The binary's path is the TARDIGRADE_BIN
// compile definition of the test.
CliResult runTardigrade(const QString &binary, const QString &configFile, const QStringList &args,
                        int timeoutMs = 120000);

// Waits up to `timeoutMs` for a started process (killed after that) and
// collects what it left: for callers that start the binary their own way
// (another user, another environment).
CliResult finishCli(QProcess &process, int timeoutMs = 120000);

// The environment tests give the binary: the file secret store, no keychain.
QProcessEnvironment cliEnvironment();

} // namespace tardigrade::test
