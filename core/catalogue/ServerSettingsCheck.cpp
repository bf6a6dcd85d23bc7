#include "ServerSettingsCheck.h"

#include "Catalogue.h"
#include "FindOrCreate.h"

#include <QStringList>

namespace tardigrade {

ServerCheckResult ServerSettingsCheck::run(const ServerCheckOptions &options)
{
    ServerCheckResult r;
    // A failure sentence, unless the run was cancelled (then nothing more is checked).
    auto fail = [&r](const Error &e) {
        if (e.kind == ErrorKind::Cancelled) {
            r.cancelled = true;
        } else {
            r.failures << e.message;
            if (e.kind != ErrorKind::User)
                r.kind = e.kind;
        }
        return r.cancelled;
    };

    if (Status s = m_reader.checkServer(); !s) {
        r.serverUnreachable = !fail(s.error());
        return r;
    }
    auto account = m_reader.checkCredentials();
    if (!account) {
        fail(account.error());
        return r;
    }
    r.account = *account;

    // The mydata app: any uuid will do to learn whether the resource exists.
    const QString uuid = options.uuid.isEmpty() ? QStringLiteral("00000000-0000-0000-0000-000000000000") : options.uuid;
    auto uploader = m_reader.findUploader(uuid);
    if (uploader) {
        r.mydataApp = true;
        if (uploader->has_value())
            r.uploader = **uploader;
    } else if (uploader.error().httpStatus == 403) {
        r.mydataApp = true; // there, but only facility managers may use it
        r.failures << QStringLiteral(
                          "User \"%1\" may not use the uploader records (HTTP 403): only facility managers may; ask a "
                          "MyTardis administrator to add the account to the facility's manager group.")
                          .arg(m_reader.config().username);
    } else if (fail(uploader.error())) {
        return r;
    }

    if (options.facilityName.trimmed().isEmpty()) {
        r.failures << QStringLiteral(
            "facility_name is empty; set it to the MyTardis facility the instrument belongs to.");
        return r;
    }
    auto facility = facilityByName(m_reader, options.facilityName);
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
    bool asked = false;
    auto instrument = findOrCreateInstrument(*facility, options.instrumentName, options.lockFile, &asked);
    if (!instrument) {
        fail(instrument.error());
        return r;
    }
    r.instrument = *instrument;
    r.instrumentCreated = asked && instrument->id != 0;
    r.instrumentMissing = asked && instrument->id == 0;
    if (r.instrumentCreated)
        r.notes << QStringLiteral("Instrument \"%1\" was created in facility \"%2\".")
                       .arg(options.instrumentName, facility->name);
    else if (r.instrumentMissing)
        r.notes << QStringLiteral(
                       "Instrument \"%1\" does not exist in facility \"%2\" yet; an upload run will create it.")
                       .arg(options.instrumentName, facility->name);
    return r;
}

Result<Instrument> ServerSettingsCheck::findOrCreateInstrument(const Facility &facility, const QString &name,
                                                                const QString &lockFile, bool *asked)
{
    // Two installations starting at once must not make it twice.
    auto r = findOrCreate<Instrument>(
        lockFile, m_reader.config().cancel, m_clock, [&] { return m_reader.findInstrument(facility.id, name); },
        [&] { return m_writer.createInstrument(facility, name); });
    if (!r)
        return r.error();
    *asked = r->made;
    Instrument instrument = r->value;
    instrument.name = name;
    instrument.facilityId = facility.id;
    instrument.facilityName = facility.name;
    return instrument;
}

Result<Facility> ServerSettingsCheck::facilityByName(CatalogueReader &reader, const QString &name)
{
    auto list = reader.facilities();
    if (!list)
        return list.error();
    QStringList names;
    for (const Facility &f : *list) {
        if (f.name == name)
            return f;
        names << QLatin1Char('"') + f.name + QLatin1Char('"');
    }
    const ClientConfig &c = reader.config();
    if (names.isEmpty())
        return Error::user(QStringLiteral("Facility \"%1\" was not found: user \"%2\" manages no facility on %3; ask a "
                                          "MyTardis administrator to add the account to the facility's manager group.")
                               .arg(name, c.username, c.url));
    return Error::user(QStringLiteral("Facility \"%1\" was not found among the facilities user \"%2\" manages (%3); "
                                      "set facility_name to one of them.")
                           .arg(name, c.username, names.join(QStringLiteral(", "))));
}

} // namespace tardigrade
