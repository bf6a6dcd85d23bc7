#pragma once

#include <QString>

namespace tardigrade::api {

// Every resource of the MyTardis API the client speaks to (mytardis-api.md);
// the only place their names are spelled.
enum class Resource {
    User,                // user
    MigratedUser,        // mydata_user: accounts renamed on migration
    Group,               // group
    Facility,            // facility
    Instrument,          // instrument
    Uploader,            // mydata_uploader
    RegistrationRequest, // mydata_uploaderregistrationrequest
    Experiment,          // experiment: what other resources refer to
    MydataExperiment,    // mydata_experiment: look-up by folder, creation with the parameter set
    ObjectAcl,           // objectacl
    Dataset,             // dataset
    DatasetFile,         // dataset_file: its verify action
    MydataDatasetFile,   // mydata_dataset_file: listing, registration, POST upload
    Replica,             // mydata_replica: bytes that reached staging
    DatasetStats,        // mydata_dataset_stats
    ChunkedUpload,       // mydata_upload: the chunk API (11c)
};

QString resourceName(Resource resource);

// "/api/v1/": the API's root, answered without credentials.
QString root();
// "/api/v1/<resource>/": where a resource is listed and created.
QString list(Resource resource);
// "/api/v1/<resource>/<id>/": one object, and the URI other objects refer to it by.
QString object(Resource resource, qint64 id);
// "/api/v1/<resource>/<id>/<action>/": an action on one object (verify, upload, complete).
QString action(Resource resource, qint64 id, const char *action);

} // namespace tardigrade::api
