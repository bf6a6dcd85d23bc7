#pragma once

// What the upload tests against the stand-in ask about a file they send: the
// record it is registered with, and when the server has verified its copy.
// Header-only: the tests that include it link the catalogue themselves.

#include "catalogue/MyTardisClient.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

namespace tardigrade::test {

// The registration record of the file at `path` in the dataset `datasetUri`.
inline NewDataFile describeFile(const QString &datasetUri, const QString &path, const QString &md5)
{
    const QFileInfo info(path);
    NewDataFile nf;
    nf.datasetUri = datasetUri;
    nf.filename = info.fileName();
    nf.md5sum = md5;
    nf.size = info.size();
    nf.modificationTime = info.lastModified();
    return nf;
}

// Polls the datafile until the server reports a verified replica; false
// when it has not within `ms`.
inline bool waitVerified(MyTardisClient &client, qint64 datafileId, int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        auto f = client.dataFile(datafileId);
        if (f && f->isVerified())
            return true;
        QThread::msleep(100);
    }
    return false;
}

} // namespace tardigrade::test
