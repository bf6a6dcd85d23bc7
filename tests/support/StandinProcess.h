#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace tardigrade::test {

// Runs the stand-in MyTardis server (tests/standin) as a real process on a
// free loopback port, with its catalogue, staging and store folders in a
// temporary directory that lives as long as this object.
//
//   StandinProcess server;
//   QVERIFY2(server.start(), qPrintable(server.errorString()));
//   server.writeConfig(cfgPath, {{"data_directory", dataDir}});
// or, with the settings at configPath():
//   QVERIFY2(server.startWithConfig(), qPrintable(server.errorString()));
class StandinProcess {
public:
    StandinProcess();
    ~StandinProcess(); // stops the server
    StandinProcess(const StandinProcess &) = delete;
    StandinProcess &operator=(const StandinProcess &) = delete;

    // Use another staging folder (e.g. the sshd fixture's staging account);
    // call before start().
    void setStagingDir(const QString &dir);

    // Starts the server with extra arguments (e.g. {"--auto-approve"},
    // {"--fail-rate", "0.3"}, {"--scp-host", ..., "--scp-port", ..., "--scp-user", ...})
    // and waits for it to listen. False with errorString() on failure.
    bool start(const QStringList &extraArgs = {});
    // start(), then writeConfig(configPath(), overrides). False with
    // errorString() when either failed.
    bool startWithConfig(const QStringList &extraArgs = {}, const QMap<QString, QString> &overrides = {});
    void stop();
    bool isRunning() const;
    QString errorString() const { return m_error; }

    // http://127.0.0.1:<port>, no trailing slash; https:// when started
    // with {"--tls-cert", FILE, "--tls-key", FILE}.
    QUrl url() const;
    QString urlString() const { return url().toString(); }
    quint16 port() const { return m_port; }
    QString username() const { return QStringLiteral("testfacility"); }
    QString apiKey() const { return m_apiKey; }
    QString dbPath() const;
    QString stagingDir() const;
    QString storeDir() const;
    QString requestLogPath() const;
    // A folder under the temporary directory tests may fill as data_directory
    // (made by start()).
    QString dataDir() const;
    // Where tests keep the settings file: <temporary directory>/config/MyData.cfg.
    QString configPath() const;
    QString tempPath() const;

    // `tardigrade-standin --db FILE dump`: experiments, datasets, datafiles.
    QJsonObject dump() const;
    // `tardigrade-standin --db FILE approve --all`.
    bool approveAll() const;
    // `tardigrade-standin --db FILE sql STATEMENT`: runs one SQL statement
    // on the live catalogue (schema: tests/standin/CatalogueDb.cpp) and
    // answers its rows, one per line, columns tab-separated. For state a
    // client cannot make, e.g.
    //   sql("UPDATE uploaders SET settings_updated = '2099-01-01T00:00:00'")
    QString sql(const QString &statement, bool *ok = nullptr) const;
    // The request log, one object per request {method, path, query, status}.
    QList<QJsonObject> requests() const;
    // From that log, the faults --fail-rate injected: answers that failed
    // (500, or none at all), and of those the creates (POST) left without an
    // answer, which the server may or may not have made.
    struct InjectedFaults {
        int failed = 0;
        int lostCreates = 0;
    };
    InjectedFaults injectedFaults() const;

    // Writes a MyData.cfg ([MyData] INI) pointing at this server: instrument
    // "Test Instrument", facility "Test Facility", contact, username
    // testfacility, the API key, a uuid, data_directory = dataDir().
    // `overrides` replace or add keys (values written as given).
    bool writeConfig(const QString &path, const QMap<QString, QString> &overrides = {}) const;
    // The uuid writeConfig() writes (stable for this object).
    QString uuid() const { return m_uuid; }

    static QString binary();

private:
    bool runCommand(const QStringList &args, QByteArray *out) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_stagingDir;
    QString m_apiKey;
    QString m_uuid;
    QString m_error;
    quint16 m_port = 0;
    QString m_scheme = QStringLiteral("http");
};

} // namespace tardigrade::test
