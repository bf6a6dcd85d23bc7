// A frame re-acquired in place: same name, same size, other bytes. MyTardis
// keeps one file per name in a dataset, so such a file is never taken as
// verified: the real tardigrade binary against the real stand-in, with and
// without a journal, in the Test Run, and with upload_changed_as_versions.
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"
#include "sync/Journal.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

const QString kFrame = QStringLiteral("testuser1/Run 1/frame_0001.tif");
const QString kOther = QStringLiteral("testuser1/Run 1/notes.txt");
constexpr qint64 kFrameSize = 64 * 1024;

QByteArray frameBytes(char fill)
{
    QByteArray bytes(kFrameSize, fill);
    bytes.replace(0, 12, "frame header");
    return bytes;
}

QByteArray md5Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex();
}

bool setMtime(const QString &path, const QDateTime &when)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.setFileTime(when, QFileDevice::FileModificationTime);
}

int count(const QList<QJsonObject> &requests, const QString &method, const QString &pathPart)
{
    int n = 0;
    for (const QJsonObject &r : requests)
        n += r.value(QStringLiteral("method")).toString() == method &&
             r.value(QStringLiteral("path")).toString().contains(pathPart);
    return n;
}

// The stand-in's record of a file by name ({} when there is none).
QJsonObject recordNamed(const QJsonObject &dump, const QString &filename)
{
    for (const QJsonValue &v : dump.value(QStringLiteral("datafiles")).toArray())
        if (v.toObject().value(QStringLiteral("filename")).toString() == filename)
            return v.toObject();
    return {};
}

} // namespace

class TestUploadConflicts : public QObject {
    Q_OBJECT
private:
    // The server holds frame_0001.tif (bytes A) and notes.txt, verified,
    // uploaded by a first installation; the local frame is then rewritten
    // in place with bytes B of the same size, an hour later.
    struct World {
        StandinProcess server;
        std::unique_ptr<DataTree> tree;
        QString firstConfig;
        QByteArray md5A, md5B;
        QString framePath;
    };

