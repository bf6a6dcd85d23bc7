// Files and folders the user running Tardigrade may not read (mode 000, an
// acquisition program's lock, another account's folder): each is named in
// one sentence that says so and what to do, the rest is uploaded, the run
// ends non-zero, and nothing unread is taken as done: once readable, the
// next run uploads it. Root reads everything whatever the mode, so the
// binary runs as an unprivileged user (setpriv, or runuser), with its
// settings and data in a folder that user owns.
#include "CatalogueCheck.h"
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade::test;

namespace {

const QString kUser = QStringLiteral("nobody");
const QString kGroup = QStringLiteral("nogroup");

// The command line that runs a program as kUser, or empty (with `why`) when
// this machine cannot.
QStringList asUnprivileged(QString *why)
{
    QProcess id;
    id.start(QStringLiteral("id"), {QStringLiteral("-u")});
    if (!id.waitForFinished() || id.readAllStandardOutput().trimmed() != "0") {
        *why = QStringLiteral("not root: cannot run Tardigrade as %1 (as root, mode 000 files are read anyway)")
                   .arg(kUser);
        return {};
    }
    QStringList prefix;
    if (!QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
        prefix = {QStringLiteral("setpriv"), QStringLiteral("--reuid=") + kUser, QStringLiteral("--regid=") + kGroup,
                  QStringLiteral("--clear-groups"), QStringLiteral("--")};
    else if (!QStandardPaths::findExecutable(QStringLiteral("runuser")).isEmpty())
        prefix = {QStringLiteral("runuser"), QStringLiteral("-u"), kUser, QStringLiteral("--")};
    if (prefix.isEmpty()) {
        *why = QStringLiteral("neither setpriv nor runuser is installed (util-linux)");
        return {};
    }
    QProcess probe;
    probe.start(prefix.first(), prefix.mid(1) + QStringList{QStringLiteral(TARDIGRADE_BIN), QStringLiteral("--version")});
    if (!probe.waitForFinished(30000) || probe.exitCode() != 0) {
        *why = QStringLiteral("%1 cannot run %2 as %3: %4")
                   .arg(prefix.first(), QStringLiteral(TARDIGRADE_BIN), kUser,
                        QString::fromUtf8(probe.readAllStandardError()).trimmed());
        return {};
    }
    return prefix;
}

bool chownTo(const QString &path)
{
    return QProcess::execute(QStringLiteral("chown"), {QStringLiteral("-R"), kUser + QLatin1Char(':') + kGroup, path}) ==
           0;
}

bool setMode(const QString &path, QFile::Permissions mode)
{
    return QFile::setPermissions(path, mode);
}

CliResult runAs(const QStringList &prefix, const QString &home, const QString &cfg, const QStringList &args)
{
    QProcessEnvironment env = cliEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home);
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(home);
    p.start(prefix.first(),
            prefix.mid(1) + QStringList{QStringLiteral(TARDIGRADE_BIN), QStringLiteral("--config"), cfg} + args);
    return finishCli(p);
}

QStringList uploadedNames(const QJsonObject &dump)
{
    QStringList names;
    for (const QJsonValue &v : dump.value(QStringLiteral("datafiles")).toArray())
        names << v.toObject().value(QStringLiteral("filename")).toString();
    names.sort();
    return names;
}

} // namespace

class TestUnreadableFiles : public QObject {
    Q_OBJECT
    QStringList m_as;

private slots:
    void initTestCase()
    {
        QString why;
        m_as = asUnprivileged(&why);
        if (m_as.isEmpty())
            QSKIP(qPrintable(why));
    }

