#pragma once

#include <QDateTime>
#include <QString>
#include <QVector>

namespace tardigrade {

// What the scanner found, as plain values: no file handles, no server state.
// The catalogue and sync stages take these as their input.

// One file of a dataset.
struct ScannedFile {
    QString directory;    // below the dataset folder, '/' separators, "" at top
    QString name;
    qint64 size = 0;
    QDateTime mtime;      // UTC
    QString absolutePath;
};

// Who a dataset belongs to, decided by the folder structure.
enum class OwnerKind { Username, Email, Group, None };

// Something the scanner saw but did not take, and why (one sentence).
struct SkippedEntry {
    QString path;   // absolute
    QString reason;
    // Not taken because it could not be read (permissions, a disk error):
    // not a choice the settings made, so the run counts it as failed and
    // the next run looks again.
    enum class Unreadable : quint8 { No, File, Folder };
    Unreadable unreadable = Unreadable::No;
    QString why{}; // the system's reason ("Permission denied") when unreadable

    // reason "cannot be read: <why>" (or `reason` when given)
    static SkippedEntry unreadableFile(const QString &path, const QString &why);
    static SkippedEntry unreadableFolder(const QString &path, const QString &why, const QString &reason = {});
};

// One dataset folder (or the files lying directly in an experiment folder,
// gathered as the dataset `__EXPERIMENT_FILES__`).
struct ScannedDataset {
    QString owner;            // trimmed user folder / email, or group_prefix + group folder; "" for None
    OwnerKind ownerKind = OwnerKind::None;
    QString userFolder;       // folder names exactly as on disk ("" where the structure has none)
    QString groupFolder;
    QString experimentFolder;
    QString instrumentFolder;
    QString fullNameFolder;
    QString datasetName;      // the dataset folder's name, or __EXPERIMENT_FILES__
    QString path;             // absolute path of the dataset folder (the experiment folder for __EXPERIMENT_FILES__)
    QVector<ScannedFile> files; // a directory's files (by name) before its sub-folders'
    qint64 bytes = 0;         // sum of files[].size
    QVector<SkippedEntry> skipped;
    QDateTime newestMtime;    // newest mtime of the folder, its sub-folders and files (UTC)
};

struct ScanResult {
    QVector<ScannedDataset> datasets; // in walk order: names sorted (bytes) at every level
    QVector<SkippedEntry> problems;   // outside any dataset: unreadable or unexpected entries
    QVector<SkippedEntry> ignored;    // dataset folders left out by the age filters, and why
};

// The name MyData gives the dataset of files lying directly in an experiment folder.
inline QString experimentFilesDatasetName() { return QStringLiteral("__EXPERIMENT_FILES__"); }

QString ownerKindName(OwnerKind kind); // "username", "email", "group", "none"

// The title of the experiment a dataset goes into (mytardis-api.md section 8),
// the same titles the original MyData gave, so its experiments are found again:
//   Username|Email / Dataset                 "<instrument> - <ownerFullName>" (user folder if the name is empty)
//   ... / Experiment / Dataset (no group)    the experiment folder's name
//   User Group / Experiment / Dataset        "<group folder> - <experiment folder>"
//   User Group / Instrument / Full Name / D. "<instrument> - <full name folder>"
//   User Group / Dataset                     the group folder's name
//   Dataset                                  "<instrument> - <ownerFullName>", or "<instrument>" when the
//                                            name is empty (the owner is the facility account; MyData used
//                                            its full name)
// The group is named by its folder, i.e. without group_prefix, as MyData did.
// Where the instrument name is empty, the " - " joiner is dropped.
QString experimentTitle(const ScannedDataset &dataset, const QString &folderStructure,
                        const QString &instrumentName, const QString &ownerFullName);

// The owner name MyData gave a user or email folder that matched no MyTardis
// account ("jdoe (USER NOT FOUND IN MYTARDIS)"): its experiments' titles use it.
QString userNotFoundName(const QString &userFolder);

} // namespace tardigrade
