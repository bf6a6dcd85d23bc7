#include "ServerSettingsCheck.h"

#include "CatalogueLock.h"
#include "MyTardisClient.h"

namespace tardigrade {

ServerCheckResult ServerSettingsCheck::run(const ServerCheckOptions &options)
{
    ServerCheckResult r;
    // A failure sentence, unless the run was cancelled (then nothing more is checked).
    auto fail = [&r](const Error &e) {
        if (e.kind == ErrorKind::Cancelled)
            r.cancelled = true;
        else
            r.failures << e.message;
        return r.cancelled;
    };

    if (Status s = m_client.checkServer(); !s) {
        fail(s.error());
        return r;
    }
    auto account = m_client.checkCredentials();
    if (!account) {
        fail(account.error());
        return r;
    }
    r.account = *account;

    // The mydata app: any uuid will do to learn whether the resource exists.
    const QString uuid = options.uuid.isEmpty() ? QStringLiteral("00000000-0000-0000-0000-000000000000") : options.uuid;
    auto uploader = m_client.findUploader(uuid);
    if (uploader) {
        r.mydataApp = true;
        if (uploader->has_value())
            r.uploader = **uploader;
    } else if (uploader.error().httpStatus == 403) {
        r.mydataApp = true; // there, but only facility managers may use it
        r.failures << QStringLiteral(
                          "User \"%1\" may not use the uploader records (HTTP 403): only facility managers may; ask a "
                          "MyTardis administrator to add the account to the facility's manager group.")
                          .arg(m_client.config().username);
    } else if (fail(uploader.error())) {
        return r;
    }

    if (options.facilityName.trimmed().isEmpty()) {
        r.failures << QStringLiteral(
            "facility_name is empty; set it to the MyTardis facility the instrument belongs to.");
        return r;
    }
    auto facility = m_client.facilityByName(options.facilityName);
    if (!facility) {
        fail(facility.error());
        return r;
    }
    r.facility = *facility;

    if (options.instrumentName.trimmed().isEmpty()) {
        r.failures << QStringLiteral("instrument_name is empty; set it to the instrument's name in facility \"%1\".")
                          .arg(facility->name);
        return r;
    }
    auto instrument = m_client.ensureInstrument(*facility, options.instrumentName, true);
    if (instrument && instrument->missing && !options.dryRun) {
        // Two installations starting at once must not make it twice.
        CatalogueLock lock(options.lockFile, m_client.config().cancel);
        if (Status s = lock.acquire(); !s) {
            fail(s.error());
            return r;
        }
        instrument = m_client.ensureInstrument(*facility, options.instrumentName, false);
    }
    if (!instrument) {
        fail(instrument.error());
        return r;
    }
    r.instrument = instrument->instrument;
    r.instrumentCreated = instrument->created;
    r.instrumentMissing = instrument->missing;
    if (instrument->created)
        r.notes << QStringLiteral("Instrument \"%1\" was created in facility \"%2\".")
                       .arg(options.instrumentName, facility->name);
    else if (instrument->missing)
        r.notes << QStringLiteral(
                       "Instrument \"%1\" does not exist in facility \"%2\" yet; an upload run will create it.")
                       .arg(options.instrumentName, facility->name);
    return r;
}

} // namespace tardigrade
