#pragma once

#include <QByteArray>
#include <QString>

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

} // namespace tardigrade
