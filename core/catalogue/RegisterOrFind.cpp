#include "RegisterOrFind.h"

#include "util/Retry.h"

#include <optional>

namespace tardigrade {

Result<StagingRegistration> registerForStagingOrFind(Catalogue &catalogue, qint64 datasetId, const NewDataFile &file,
                                                     const QString &uploaderUuid, const QString &fingerprint,
                                                     const Clock &clock, const std::atomic_bool *cancel)
{
    return createOrFind<StagingRegistration>(
        [&] { return catalogue.registerForStaging(file, uploaderUuid, fingerprint); },
        [&]() -> Result<std::optional<StagingRegistration>> {
            auto found = catalogue.findDataFile(datasetId, file.directory, file.filename);
            if (!found)
                return found.error();
            if (!found->has_value())
                return std::optional<StagingRegistration>();
            StagingRegistration existing;
            existing.alreadyExists = true;
            existing.datafileId = (*found)->id;
            return std::optional<StagingRegistration>(existing);
        },
        clock, cancel);
}

} // namespace tardigrade
