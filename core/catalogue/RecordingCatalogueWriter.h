#pragma once

#include "Catalogue.h"

#include <QStringList>

namespace tardigrade {

// The Test Run's catalogue writer: creates nothing and records what it was
// asked to create. Every answer is a record without an id, which the stages
// report as "would create"; nothing it is given reaches the server.
class RecordingCatalogueWriter : public CatalogueWriter {
public:
    // One line per create asked for, in order ("experiment \"Demo - Alice\"").
    const QStringList &recorded() const { return m_recorded; }

    Result<Instrument> createInstrument(const Facility &facility, const QString &name) override;
    Result<Instrument> renameInstrument(qint64 instrumentId, const QString &name) override;
    Result<UploaderRecord> createUploader(const UploaderFields &fields) override;
    Result<UploaderRecord> updateUploader(qint64 uploaderId, const UploaderFields &fields) override;
    Result<UploaderRecord> updateUploaderSettings(qint64 uploaderId, const QString &uuid,
                                                  const QVector<UploaderSetting> &settings) override;
    Result<RegistrationRequest> createRegistrationRequest(const NewRegistrationRequest &request) override;
    Result<Experiment> createExperiment(const NewExperiment &experiment) override;
    Status addObjectAcl(const ObjectAcl &acl) override;
    Result<Dataset> createDataset(const NewDataset &dataset) override;

private:
    QStringList m_recorded;
};

} // namespace tardigrade
