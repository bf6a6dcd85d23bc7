#include "RecordingCatalogueWriter.h"

namespace tardigrade {

namespace {
QString quoted(const QString &s) { return QLatin1Char('"') + s + QLatin1Char('"'); }
} // namespace

Result<Instrument> RecordingCatalogueWriter::createInstrument(const Facility &facility, const QString &name)
{
    m_recorded << QStringLiteral("instrument %1 in facility %2").arg(quoted(name), quoted(facility.name));
    Instrument i;
    i.name = name;
    i.facilityId = facility.id;
    i.facilityName = facility.name;
    return i;
}

Result<Instrument> RecordingCatalogueWriter::renameInstrument(qint64 instrumentId, const QString &name)
{
    // The instrument exists: its id is real, only the new name is not sent.
    m_recorded << QStringLiteral("rename of instrument %1 to %2").arg(instrumentId).arg(quoted(name));
    Instrument i;
    i.id = instrumentId;
    i.name = name;
    return i;
}

Result<UploaderRecord> RecordingCatalogueWriter::createUploader(const UploaderFields &fields)
{
    m_recorded << QStringLiteral("uploader record %1").arg(fields.uuid);
    UploaderRecord u;
    u.name = fields.name;
    return u;
}

Result<UploaderRecord> RecordingCatalogueWriter::updateUploader(qint64 uploaderId, const UploaderFields &fields)
{
    // The record exists: its id is real, only the update is not sent.
    m_recorded << QStringLiteral("update of uploader record %1").arg(fields.uuid);
    UploaderRecord u;
    u.id = uploaderId;
    u.name = fields.name;
    u.resourceUri = api::object(UploaderRecord::kResource, uploaderId);
    return u;
}

Result<UploaderRecord> RecordingCatalogueWriter::updateUploaderSettings(qint64 uploaderId, const QString &uuid,
                                                                        const QVector<UploaderSetting> &settings)
{
    m_recorded << QStringLiteral("%1 settings sent to uploader record %2").arg(settings.size()).arg(uuid);
    UploaderRecord u;
    u.id = uploaderId;
    u.resourceUri = api::object(UploaderRecord::kResource, uploaderId);
    return u;
}

Result<RegistrationRequest> RecordingCatalogueWriter::createRegistrationRequest(const NewRegistrationRequest &request)
{
    m_recorded << QStringLiteral("staging access request for key %1").arg(request.fingerprint);
    RegistrationRequest r;
    r.name = request.name;
    r.requesterKeyFingerprint = request.fingerprint;
    return r;
}

Result<Experiment> RecordingCatalogueWriter::createExperiment(const NewExperiment &experiment)
{
    m_recorded << QStringLiteral("experiment %1").arg(quoted(experiment.key.title));
    Experiment e;
    e.title = experiment.key.title;
    e.description = experiment.description;
    return e;
}

Status RecordingCatalogueWriter::addObjectAcl(const ObjectAcl &acl)
{
    m_recorded << QStringLiteral("access for %1 %2").arg(acl.isGroup ? QStringLiteral("group") : QStringLiteral("user"))
                      .arg(acl.entityId);
    return {};
}

Result<Dataset> RecordingCatalogueWriter::createDataset(const NewDataset &dataset)
{
    m_recorded << QStringLiteral("dataset %1").arg(quoted(dataset.description));
    Dataset d;
    d.description = dataset.description;
    return d;
}

} // namespace tardigrade
