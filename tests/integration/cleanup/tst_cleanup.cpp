// Cleanup against the real stand-in server after real uploads: which files
// are offered (verified in the journal and on the server with the same MD5,
// old enough), that each is checked again just before it is deleted (its
// bytes, the server's copy, symbolic links swapped in), --dry-run, and that
// it is off unless allowed. Through `tardigrade cleanup` and the engine's
// CleanupSession.
#include "CleanupWorld.h"
#include "cleanup/CleanupSession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

const char *const kDeletable[] = {"testuser1/Dataset A/old1.txt", "testuser1/Dataset A/old2.txt",
                                  "testuser1/Dataset A/sub/old3.dat", "testuser1/Dataset B/changed.txt"};

CliResult cleanup(const CleanupWorld &w, const QStringList &args)
{
    return runTardigrade(QStringLiteral(TARDIGRADE_BIN), w.cfg, QStringList{QStringLiteral("cleanup")} + args);
}

QStringList relativePaths(const QVector<CleanupCandidate> &candidates)
{
    QStringList out;
    for (const CleanupCandidate &c : candidates)
        out << c.relativePath;
    return out;
}

// An uploaded world and a CleanupSession whose Find at 30 days has run,
// kept open for its Delete.
struct FoundWorld {
    CleanupWorld w;
    std::unique_ptr<CleanupSession> session;
    CleanupFindings found;

    // False with *why set when a step failed.
    bool make(QString *why)
    {
        if (!w.make({}, why) || !w.upload(why))
            return false;
        auto opened = CleanupSession::open(w.cfg);
        if (!opened) {
            *why = opened.error().message;
            return false;
        }
        session = std::move(opened).value();
        auto findings = session->find(30);
        if (!findings) {
            *why = findings.error().message;
            return false;
        }
        found = std::move(findings).value();
        return true;
    }
};

} // namespace

