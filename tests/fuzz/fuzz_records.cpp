// Fuzzes the decoding of the catalogue's JSON answers (core/catalogue
// Records, the list pages CatalogueTransport reads): every input is taken as
// each record type, as a list page whose objects are each record type, and
// as the answers read field by field (chunk status, replica size). A server
// that sends the wrong shape, wrong types or absurd numbers must give a
// record with defaults or an error, never a crash or undefined behaviour.
// Seeds: the response bodies of tests/data/mytardis-transcripts.jsonl.
#include "FuzzCheck.h"
#include "catalogue/CatalogueTransport.h"
#include "catalogue/CatalogueTypes.h"
#include "catalogue/Records.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <cstdlib>

using namespace tardigrade;
using tardigrade::fuzz::check;

namespace {

void asEveryRecord(const QJsonObject &o)
{
    Group::fromJson(o);
    const User u = User::fromJson(o);
    u.fullName();
    Facility::fromJson(o);
    Instrument::fromJson(o);
    const Experiment e = Experiment::fromJson(o);
    e.uri();
    const Dataset d = Dataset::fromJson(o);
    d.uri();
    Replica::fromJson(o);
    const DataFile f = DataFile::fromJson(o);
    f.isVerified();
    f.relativePath();
    UploaderRecord::fromJson(o);
    const RegistrationRequest rr = RegistrationRequest::fromJson(o);
    check(rr.scpPort > 0 && rr.scpPort < 65536, "a staging port outside 1-65535 was taken");
    ListMeta::fromJson(o);
    MigratedUser::fromJson(o);
    // Answers read field by field (chunk status, replica size).
    json::toInt64(o.value(QLatin1String("offset")));
    json::toInt64(o.value(QLatin1String("size")), 0);
    check(json::idOf(o) >= 0 || o.value(QLatin1String("id")).isDouble() || o.value(QLatin1String("id")).isString(),
          "an id from a resource URI came out negative");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ApiResponse response;
    response.status = 200;
    response.body = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonDocument doc = response.json();

    // One record (a GET of one object, the answer to a create).
    asEveryRecord(doc.object());
    const QJsonArray top = doc.array();
    for (const QJsonValue &v : top)
        asEveryRecord(v.toObject());

    // A list page.
    const Result<QJsonArray> objects =
        CatalogueTransport::listObjects(response, QStringLiteral("listing /api/v1/fuzz/"));
    if (!objects) {
        check(!objects.error().message.isEmpty(), "a refused list page gave no sentence");
        return 0;
    }
    for (const QJsonValue &v : *objects)
        asEveryRecord(v.toObject());
    const ListMeta meta = ListMeta::fromJson(doc.object().value(QLatin1String("meta")).toObject());
    json::idFromUri(meta.next);
    return 0;
}
