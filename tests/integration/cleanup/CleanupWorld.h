#pragma once

// A data directory uploaded to the stand-in server, for the Cleanup tests:
//   testuser1/Dataset A/old1.txt, old2.txt, sub/old3.dat   60 days old
//   testuser1/Dataset A/new.txt                           2 days old
//   testuser1/Dataset B/changed.txt, unverified.txt       60 days old
//   testuser1/Dataset B/link.txt -> <outside>/target.txt  a link out of the tree
// all uploaded and verified (the link is not followed); then the server's
// copy of unverified.txt is made unverified.
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

namespace tardigrade::test {

inline bool setMtime(const QString &path, const QDateTime &when)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.setFileTime(when, QFileDevice::FileModificationTime);
}

struct CleanupWorld {
    StandinProcess server;
    QString cfg;
    QString outside;
    QDateTime old = QDateTime::currentDateTimeUtc().addDays(-60);
    QDateTime recent = QDateTime::currentDateTimeUtc().addDays(-2);

    QString data(const QString &relative) const { return server.dataDir() + QLatin1Char('/') + relative; }

    // Starts the server, writes the tree and the settings; false with a
    // message when something failed.
    bool make(const QMap<QString, QString> &extraSettings = {}, QString *why = nullptr)
    {
        if (!server.start()) {
            *why = server.errorString();
            return false;
        }
        DataTree tree(server.dataDir());
        for (const auto &[path, size] : {std::pair{"testuser1/Dataset A/old1.txt", 1000},
                                          std::pair{"testuser1/Dataset A/old2.txt", 2000},
                                          std::pair{"testuser1/Dataset A/sub/old3.dat", 3000},
                                          std::pair{"testuser1/Dataset B/changed.txt", 400},
                                          std::pair{"testuser1/Dataset B/unverified.txt", 500}}) {
            setMtime(tree.write(QString::fromLatin1(path), size), old);
        }
        setMtime(tree.write(QStringLiteral("testuser1/Dataset A/new.txt"), 700), recent);
        outside = server.tempPath() + QStringLiteral("/outside");
        QDir().mkpath(outside);
        DataTree(outside).write(QStringLiteral("target.txt"), 600);
        setMtime(outside + QStringLiteral("/target.txt"), old);
        QFile::link(outside + QStringLiteral("/target.txt"), data(QStringLiteral("testuser1/Dataset B/link.txt")));

        cfg = server.configPath();
        QMap<QString, QString> settings{{QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                        {QStringLiteral("verification_delay"), QStringLiteral("0")},
                                        {QStringLiteral("allow_cleanup"), QStringLiteral("True")}};
        for (auto it = extraSettings.cbegin(); it != extraSettings.cend(); ++it)
            settings.insert(it.key(), it.value());
        if (!server.writeConfig(cfg, settings)) {
            *why = QStringLiteral("cannot write %1").arg(cfg);
            return false;
        }
        return true;
    }

    // Uploads everything, then takes the server's verification of unverified.txt back.
    bool upload(QString *why)
    {
        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        if (run.exitCode != 0 || run.json().object().value(QStringLiteral("verified")).toInt() != 6) {
            *why = run.describe();
            return false;
        }
        bool ok = false;
        server.sql(QStringLiteral("UPDATE replicas SET verified = 0 WHERE datafile_id IN "
                                  "(SELECT id FROM datafiles WHERE filename = 'unverified.txt')"),
                   &ok);
        if (!ok)
            *why = QStringLiteral("the stand-in's catalogue could not be changed");
        return ok;
    }

    // After a Delete that left changed.txt in place: empty when old1.txt,
    // old2.txt and sub/old3.dat are gone and changed.txt, unverified.txt and
    // new.txt are all still there; else the first path that is wrong.
    QString deletedOnlyTheThreeOld() const
    {
        for (const char *path : {"testuser1/Dataset A/old1.txt", "testuser1/Dataset A/old2.txt",
                                 "testuser1/Dataset A/sub/old3.dat"})
            if (QFile::exists(data(QString::fromLatin1(path))))
                return QStringLiteral("still there: %1").arg(QString::fromLatin1(path));
        for (const char *path : {"testuser1/Dataset B/changed.txt", "testuser1/Dataset B/unverified.txt",
                                 "testuser1/Dataset A/new.txt"})
            if (!QFile::exists(data(QString::fromLatin1(path))))
                return QStringLiteral("gone: %1").arg(QString::fromLatin1(path));
        return {};
    }

    // Same size, other bytes, and the old mtime put back: only the content tells.
    bool changeKeepingSizeAndMtime(const QString &relative) const
    {
        const QString path = data(relative);
        const qint64 size = QFileInfo(path).size();
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        f.write(QByteArray(int(size), 'x'));
        f.close();
        return setMtime(path, old);
    }
};

} // namespace tardigrade::test
