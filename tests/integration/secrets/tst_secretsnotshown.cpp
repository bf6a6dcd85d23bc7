// The API key and the staging private key appear nowhere but where they are
// kept (the secret store, the settings file, the key file): not on stdout or
// stderr, not in the log file (at debug level), not in a Test Run report, not
// in any other file beside the settings, not in the command line of any
// process while the commands run, and not in what a crashed run prints. Every
// command runs against servers that fail in each way a user meets: one that
// answers HTTP 500 before it recovers, one that refuses every request, one that
// refuses the key, one that is not there, and one that echoes the request
// (with its Authorization header) into an error page.
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>
#include <csignal>

using namespace tardigrade::test;

namespace {

const QByteArray kApiKey = "TgSecretApiKey-7c1e9a4f02b6d835";

// A server that says it is MyTardis (its API root) and answers every other
// request with HTTP 400 and a page that repeats the request's headers, as a
// debugging web server or a misconfigured proxy does.
class EchoServer : public QThread {
public:
    ~EchoServer() override
    {
        quit();
        wait();
    }

    quint16 waitForPort()
    {
        m_ready.acquire();
        return m_port;
    }

protected:
    void run() override
    {
        QTcpServer server;
        if (server.listen(QHostAddress::LocalHost, 0))
            m_port = server.serverPort();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&server] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                auto *in = new QByteArray;
                QObject::connect(s, &QTcpSocket::disconnected, s, [s, in] {
                    delete in;
                    s->deleteLater();
                });
                QObject::connect(s, &QTcpSocket::readyRead, s, [s, in] {
                    *in += s->readAll();
                    const qsizetype end = in->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QByteArray head = in->left(end);
                    in->clear();
                    const bool root = head.startsWith("GET /api/v1/?") || head.startsWith("GET /api/v1/ ");
                    QByteArray auth;
                    for (const QByteArray &line : head.split('\n'))
                        if (line.toLower().startsWith("authorization:"))
                            auth = line.trimmed();
                    const QByteArray body = root ? QByteArray("{\"user\": {\"list_endpoint\": \"/api/v1/user/\"}}")
                                                 : auth + "\n\nRequest:\n" + head;
                    s->write((root ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 400 Bad Request\r\n") +
                             QByteArray("Content-Type: ") + (root ? "application/json" : "text/plain") +
                             "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                });
            }
        });
        m_ready.release();
        if (m_port)
            exec();
    }

private:
    QSemaphore m_ready;
    quint16 m_port = 0;
};

// The command lines of every process but the stand-in's (which is given the
// key to check it).
QStringList commandLinesWith(const QList<QByteArray> &secrets, bool *sawTardigrade)
{
    QStringList found;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        QFile f(dir + QStringLiteral("/cmdline"));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray cmdline = f.readAll();
        if (cmdline.contains("tardigrade-standin"))
            continue;
        if (cmdline.startsWith(TARDIGRADE_BIN))
            *sawTardigrade = true; // the sampling sees the command it watches
        for (const QByteArray &secret : secrets)
            if (cmdline.contains(secret))
                found << QString::fromLocal8Bit(QByteArray(cmdline).replace('\0', ' '));
    }
    return found;
}

struct Observed {
    CliResult result;
    QStringList commandLines; // of processes that showed a secret while the command ran
    bool sampled = false;     // the command's own process was seen in /proc
};

// The real binary, with /proc sampled every few milliseconds while it runs.
Observed runWatched(const QString &cfg, const QStringList &args, const QList<QByteArray> &secrets,
                    int abortAfterMs = -1)
{
    Observed o;
    QProcess p;
    p.setProcessEnvironment(cliEnvironment());
    p.start(QStringLiteral(TARDIGRADE_BIN), QStringList{QStringLiteral("--config"), cfg} + args);
    if (!p.waitForStarted()) {
        o.result.err = p.errorString().toUtf8();
        return o;
    }
    QElapsedTimer t;
    t.start();
    bool aborted = false;
    while (!p.waitForFinished(5) && t.elapsed() < 120000) {
        o.commandLines << commandLinesWith(secrets, &o.sampled);
        if (abortAfterMs >= 0 && !aborted && t.elapsed() > abortAfterMs) {
            ::kill(pid_t(p.processId()), SIGABRT); // a crash: whatever it prints then is checked too
            aborted = true;
        }
    }
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
    }
    o.result.out = p.readAllStandardOutput();
    o.result.err = p.readAllStandardError();
    o.result.crashed = p.exitStatus() == QProcess::CrashExit;
    o.result.exitCode = o.result.crashed ? -1 : p.exitCode();
    o.commandLines.removeDuplicates();
    return o;
}

