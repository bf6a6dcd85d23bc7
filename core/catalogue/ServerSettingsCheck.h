#pragma once

#include "Records.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace tardigrade {

class CatalogueReader;
class CatalogueWriter;

struct ServerCheckOptions {
    QString facilityName;   // facility_name
    QString instrumentName; // instrument_name
    QString uuid;           // the installation's uuid (mydata app check); empty: a placeholder
    QString lockFile;       // the installation's catalogue lock: creating the instrument
                            // is find-then-create under it (empty: threads only)
};

struct ServerCheckResult {
    QStringList failures; // one sentence each: what is wrong and what to do
    QStringList notes;    // facts worth telling ("Instrument X was created in facility Y.")
    bool cancelled = false;
    // User while every failure is the settings'; the kind of the server's own
    // failure (broken answers, a listing that loops) when it failed, so that
    // commands exit with "server error", not "fix your settings".
    ErrorKind kind = ErrorKind::User;
    bool serverUnreachable = false; // the first check failed: no MyTardis answered at the URL
    std::optional<User> account;
    std::optional<Facility> facility;
    std::optional<Instrument> instrument; // also set (id 0) when it would be created
    bool instrumentCreated = false;
    bool instrumentMissing = false;         // it does not exist, and the writer only recorded its creation
    bool mydataApp = false;                 // the server has the mydata app
    std::optional<UploaderRecord> uploader; // this installation's record, when it exists

    bool ok() const { return failures.isEmpty() && !cancelled; }
};

// Validates the settings against the server, in the order of a normal run
// (sections 1-5): URL reachable and not redirecting, credentials accepted,
// facility managed by the account (else the managed ones are listed),
// instrument present (else created by the writer: a recording writer makes
// it "would be created"), mydata app installed. Every failure found is
// returned as a sentence; later checks that depend on an earlier one are
// left out when it fails.
class ServerSettingsCheck {
public:
    ServerSettingsCheck(CatalogueReader &reader, CatalogueWriter &writer, const Clock &clock = Clock::system())
        : m_reader(reader), m_writer(writer), m_clock(clock)
    {
    }

    ServerCheckResult run(const ServerCheckOptions &options);

    // The facility of that name among those the account manages; else a
    // sentence naming the ones it does manage.
    static Result<Facility> facilityByName(CatalogueReader &reader, const QString &name);

private:
    // `asked` is set when it was not there and the writer was asked to create it.
    Result<Instrument> findOrCreateInstrument(const Facility &facility, const QString &name, const QString &lockFile,
                                              bool *asked);

    CatalogueReader &m_reader;
    CatalogueWriter &m_writer;
    const Clock &m_clock;
};

} // namespace tardigrade
