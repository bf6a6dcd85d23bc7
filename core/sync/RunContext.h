#pragma once

#include "catalogue/CatalogueTypes.h"
#include "catalogue/Records.h"
#include "transfer/SshEndpoint.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace tardigrade {

class Journal;

// What every worker of one run shares, fixed once planning is done.
struct RunContext {
    QString configFile;
    ClientConfig client;         // each worker thread makes its own client from this
    bool staging = false;        // SCP to staging; else HTTP POST
    SshEndpoint ssh;
    QString uploaderUuid;
    QString fingerprint;         // of the installation key, as registered
    QByteArray stagingLocation;  // staging root on the staging host
    bool fakeMd5 = false;
    int maxUploadRetries = 1;    // further attempts after the first, for transient failures
    int verificationDelaySecs = 3;
    bool cacheLookups = true;    // cache_datafile_lookups
    Journal *journal = nullptr;
    const std::atomic_bool *cancel = nullptr;

    bool cancelled() const { return cancel && cancel->load(); }

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