class TestCleanup : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("TARDIGRADE_SECRET_STORE", "file"); }

    void dryRunListsVerifiedOldFilesAndDeletesNothing()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({}, &why) && w.upload(&why), qPrintable(why));
        const int requestsBefore = int(w.server.requests().size());

        const CliResult run = cleanup(w, {QStringLiteral("--older-than"), QStringLiteral("30"), QStringLiteral("--dry-run")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QString out = QString::fromUtf8(run.out);
        // 1000 + 2000 + 3000 + 400 bytes
        QVERIFY2(out.contains(QStringLiteral("Would delete 4 files (6.4 kB) older than 30 days")), qPrintable(out));
        for (const char *path : kDeletable)
            QVERIFY2(out.contains(QString::fromLatin1(path)), path);
        QVERIFY2(!out.contains(QStringLiteral("new.txt")), "2 days old: too new");
        QVERIFY2(!out.contains(QStringLiteral("unverified.txt")), "not verified on the server");
        QVERIFY2(!out.contains(QStringLiteral("link.txt")), "a symbolic link");
        QVERIFY(out.contains(QStringLiteral("Nothing was deleted (--dry-run).")));
        QVERIFY2(run.err.contains("1 file is not listed because the server holds no verified copy"),
                 qPrintable(run.describe()));
        for (const char *path : kDeletable)
            QVERIFY2(QFile::exists(w.data(QString::fromLatin1(path))), path);
        // One listing per dataset, not one question per file (the journal
        // knows each file's dataset, POSTed files included).
        int listings = 0;
        int perFile = 0;
        const QList<QJsonObject> requests = w.server.requests();
        for (qsizetype i = requestsBefore; i < requests.size(); ++i) {
            const QString path = requests.at(i).value(QStringLiteral("path")).toString();
            listings += path.endsWith(QLatin1String("/mydata_dataset_file/"));
            perFile += QRegularExpression(QStringLiteral("/mydata_dataset_file/\\d+/$")).match(path).hasMatch();
        }
        QCOMPARE(listings, 2);
        QCOMPARE(perFile, 0);

        // A younger age takes the two-day-old file too.
        const CliResult young = cleanup(w, {QStringLiteral("--older-than"), QStringLiteral("1"), QStringLiteral("--dry-run")});
        QVERIFY2(young.out.contains("Would delete 5 files (7.1 kB) older than 1 day;"), qPrintable(young.describe()));
    }

    void deletesVerifiedOldFilesAndRefusesOneChangedSinceUpload()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({}, &why) && w.upload(&why), qPrintable(why));
        QVERIFY(w.changeKeepingSizeAndMtime(QStringLiteral("testuser1/Dataset B/changed.txt")));

        const CliResult run = cleanup(w, {QStringLiteral("--older-than"), QStringLiteral("30")});
        QCOMPARE(run.exitCode, 2); // one file left in place
        QVERIFY2(run.out.contains("Deleted 3 files (6.0 kB) from this computer. 1 file left in place"),
                 qPrintable(run.describe()));
        QVERIFY2(run.err.contains("Left testuser1/Dataset B/changed.txt in place: its content differs from the "
                                  "verified copy on the server"),
                 qPrintable(run.describe()));
        QVERIFY2(w.deletedOnlyTheThreeOld().isEmpty(), qPrintable(w.deletedOnlyTheThreeOld()));
        // Folders stay, even emptied; the link and what it points to are untouched.
        QVERIFY(QFileInfo(w.data(QStringLiteral("testuser1/Dataset A/sub"))).isDir());
        QVERIFY(QFileInfo(w.data(QStringLiteral("testuser1/Dataset B/link.txt"))).isSymLink());
        QVERIFY(QFile::exists(w.outside + QStringLiteral("/target.txt")));
    }

    // A file rewritten after its upload with the same size is a conflict for
    // the next run (the server's copy has other bytes): never verified, so
    // Cleanup does not offer it, and says why.
    void fileRewrittenAndSeenByALaterRunIsNotOffered()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({}, &why) && w.upload(&why), qPrintable(why));
        const QString path = w.data(QStringLiteral("testuser1/Dataset A/old2.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray(2000, 'y'));
        f.close();
        QVERIFY(setMtime(path, w.old.addSecs(3600)));
        const CliResult again = runTardigrade(QStringLiteral(TARDIGRADE_BIN), w.cfg, {QStringLiteral("upload")});
        QVERIFY2(again.exitCode == 3, qPrintable(again.describe()));
        QVERIFY2(QString::fromUtf8(again.out).contains(QStringLiteral("CONFLICT ") + path), qPrintable(again.describe()));

        const CliResult run = cleanup(w, {QStringLiteral("--older-than"), QStringLiteral("30"), QStringLiteral("--dry-run")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(!run.out.contains("old2.txt"), qPrintable(run.describe()));
        QVERIFY2(run.out.contains("Would delete 3 files"), qPrintable(run.describe()));
        QVERIFY2(run.err.contains("1 file is not listed because MyTardis holds a different file under its name (a "
                                  "conflict the upload reported)."),
                 qPrintable(run.describe()));
    }

    // Between Find and Delete a listed file is replaced by a link to an
    // identical file outside the data directory, and a dataset folder by a
    // link to a copy outside: same size, mtime and MD5, the server's copy
    // verified. Neither the link nor what it points to may be deleted.
    void linksSwappedInAfterFindAreNeverFollowed()
    {
        FoundWorld f;
        QString why;
        QVERIFY2(f.make(&why), qPrintable(why));
        const CleanupWorld &w = f.w;
        QCOMPARE(f.found.candidates.size(), 4);

        // old1.txt -> outside/old1.txt (the same bytes and mtime)
        const QString old1 = w.data(QStringLiteral("testuser1/Dataset A/old1.txt"));
        const QString copy = w.outside + QStringLiteral("/old1.txt");
        QVERIFY(QFile::copy(old1, copy));
        QVERIFY(setMtime(copy, QFileInfo(old1).lastModified()));
        QVERIFY(QFile::remove(old1));
        QVERIFY(QFile::link(copy, old1));
        // Dataset A/sub -> outside/sub (holding a copy of old3.dat)
        const QString sub = w.data(QStringLiteral("testuser1/Dataset A/sub"));
        const QString subCopy = w.outside + QStringLiteral("/sub");
        QVERIFY(QDir().rename(sub, subCopy));
        QVERIFY(QFile::link(subCopy, sub));

        const CleanupOutcome outcome = f.session->remove(f.found.candidates);
        QStringList refused;
        for (const CleanupRefusal &r : outcome.refused)
            refused << QFileInfo(r.path).fileName() + QStringLiteral(": ") + r.reason;
        refused.sort();
        QCOMPARE(refused, (QStringList{QStringLiteral("old1.txt: is a symbolic link"),
                                       QStringLiteral("old3.dat: leads outside the data directory through a "
                                                      "symbolic link")}));
        QVERIFY(QFileInfo(old1).isSymLink());
        QVERIFY(QFile::exists(copy));
        QVERIFY(QFile::exists(subCopy + QStringLiteral("/old3.dat")));
        QCOMPARE(outcome.deleted.size(), 2); // old2.txt, changed.txt: nothing changed there
    }

    // The server takes its verification back after Find: nothing goes.
    void serverNoLongerVerifiedAtDeleteTimeIsRefused()
    {
        FoundWorld f;
        QString why;
        QVERIFY2(f.make(&why), qPrintable(why));
        const CleanupWorld &w = f.w;
        QCOMPARE(relativePaths(f.found.candidates),
                 (QStringList{QStringLiteral("testuser1/Dataset A/old1.txt"), QStringLiteral("testuser1/Dataset A/old2.txt"),
                              QStringLiteral("testuser1/Dataset A/sub/old3.dat"),
                              QStringLiteral("testuser1/Dataset B/changed.txt")}));
        QCOMPARE(f.found.totalBytes, 6400);

        bool ok = false;
        w.server.sql(QStringLiteral("UPDATE replicas SET verified = 0"), &ok);
        QVERIFY(ok);
        const CleanupOutcome outcome = f.session->remove(f.found.candidates);
        QVERIFY(outcome.deleted.isEmpty());
        QCOMPARE(outcome.refused.size(), 4);
        for (const CleanupRefusal &r : outcome.refused) {
            QCOMPARE(r.reason, QStringLiteral("the server no longer holds a verified copy with the same size and "
                                              "checksum"));
            QVERIFY(QFile::exists(r.path));
        }
    }

    // The server's record must be the very file Find confirmed: the same
    // name in another folder of the dataset, or another record than the
    // one the journal kept for this upload, is not it.
    void serverRecordOfAnotherFolderOrIdIsRefused()
    {
        FoundWorld f;
        QString why;
        QVERIFY2(f.make(&why), qPrintable(why));
        const CleanupWorld &w = f.w;
        QCOMPARE(f.found.candidates.size(), 4);
        bool ok = false;
        // old3.dat's record moved to another folder after Find.
        w.server.sql(QStringLiteral("UPDATE datafiles SET directory = 'elsewhere' WHERE filename = 'old3.dat'"), &ok);
        QVERIFY(ok);
        // A second verified record of old1.txt (same folder, name, size and
        // MD5), and the candidate pointing at it instead of the uploaded one.
        w.server.sql(QStringLiteral("INSERT INTO datafiles (dataset_id, directory, filename, size, md5sum, version) "
                                    "SELECT dataset_id, directory, filename, size, md5sum, 2 FROM datafiles "
                                    "WHERE filename = 'old1.txt'"),
                     &ok);
        QVERIFY(ok);
        w.server.sql(QStringLiteral("INSERT INTO replicas (datafile_id, uri, location, verified) SELECT id, "
                                    "filename, 'default', 1 FROM datafiles WHERE filename = 'old1.txt' AND version = 2"),
                     &ok);
        QVERIFY(ok);
        const qint64 other =
            w.server.sql(QStringLiteral("SELECT id FROM datafiles WHERE filename = 'old1.txt' AND version = 2"), &ok)
                .trimmed()
                .toLongLong();
        QVERIFY2(ok && other > 0, "the second record's id");
        QVector<CleanupCandidate> files = f.found.candidates;
        for (CleanupCandidate &c : files)
            if (c.relativePath.endsWith(QLatin1String("old1.txt")))
                c.datafileId = other;

        const CleanupOutcome outcome = f.session->remove(files);
        QStringList refused;
        for (const CleanupRefusal &r : outcome.refused)
            refused << QFileInfo(r.path).fileName() + QStringLiteral(": ") + r.reason;
        refused.sort();
        QCOMPARE(refused, (QStringList{QStringLiteral("old1.txt: the server's record found for it is not the one "
                                                      "this installation uploaded"),
                                       QStringLiteral("old3.dat: the server's record is for another file (its folder "
                                                      "or name differs)")}));
        QVERIFY(QFile::exists(w.data(QStringLiteral("testuser1/Dataset A/old1.txt"))));
        QVERIFY(QFile::exists(w.data(QStringLiteral("testuser1/Dataset A/sub/old3.dat"))));
        QCOMPARE(outcome.deleted.size(), 2);
    }

    void offUnlessAllowedIsOneSentenceAndExitOne()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({{QStringLiteral("allow_cleanup"), QStringLiteral("False")}}, &why), qPrintable(why));
        const CliResult run = cleanup(w, {QStringLiteral("--older-than"), QStringLiteral("0")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(QString::fromUtf8(run.err).trimmed(),
                 QStringLiteral("tardigrade: Cleanup is turned off: allow it under Settings, Advanced, or with "
                                "'tardigrade config set allow_cleanup True'."));
        for (const char *path : kDeletable)
            QVERIFY2(QFile::exists(w.data(QString::fromLatin1(path))), path);

        // Locked settings say who can change it.
        QVERIFY(w.server.writeConfig(w.cfg, {{QStringLiteral("allow_cleanup"), QStringLiteral("False")},
                                             {QStringLiteral("locked"), QStringLiteral("True")}}));
        const CliResult locked = cleanup(w, {QStringLiteral("--dry-run")});
        QCOMPARE(locked.exitCode, 1);
        QVERIFY2(locked.err.contains("Cleanup is turned off in these locked settings"), qPrintable(locked.describe()));

        const CliResult bad = cleanup(w, {QStringLiteral("--older-than"), QStringLiteral("soon")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("--older-than takes a whole number of days"), qPrintable(bad.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCleanup)
#include "tst_cleanup.moc"