// Lines of the PEM body of a private key: any of them in an output is a
// leak. An OpenSSH key file carries its public key too, so a line that is
// part of the public key line (which register prints) is not secret.
QList<QByteArray> pemBodyLines(const QString &path)
{
    QFile f(path);
    QFile pub(path + QStringLiteral(".pub"));
    QList<QByteArray> lines;
    if (!f.open(QIODevice::ReadOnly) || !pub.open(QIODevice::ReadOnly))
        return lines;
    const QByteArray publicKey = pub.readAll();
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.size() >= 20 && !line.startsWith("-----") && !publicKey.contains(line.trimmed()))
            lines << line.trimmed();
    return lines;
}

QString leakIn(const QByteArray &text, const QList<QByteArray> &secrets)
{
    for (const QByteArray &s : secrets)
        if (text.contains(s))
            return QString::fromLatin1(s.left(12)) + QStringLiteral("…");
    return {};
}

} // namespace

class TestSecretsNotShown : public QObject {
    Q_OBJECT

private:
    // Every file beside the settings but those that keep a secret on purpose.
    static QStringList filesWith(const QString &configDir, const QList<QByteArray> &secrets)
    {
        static const QStringList keepers{QStringLiteral("MyData.cfg"), QStringLiteral("secrets"),
                                         QStringLiteral("tardigrade_id")};
        QStringList found;
        QDirIterator it(configDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (keepers.contains(QFileInfo(path).fileName()))
                continue;
            QFile f(path);
            if (f.open(QIODevice::ReadOnly) && !leakIn(f.readAll(), secrets).isEmpty())
                found << path;
        }
        return found;
    }

private slots:
    void neitherKeyIsShownAnywhere()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--api-key"), QString::fromLatin1(kApiKey)}),
                 qPrintable(server.errorString()));
        DataTree tree(server.dataDir());
        tree.write(QStringLiteral("testuser1/Dataset A/frame 1.tif"), 4000);
        tree.write(QStringLiteral("testuser1/Dataset A/frame 2.tif"), 80000);
        const QString cfg = server.configPath();
        const QString configDir = QFileInfo(cfg).absolutePath();
        const QMap<QString, QString> base{{QStringLiteral("api_key"), QString::fromLatin1(kApiKey)},
                                          {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                          {QStringLiteral("verification_delay"), QStringLiteral("0")}};
        QVERIFY(server.writeConfig(cfg, base));

        // A healthy first upload makes the staging key pair (and asks for its approval).
        QList<QByteArray> secrets{kApiKey};
        Observed first = runWatched(cfg, {QStringLiteral("--loglevel"), QStringLiteral("debug"),
                                          QStringLiteral("upload")}, secrets);
        QVERIFY2(first.result.exitCode == 0, qPrintable(first.result.describe()));
        const QString keyFile = configDir + QStringLiteral("/tardigrade_id");
        secrets += pemBodyLines(keyFile);
        QVERIFY2(secrets.size() > 5, "no private key was made");

        EchoServer echo;
        echo.start();
        const quint16 echoPort = echo.waitForPort();
        QVERIFY(echoPort != 0);

        struct World {
            const char *name;
            QStringList serverArgs; // restart the stand-in with these; empty: leave it
            QString url;            // mytardis_url; empty: the stand-in's
            QString apiKey;         // empty: the secret one
        };
        const QString key = QString::fromLatin1(kApiKey);
        const QList<World> worlds{
            // Retried (logged at debug), then answered: quick, unlike a server failing for a minute.
            {"answers 500 three times", {QStringLiteral("--api-key"), key, QStringLiteral("--fail-first"),
                                         QStringLiteral("3"), QStringLiteral("--fail-mode"), QStringLiteral("500")},
             {}, {}},
            // Every request but the API root refused.
            {"fails every request", {QStringLiteral("--api-key"), key, QStringLiteral("--fail-rate"), QStringLiteral("1"),
                                     QStringLiteral("--fail-mode"), QStringLiteral("403"), QStringLiteral("--fail-path"),
                                     QStringLiteral("^(?!GET /api/v1/$).*")}, {}, {}},
            {"refuses the key", {QStringLiteral("--api-key"), QStringLiteral("another-key")}, {}, {}},
            {"not there", {}, QStringLiteral("http://127.0.0.1:9"), {}},
            {"echoes the request", {}, QStringLiteral("http://127.0.0.1:%1").arg(echoPort), {}},
        };
        QStringList leaks;
        for (const World &w : worlds) {
            if (!w.serverArgs.isEmpty())
                QVERIFY2(server.start(w.serverArgs), qPrintable(server.errorString()));
            QMap<QString, QString> settings = base;
            settings.insert(QStringLiteral("mytardis_url"), w.url.isEmpty() ? server.urlString() : w.url);
            // Few retries: a failing server is otherwise waited out for a minute.
            settings.insert(QStringLiteral("max_upload_retries"), QStringLiteral("0"));
            QVERIFY(server.writeConfig(cfg, settings));
            const QString report = server.tempPath() + QStringLiteral("/report-%1.txt").arg(QString::fromLatin1(w.name));
            const QList<QStringList> commands{
                {QStringLiteral("validate")},
                {QStringLiteral("test-run"), QStringLiteral("--output"), report},
                {QStringLiteral("upload")},
                {QStringLiteral("register")},
                {QStringLiteral("config"), QStringLiteral("list")},
                {QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("api_key")},
                {QStringLiteral("--version"), QStringLiteral("--verbose")},
            };
            for (const QStringList &command : commands) {
                const Observed o = runWatched(cfg, QStringList{QStringLiteral("--loglevel"), QStringLiteral("debug")} + command,
                                              secrets);
                const QString what = QString::fromLatin1(w.name) + QStringLiteral(", ") + command.join(QLatin1Char(' '));
                if (const QString l = leakIn(o.result.out, secrets); !l.isEmpty())
                    leaks << what + QStringLiteral(": stdout shows ") + l;
                if (const QString l = leakIn(o.result.err, secrets); !l.isEmpty())
                    leaks << what + QStringLiteral(": stderr shows ") + l + QStringLiteral("\n") +
                                 QString::fromUtf8(o.result.err.right(800));
                if (command.first() == QLatin1String("upload"))
                    QVERIFY2(o.sampled, "the upload's command line was never sampled");
                for (const QString &line : o.commandLines)
                    leaks << what + QStringLiteral(": a command line shows it: ") + line;
            }
            QFile r(report);
            QVERIFY2(r.open(QIODevice::ReadOnly), qPrintable(report)); // the report was written
            if (const QString l = leakIn(r.readAll(), secrets); !l.isEmpty())
                leaks << QString::fromLatin1(w.name) + QStringLiteral(": the Test Run report shows ") + l;
        }

        // A run that crashes (SIGABRT mid-upload) prints nothing secret either.
        QVERIFY(server.start({QStringLiteral("--api-key"), key, QStringLiteral("--latency-ms"), QStringLiteral("300")}));
        tree.write(QStringLiteral("testuser1/Dataset B/frame 3.tif"), 6000);
        QMap<QString, QString> settings = base;
        settings.insert(QStringLiteral("mytardis_url"), server.urlString());
        QVERIFY(server.writeConfig(cfg, settings));
        const Observed crashed = runWatched(cfg, {QStringLiteral("--loglevel"), QStringLiteral("debug"),
                                                  QStringLiteral("upload")}, secrets, 1500);
        QVERIFY2(crashed.result.crashed, qPrintable(crashed.result.describe()));
        if (const QString l = leakIn(crashed.result.out + crashed.result.err, secrets); !l.isEmpty())
            leaks << QStringLiteral("the crashed run's output shows ") + l;

        leaks += filesWith(configDir, secrets);
        QFile log(configDir + QStringLiteral("/tardigrade.log"));
        QVERIFY2(log.open(QIODevice::ReadOnly) && log.readAll().contains(" debug "), "no debug lines in the log");
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestSecretsNotShown)
#include "tst_secretsnotshown.moc"