    QMap<QString, QString> overrides(const StandinProcess &server) const
    {
        return {{QStringLiteral("data_directory"), server.dataDir()},
                {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                {QStringLiteral("verification_delay"), QStringLiteral("0")}};
    }

    bool prepare(World &w)
    {
        if (!w.server.start()) {
            qWarning() << w.server.errorString();
            return false;
        }
        w.tree = std::make_unique<DataTree>(w.server.dataDir());
        const QByteArray a = frameBytes('A');
        w.framePath = w.tree->writeBytes(kFrame, a);
        w.tree->writeBytes(kOther, "notes stay as they were\n");
        w.md5A = md5Hex(a);
        w.md5B = md5Hex(frameBytes('B'));
        const QDateTime acquired = QDateTime::currentDateTime().addSecs(-7200);
        setMtime(w.framePath, acquired);
        w.firstConfig = w.server.tempPath() + QStringLiteral("/first/MyData.cfg");
        if (!w.server.writeConfig(w.firstConfig, overrides(w.server)))
            return false;
        const CliResult first = runTardigrade(QStringLiteral(TARDIGRADE_BIN), w.firstConfig,
                                              {QStringLiteral("upload"), QStringLiteral("--json")});
        if (first.exitCode != 0 || first.json().object().value(QStringLiteral("verified")).toInt() != 2) {
            qWarning() << first.describe();
            return false;
        }
        return true;
    }

    // The frame acquired again: same size, other bytes, a later time.
    static void reacquire(World &w)
    {
        QFile f(w.framePath);
        QVERIFY(f.open(QIODevice::ReadWrite)); // in place, as an instrument does: no new inode
        QCOMPARE(f.write(frameBytes('B')), kFrameSize);
        f.close();
        QVERIFY(setMtime(w.framePath, QDateTime::currentDateTime().addSecs(-3600)));
        QCOMPARE(QFileInfo(w.framePath).size(), kFrameSize);
    }

    // A second installation on the same data: no journal, no lookup cache.
    QString freshInstallation(World &w, const QMap<QString, QString> &extra = {}) const
    {
        const QString cfg = w.server.tempPath() + QStringLiteral("/fresh-%1/MyData.cfg")
                                                      .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
        QMap<QString, QString> o = overrides(w.server);
        o.insert(QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            o.insert(it.key(), it.value());
        w.server.writeConfig(cfg, o);
        return cfg;
    }

    // The server's copy of the frame is what the first installation sent.
    static void serverCopyUntouched(const World &w)
    {
        const QJsonObject dump = w.server.dump();
        QCOMPARE(dump.value(QStringLiteral("datafiles")).toArray().size(), 2);
        const QJsonObject frame = recordNamed(dump, QStringLiteral("frame_0001.tif"));
        QCOMPARE(frame.value(QStringLiteral("md5sum")).toString().toLatin1(), w.md5A);
        QVERIFY(frame.value(QStringLiteral("verified")).toBool());
        QCOMPARE(count(w.server.requests(), QStringLiteral("POST"), QStringLiteral("mydata_dataset_file")), 2);
    }

    static JournalEntry journalOf(const QString &cfg, const StandinProcess &server, const QString &path)
    {
        auto journal = Journal::open(QFileInfo(cfg).absolutePath() + QStringLiteral("/journal.sqlite"),
                                     server.urlString());
        if (!journal)
            return {};
        return (*journal)->loadAll().value(path);
    }

    static void reportsTheConflict(const CliResult &run, const World &w)
    {
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        const QJsonObject summary = run.json().object();
        QCOMPARE(summary.value(QStringLiteral("already_verified")).toInt(), 1); // notes.txt
        QCOMPARE(summary.value(QStringLiteral("uploaded")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 0);
        const QJsonArray conflicts = summary.value(QStringLiteral("conflicts")).toArray();
        QCOMPARE(conflicts.size(), 1);
        const QJsonObject c = conflicts.first().toObject();
        QCOMPARE(c.value(QStringLiteral("path")).toString(), w.framePath);
        QCOMPARE(c.value(QStringLiteral("local_md5")).toString().toLatin1(), w.md5B);
        QCOMPARE(c.value(QStringLiteral("server_md5")).toString().toLatin1(), w.md5A);
        QVERIFY(c.value(QStringLiteral("uploaded_as")).toString().isEmpty());
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.contains(QStringLiteral("CONFLICT ") + w.framePath) && err.contains(QString::fromLatin1(w.md5A)) &&
                     err.contains(QString::fromLatin1(w.md5B)),
                 qPrintable(err));
    }

private slots:
    void freshInstallationReportsARewrittenFrameAsAConflict()
    {
        World w;
        QVERIFY(prepare(w));
        reacquire(w);
        const QString cfg = freshInstallation(w);

        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                            {QStringLiteral("upload"), QStringLiteral("--json")});
        reportsTheConflict(run, w);
        serverCopyUntouched(w);
        // Not verified in the journal either: a conflict, with this file's own sum.
        const JournalEntry entry = journalOf(cfg, w.server, w.framePath);
        QCOMPARE(entry.state, FileState::Conflict);
        QCOMPARE(entry.md5.toLatin1(), w.md5B);

        // Every run says it again (nothing was cached as verified), and in
        // words: both checksums and what to do.
        const CliResult again = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload")});
        QVERIFY2(again.exitCode == 3, qPrintable(again.describe()));
        const QString out = QString::fromUtf8(again.out);
        QVERIFY2(out.contains(QStringLiteral("Conflicts:        1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("CONFLICT %1: the server holds another file under this name (MD5 %2 "
                                             "on the server, %3 here); not uploaded")
                                  .arg(w.framePath, QString::fromLatin1(w.md5A), QString::fromLatin1(w.md5B))),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("upload_changed_as_versions")), qPrintable(out));
        serverCopyUntouched(w);
    }

    void sameBytesAtAnotherTimeAreVerified()
    {
        World w;
        QVERIFY(prepare(w));
        QVERIFY(setMtime(w.framePath, QDateTime::currentDateTime().addSecs(-60))); // touched, or copied back
        const QString cfg = freshInstallation(w);

        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                            {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.json().object().value(QStringLiteral("already_verified")).toInt(), 2);
        QVERIFY(run.json().object().value(QStringLiteral("conflicts")).toArray().isEmpty());
        serverCopyUntouched(w);
        const JournalEntry entry = journalOf(cfg, w.server, w.framePath);
        QCOMPARE(entry.state, FileState::Verified);
        QCOMPARE(entry.md5.toLatin1(), w.md5A); // read once, so Cleanup can trust it

        // Seen verified by content: the next run asks nothing of the dataset.
        const int listings = count(w.server.requests(), QStringLiteral("GET"), QStringLiteral("mydata_dataset_file"));
        const CliResult again = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                              {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QCOMPARE(again.json().object().value(QStringLiteral("already_verified")).toInt(), 2);
        QCOMPARE(count(w.server.requests(), QStringLiteral("GET"), QStringLiteral("mydata_dataset_file")), listings);
    }

    // The installation that uploaded it: its journal and lookup cache say
    // verified for the old size and time, and are not trusted for the new.
    void theJournalIsNotTrustedForARewrittenFrame()
    {
        World w;
        QVERIFY(prepare(w));
        QCOMPARE(journalOf(w.firstConfig, w.server, w.framePath).state, FileState::Verified);
        reacquire(w);
        const int listings = count(w.server.requests(), QStringLiteral("GET"), QStringLiteral("mydata_dataset_file"));

        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), w.firstConfig,
                                            {QStringLiteral("upload"), QStringLiteral("--json")});
        reportsTheConflict(run, w);
        serverCopyUntouched(w);
        QCOMPARE(journalOf(w.firstConfig, w.server, w.framePath).state, FileState::Conflict);
        // Still one listing for the dataset, no question per file.
        QCOMPARE(count(w.server.requests(), QStringLiteral("GET"), QStringLiteral("mydata_dataset_file")),
                 listings + 1);
    }

