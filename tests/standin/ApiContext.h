#pragma once

#include "ApiExchange.h"
#include "JsonShapes.h"

#include <QJsonObject>
#include <QString>
#include <QVariantList>
#include <functional>

namespace tardigrade::standin {

class CatalogueDb;
class Verifier;
struct StandinOptions;

// What every resource needs: the catalogue, the JSON shapes, the verifier,
// the options, and the common rules (visibility, listing, body parsing).
class ApiContext {
public:
    ApiContext(CatalogueDb &db, Verifier &verifier, const StandinOptions &options)
        : m_db(db), m_shapes(db), m_verifier(verifier), m_options(options)
    {
    }

    CatalogueDb &db() { return m_db; }
    JsonShapes &shapes() { return m_shapes; }
    Verifier &verifier() { return m_verifier; }
    const StandinOptions &options() const { return m_options; }

    // Whether the user is in the manager group of any facility.
    bool isFacilityManager(qint64 userId);
    // SQL selecting the ids of experiments the user may see (ObjectACLs to
    // the user or one of their groups); binds: userId, userId.
    static QString visibleExperimentsSql();
    bool canSeeExperiment(qint64 userId, qint64 experimentId);
    bool canSeeDataset(qint64 userId, qint64 datasetId);

    // A tastypie list of the rows `idSql` selects (one column named id),
    // paged per the request, each object made by `shape`.
    ApiResponse list(const ApiRequest &request, const QString &idSql, const QVariantList &binds,
                     const std::function<QJsonObject(qint64)> &shape);

    // The id at the end of a resource URI such as /api/v1/dataset/3/ (0 if none).
    static qint64 idFromUri(const QString &uri);
    // The JSON object of the request body, or false (answer 400).
    static bool jsonBody(const ApiRequest &request, QJsonObject *out);
    static ApiResponse badRequest(const QString &message);
    static ApiResponse notFound();

private:
    CatalogueDb &m_db;
    JsonShapes m_shapes;
    Verifier &m_verifier;
    const StandinOptions &m_options;
};

} // namespace tardigrade::standin