    void unreadableFileAndFolderAreNamedAndTheRestUploaded()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        // The unprivileged user's own folder: settings, secrets, journal, data.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString data = home.filePath(QStringLiteral("data"));
        DataTree tree(data);
        tree.write(QStringLiteral("testuser1/Run 1/a.raw"), 3000);
        const QString locked = tree.write(QStringLiteral("testuser1/Run 1/locked.raw"), 4000);
        tree.write(QStringLiteral("testuser1/Run 1/c.raw"), 5000);
        const QString closedFolder = QFileInfo(tree.write(QStringLiteral("testuser1/Run 1/closed/d.raw"), 6000)).path();
        tree.write(QStringLiteral("testuser1/Run 2/e.raw"), 7000);
        const QString cfg = home.filePath(QStringLiteral("config/MyData.cfg"));
        QVERIFY(server.writeConfig(cfg, {{QStringLiteral("data_directory"), data},
                                         {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                         {QStringLiteral("verification_delay"), QStringLiteral("0")}}));
        QVERIFY(chownTo(home.path()));
        QVERIFY(setMode(locked, {}));
        QVERIFY(setMode(closedFolder, {}));
        const QString fileSentence =
            QStringLiteral("%1 cannot be read (Permission denied): give the user running Tardigrade permission to "
                           "read it; the next run uploads it.")
                .arg(QDir::toNativeSeparators(locked));
        const QString folderSentence =
            QStringLiteral("The folder %1 cannot be read (Permission denied), so none of its files are uploaded: give "
                           "the user running Tardigrade permission to read it; the next run uploads them.")
                .arg(QDir::toNativeSeparators(closedFolder));

        // The Test Run names both, as the upload would fail on them, counts
        // them found, and ends as the upload would: exit 2, saying so in
        // its last line (the settings are fine).
        const QString verdict = QStringLiteral("An upload would send the rest but not the 2 files or folders it "
                                               "cannot read (CANNOT READ above), and end with exit code 2: give "
                                               "the user running Tardigrade permission to read them.");
        const CliResult test = runAs(m_as, home.path(), cfg, {QStringLiteral("test-run")});
        QVERIFY2(!test.crashed && test.exitCode == 2, qPrintable(test.describe()));
        const QString report = QString::fromUtf8(test.out);
        QVERIFY2(report.contains(QStringLiteral("  CANNOT READ: ") + fileSentence), qPrintable(test.describe()));
        QVERIFY2(report.contains(QStringLiteral("  CANNOT READ: ") + folderSentence), qPrintable(test.describe()));
        QVERIFY2(report.contains(QStringLiteral("  VERDICT: ") + verdict), qPrintable(test.describe()));
        QVERIFY2(report.contains(QStringLiteral("  files: 5 found, 3 to upload")) &&
                     report.contains(QStringLiteral(", 0 skipped, 2 cannot be read\n")),
                 qPrintable(test.describe()));
        const QStringList errLines = QString::fromUtf8(test.err).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(errLines.last(), verdict);

        const CliResult first = runAs(m_as, home.path(), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(!first.crashed && first.exitCode != 0, qPrintable(first.describe()));
        // Each named once, in one sentence: what it is, why, what to do.
        QStringList reasons;
        for (const QJsonValue &f : first.json().object().value(QStringLiteral("failed")).toArray())
            reasons << f.toObject().value(QStringLiteral("reason")).toString();
        qInfo().noquote() << "upload exit" << first.exitCode << "failed:\n" << reasons.join(QLatin1Char('\n'));
        QCOMPARE(reasons.count(fileSentence), 1);
        QCOMPARE(reasons.count(folderSentence), 1);
        QCOMPARE(reasons.size(), 2);
        // Found counts them, one entry each, so it adds up: 3 verified + 2 failed.
        const QJsonObject summary = first.json().object();
        QCOMPARE(summary.value(QStringLiteral("found")).toInt(), 5);
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 3);
        QCOMPARE(summary.value(QStringLiteral("already_verified")).toInt(), 0);
        // The rest went up; the unreadable file is not on the server, nor taken as done (below).
        QCOMPARE(uploadedNames(server.dump()),
                 (QStringList{QStringLiteral("a.raw"), QStringLiteral("c.raw"), QStringLiteral("e.raw")}));

        // Readable again: the next run sends those two, nothing twice.
        QVERIFY(setMode(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        QVERIFY(setMode(closedFolder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                          QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        const CliResult again = runAs(m_as, home.path(), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QCOMPARE(again.json().object().value(QStringLiteral("found")).toInt(), 5); // a, c, e verified; d, locked new
        const QString problems = checkCatalogue(server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(TestUnreadableFiles)
#include "tst_unreadablefiles.moc"
