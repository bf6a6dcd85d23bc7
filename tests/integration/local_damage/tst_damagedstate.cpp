// Damaged state beside the settings: a journal or lookup cache that is
// garbage, truncated or gone is moved aside (kept as evidence), said once,
// and rebuilt from the server's catalogue, with nothing uploaded twice; a
// settings folder that became read-only is named in one sentence.
#include "CatalogueCheck.h"
#include "CliRun.h"
#include "DataTree.h"
#include "Mount.h"
#include "StandinProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace tardigrade::test;

namespace {

QMap<QString, QString> postSettings(const StandinProcess &server)
{
    return {{QStringLiteral("data_directory"), server.dataDir()},
            {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
            {QStringLiteral("verification_delay"), QStringLiteral("0")},
            {QStringLiteral("max_upload_threads"), QStringLiteral("3")}};
}

CliResult upload(const QString &cfg)
{
    return runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
}

int posts(const StandinProcess &server)
{
    int n = 0;
    for (const QJsonObject &r : server.requests())
        n += r.value(QStringLiteral("method")).toString() == QLatin1String("POST");
    return n;
}

// What a damaged file looks like: random bytes, the first half of itself,
// or a valid SQLite header followed by noise.
bool damage(const QString &file, const QString &how)
{
    QFile f(file);
    if (how == QLatin1String("deleted"))
        return f.remove();
    if (!f.open(QIODevice::ReadWrite))
        return false;
    if (how == QLatin1String("truncated"))
        return f.resize(f.size() / 2);
    QByteArray noise(8192, '\0');
    for (char &c : noise)
        c = char(QRandomGenerator::global()->bounded(256));
    if (how == QLatin1String("noise after the header"))
        f.seek(100);
    else
        f.resize(0);
    return f.write(noise) == noise.size();
}

QStringList movedAside(const QString &folder, const QString &name)
{
    return QDir(folder).entryList({name + QStringLiteral(".damaged-*")}, QDir::Files);
}

} // namespace

class TestDamagedState : public QObject {
    Q_OBJECT
private slots:
    void damagedStateIsMovedAsideAndRebuilt_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("said");
        for (const char *how : {"garbage", "truncated", "noise after the header", "deleted"})
            QTest::addRow("journal %s", how)
                << QStringLiteral("journal.sqlite") << QString::fromLatin1(how) << QStringLiteral("The upload journal");
        // The lookup cache goes through the same door; two kinds of damage show it.
        for (const char *how : {"garbage", "truncated"})
            QTest::addRow("lookup cache %s", how)
                << QStringLiteral("lookups.sqlite") << QString::fromLatin1(how) << QStringLiteral("The lookup cache");
    }
    void damagedStateIsMovedAsideAndRebuilt()
    {
        QFETCH(QString, file);
        QFETCH(QString, how);
        QFETCH(QString, said);
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        DataTree tree(server.dataDir());
        for (int i = 0; i < 6; ++i)
            tree.write(QStringLiteral("testuser1/Run %1/frame %2.raw").arg(i % 3).arg(i), 20000 + i * 4099);
        const QString cfg = server.configPath();
        QVERIFY(server.writeConfig(cfg, postSettings(server)));
        const CliResult first = upload(cfg);
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        const QString folder = QFileInfo(cfg).absolutePath();
        QVERIFY2(QFile::exists(folder + QLatin1Char('/') + file), "the first run left the state file");
        const int postsBefore = posts(server);

        QVERIFY(damage(folder + QLatin1Char('/') + file, how));
        const CliResult second = upload(cfg);
        QVERIFY2(second.exitCode == 0, qPrintable(second.describe()));
        QCOMPARE(second.json().object().value(QStringLiteral("uploaded")).toInt(), 0);
        QCOMPARE(second.json().object().value(QStringLiteral("already_verified")).toInt(), tree.files().size());
        QCOMPARE(posts(server), postsBefore); // nothing sent or registered twice
        const QString problems = checkCatalogue(server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        if (how == QLatin1String("deleted")) {
            // Nothing to keep and nothing to say: a fresh file, filled from the server.
            QVERIFY2(!second.err.contains("damaged"), qPrintable(second.describe()));
            QVERIFY(movedAside(folder, file).isEmpty());
        } else {
            // Said once, with what was done; the damaged file kept beside it.
            QCOMPARE(second.err.count(QByteArray(" was damaged")), 1);
            QCOMPARE(second.err.count(QByteArray("journal.sqlite")) + second.err.count(QByteArray("lookups.sqlite")),
                     2);
            QVERIFY2(second.err.contains(said.toUtf8()), qPrintable(second.describe()));
            QVERIFY2(second.err.contains("moved to"), qPrintable(second.describe()));
            QCOMPARE(movedAside(folder, file).size(), 1);
            qInfo().noquote() << second.err.mid(second.err.indexOf(said.toUtf8())).split('\n').first();
        }
        QVERIFY(QFile::exists(folder + QLatin1Char('/') + file));

        // The rebuilt file serves the next run: nothing said again (once is
        // enough to show it).
        if (how != QLatin1String("garbage"))
            return;
        const CliResult third = upload(cfg);
        QVERIFY2(third.exitCode == 0, qPrintable(third.describe()));
        QVERIFY2(!third.err.contains("damaged"), qPrintable(third.describe()));
        QCOMPARE(third.json().object().value(QStringLiteral("already_verified")).toInt(), tree.files().size());
        QCOMPARE(posts(server), postsBefore);
    }

    void readOnlySettingsFolderIsNamed()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString folder = server.tempPath() + QStringLiteral("/ro-config");
        QVERIFY(QDir().mkpath(folder));
        TmpfsMount mount(folder);
        if (!mount.mount(QStringLiteral("size=16m")))
            QSKIP("mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN); the read-only settings "
                  "folder cannot be made");
        DataTree tree(server.dataDir());
        tree.write(QStringLiteral("testuser1/Run/a.raw"), 5000);
        const QString cfg = folder + QStringLiteral("/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, postSettings(server)));
        const CliResult first = upload(cfg);
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        tree.write(QStringLiteral("testuser1/Run/b.raw"), 7000);
        QVERIFY(mount.remount(QStringLiteral("ro")));

        // config set: one sentence naming the folder and what to do; exit non-zero.
        const CliResult set = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                            {QStringLiteral("config"), QStringLiteral("set"),
                                             QStringLiteral("max_upload_threads"), QStringLiteral("2")});
        QVERIFY2(set.exitCode == 2, qPrintable(set.describe())); // as any settings file that cannot be written
        QVERIFY2(set.err.contains(QDir::toNativeSeparators(folder).toUtf8()), qPrintable(set.describe()));
        QVERIFY2(set.err.contains("read-only"), qPrintable(set.describe()));
        QCOMPARE(set.err.trimmed().count('\n'), 0);

        // A run needs its journal: it says so, names the folder, and sends nothing.
        const int postsBefore = posts(server);
        const CliResult run = upload(cfg);
        QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
        QVERIFY2(run.err.contains(QDir::toNativeSeparators(folder).toUtf8()), qPrintable(run.describe()));
        QVERIFY2(run.err.contains("read-only"), qPrintable(run.describe()));
        QCOMPARE(posts(server), postsBefore);
        qInfo().noquote() << "config set said:" << set.err.trimmed();
        qInfo().noquote() << "upload said:" << run.err.trimmed().split('\n').last();

        // Writable again: the run carries on, b.raw uploaded once.
        QVERIFY(mount.remount(QStringLiteral("rw")));
        const CliResult again = upload(cfg);
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QCOMPARE(again.json().object().value(QStringLiteral("uploaded")).toInt(), 1);
        const QString problems = checkCatalogue(server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(TestDamagedState)
#include "tst_damagedstate.moc"
