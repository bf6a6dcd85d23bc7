#pragma once

#include "Catalogue.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <atomic>

namespace tardigrade {

// Registers `file` for staging (11b) in the dataset whose id is `datasetId`
// (the one file.datasetUri names). A registration whose answer was lost may
// have made the record: it is looked up by dataset, directory and filename
// before the file is registered again (createOrFind), so nothing is
// registered twice. A record found is answered as the server's 409 is
// (alreadyExists), with its id.
Result<StagingRegistration> registerForStagingOrFind(Catalogue &catalogue, qint64 datasetId, const NewDataFile &file,
                                                     const QString &uploaderUuid, const QString &fingerprint,
                                                     const Clock &clock, const std::atomic_bool *cancel);

} // namespace tardigrade