    void versionsAreUploadedUnderTheFirstFreeName()
    {
        World w;
        QVERIFY(prepare(w));
        reacquire(w);
        // A local file already has the first versioned name: the next one is taken.
        w.tree->writeBytes(QStringLiteral("testuser1/Run 1/frame_0001 (2).tif"), "an unrelated local file\n");
        const QString cfg = freshInstallation(w, {{QStringLiteral("upload_changed_as_versions"), QStringLiteral("True")}});

        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                            {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject summary = run.json().object();
        QCOMPARE(summary.value(QStringLiteral("uploaded")).toInt(), 2); // the frame's new version and the local "(2)"
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 2);
        const QJsonArray conflicts = summary.value(QStringLiteral("conflicts")).toArray();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().toObject().value(QStringLiteral("uploaded_as")).toString(),
                 QStringLiteral("frame_0001 (3).tif"));
        QVERIFY2(QString::fromUtf8(run.err).contains(QStringLiteral("uploaded as \"frame_0001 (3).tif\"")),
                 qPrintable(run.err));

        const QJsonObject dump = w.server.dump();
        const QJsonObject original = recordNamed(dump, QStringLiteral("frame_0001.tif"));
        QCOMPARE(original.value(QStringLiteral("md5sum")).toString().toLatin1(), w.md5A);
        const QJsonObject version = recordNamed(dump, QStringLiteral("frame_0001 (3).tif"));
        QCOMPARE(version.value(QStringLiteral("md5sum")).toString().toLatin1(), w.md5B);
        QVERIFY(version.value(QStringLiteral("verified")).toBool());
        QCOMPARE(version.value(QStringLiteral("size")).toInteger(), kFrameSize);

        // The next run finds its version: nothing uploaded twice.
        const CliResult again = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                              {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QCOMPARE(again.json().object().value(QStringLiteral("uploaded")).toInt(), 0);
        QCOMPARE(again.json().object().value(QStringLiteral("already_verified")).toInt(), 3);
        QCOMPARE(w.server.dump().value(QStringLiteral("datafiles")).toArray().size(), 4);

        // Another installation without a cache finds it by its checksum too.
        const CliResult other = runTardigrade(
            QStringLiteral(TARDIGRADE_BIN),
            freshInstallation(w, {{QStringLiteral("upload_changed_as_versions"), QStringLiteral("True")}}),
            {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(other.exitCode == 0, qPrintable(other.describe()));
        QCOMPARE(other.json().object().value(QStringLiteral("uploaded")).toInt(), 0);
        QCOMPARE(w.server.dump().value(QStringLiteral("datafiles")).toArray().size(), 4);
    }

    void testRunShowsTheConflict()
    {
        World w;
        QVERIFY(prepare(w));
        reacquire(w);
        const QString cfg = freshInstallation(w);
        const QString report = w.server.tempPath() + QStringLiteral("/report.txt");
        const int posts = count(w.server.requests(), QStringLiteral("POST"), QString());

        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                            {QStringLiteral("test-run"), QStringLiteral("--output"), report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QFile f(report);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(text.contains(QStringLiteral("conflict          frame_0001.tif (65.5 kB): MyTardis holds another file "
                                              "under this name (MD5 %1 there, %2 here)")
                                   .arg(QString::fromLatin1(w.md5A), QString::fromLatin1(w.md5B))),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("0 to upload")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("conflicts: 1")), qPrintable(text));
        QCOMPARE(count(w.server.requests(), QStringLiteral("POST"), QString()), posts);
        serverCopyUntouched(w);
    }
};

QTEST_GUILESS_MAIN(TestUploadConflicts)
#include "tst_uploadconflicts.moc"
