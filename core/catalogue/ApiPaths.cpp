#include "ApiPaths.h"

namespace tardigrade::api {

QString resourceName(Resource resource)
{
    switch (resource) {
    case Resource::User:
        return QStringLiteral("user");
    case Resource::MigratedUser:
        return QStringLiteral("mydata_user");
    case Resource::Group:
        return QStringLiteral("group");
    case Resource::Facility:
        return QStringLiteral("facility");
    case Resource::Instrument:
        return QStringLiteral("instrument");
    case Resource::Uploader:
        return QStringLiteral("mydata_uploader");
    case Resource::RegistrationRequest:
        return QStringLiteral("mydata_uploaderregistrationrequest");
    case Resource::Experiment:
        return QStringLiteral("experiment");
    case Resource::MydataExperiment:
        return QStringLiteral("mydata_experiment");
    case Resource::ObjectAcl:
        return QStringLiteral("objectacl");
    case Resource::Dataset:
        return QStringLiteral("dataset");
    case Resource::DatasetFile:
        return QStringLiteral("dataset_file");
    case Resource::MydataDatasetFile:
        return QStringLiteral("mydata_dataset_file");
    case Resource::Replica:
        return QStringLiteral("mydata_replica");
    case Resource::DatasetStats:
        return QStringLiteral("mydata_dataset_stats");
    case Resource::ChunkedUpload:
        return QStringLiteral("mydata_upload");
    }
    return {};
}

QString root() { return QStringLiteral("/api/v1/"); }

QString list(Resource resource) { return root() + resourceName(resource) + QLatin1Char('/'); }

QString object(Resource resource, qint64 id) { return list(resource) + QString::number(id) + QLatin1Char('/'); }

QString action(Resource resource, qint64 id, const char *action)
{
    return object(resource, id) + QLatin1String(action) + QLatin1Char('/');
}

} // namespace tardigrade::api
