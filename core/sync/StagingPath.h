#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace tardigrade {

// Where the server will put a datafile on the staging host, worked out
// before it is registered (mytardis-api.md 11b): the staging location, the
// dataset's folder (its description URL-quoted, a dash, its id), the
// directory below the dataset and the file name. Staging sends a file there
// first, hashing it on the way, and registers it afterwards; the path the
// server then answers is the one that counts (the file is moved if the two
// differ), so a server that names folders otherwise costs a move, not a
// wrong upload.
QByteArray predictedStagingPath(const QByteArray &location, const QString &datasetDescription, qint64 datasetId,
                                const QString &directory, const QString &filename);

// The directory below the dataset and the file name that a path
// predictedStagingPath() made for this location and dataset was made from:
// what the catalogue is asked about a copy sent ahead of its registration.
// Nothing when the path is not one of those (another staging location, a
// path the server named its own way).
struct StagedFileName {
    QString directory;
    QString filename;
};
std::optional<StagedFileName> stagedFileNameOf(const QByteArray &location, qint64 datasetId,
                                               const QByteArray &stagingPath);

} // namespace tardigrade
