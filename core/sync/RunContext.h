#pragma once

#include "catalogue/Catalogue.h"
#include "catalogue/CatalogueTypes.h"
#include "catalogue/Records.h"
#include "transfer/UploadMethod.h"
#include "util/Clock.h"

#include <QByteArray>
#include <QFileInfo>
#include <QString>

#include <atomic>

namespace tardigrade {

class Journal;

// What every worker of one run shares, fixed once the run is prepared.
struct RunContext {
    QString configFile;
    QString dataDirectory;      // data_directory: a vanished drive is told apart from a vanished file
    ClientConfig client;        // each thread makes its own catalogue from this
    CatalogueFactory makeCatalogue;
    UploaderOptions uploader;   // how files travel: POST, chunked or staging
    QString uploaderUuid;
    QString fingerprint;        // of the installation key, as registered
    QByteArray stagingLocation; // staging root on the staging host
    bool fakeMd5 = false;
    int maxUploadRetries = 1;   // further attempts after the first, for transient failures
    int verificationDelaySecs = 3;
    bool cacheLookups = true;   // cache_datafile_lookups
    Journal *journal = nullptr; // none in a Test Run
    const std::atomic_bool *cancel = nullptr;
    const Clock *clock = &Clock::system();

    bool cancelled() const { return cancel && cancel->load(); }
    // What this run has read from local files, counted by its hasher and
    // its uploaders (the uploader options carry it, so that each thread's
    // uploader counts into the same one): summary.bytesReadLocal.
    ReadTally *localReads() const { return uploader.reads.get(); }
    bool staging() const { return uploader.method == UploadMethod::Staging; }
    // The whole data directory went (a removable drive unplugged, a share
    // unmounted): every file would fail the same way.
    bool dataDirectoryGone() const { return !dataDirectory.isEmpty() && !QFileInfo(dataDirectory).isDir(); }

    // The staging path of a datafile the server already has: the staging
    // root joined with its replica's URI (mytardis-api.md 11b, re-uploading).
    QByteArray stagingPathOf(const DataFile &record) const
    {
        if (record.replicas.isEmpty())
            return {};
        QByteArray root = stagingLocation;
        while (root.endsWith('/'))
            root.chop(1);
        return root + '/' + record.replicas.first().uri.toUtf8();
    }
};

} // namespace tardigrade
