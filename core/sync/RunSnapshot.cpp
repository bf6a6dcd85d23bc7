#include "RunSnapshot.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <climits>

namespace tardigrade {

namespace {

constexpr int kFormat = 1;

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringsOf(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

// "info", "warning", "error": words, so the file reads and survives a
// reordering of the enum.
QString severityName(LogSeverity s)
{
    switch (s) {
    case LogSeverity::Warning:
        return QStringLiteral("warning");
    case LogSeverity::Error:
        return QStringLiteral("error");
    case LogSeverity::Info:
        break;
    }
    return QStringLiteral("info");
}

LogSeverity severityFromName(const QString &name)
{
    if (name == QLatin1String("warning"))
        return LogSeverity::Warning;
    if (name == QLatin1String("error"))
        return LogSeverity::Error;
    return LogSeverity::Info;
}

QJsonObject lineToJson(const LoggedLine &l)
{
    return {{QStringLiteral("text"), l.text}, {QStringLiteral("severity"), severityName(l.severity)}};
}

LoggedLine lineFromJson(const QJsonObject &o)
{
    return {o.value(QStringLiteral("text")).toString(), severityFromName(o.value(QStringLiteral("severity")).toString())};
}

QJsonObject summaryToJson(const SyncSummary &s)
{
    QJsonArray failed;
    for (const FailedFile &f : s.failed)
        failed.append(QJsonObject{{QStringLiteral("path"), f.path}, {QStringLiteral("reason"), f.reason}});
    // The conflicts, so a restart still says what needs a person (the
    // status bar's sentence is made from them). As many as the file rows.
    QJsonArray conflicts;
    for (const ConflictFile &c : s.conflicts) {
        if (conflicts.size() >= RunSnapshot::MaxFiles)
            break;
        conflicts.append(QJsonObject{{QStringLiteral("path"), c.path},
                                     {QStringLiteral("localMd5"), c.localMd5},
                                     {QStringLiteral("serverMd5"), c.serverMd5},
                                     {QStringLiteral("uploadedAs"), c.uploadedAs}});
    }
    return {{QStringLiteral("testRun"), s.testRun},
            {QStringLiteral("datasets"), s.datasets},
            {QStringLiteral("found"), s.found},
            {QStringLiteral("alreadyVerified"), s.alreadyVerified},
            {QStringLiteral("uploaded"), s.uploaded},
            {QStringLiteral("verified"), s.verified},
            {QStringLiteral("wouldUpload"), s.wouldUpload},
            {QStringLiteral("bytesUploaded"), double(s.bytesUploaded)},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("conflicts"), conflicts},
            {QStringLiteral("messages"), strings(s.messages)},
            {QStringLiteral("fatalError"), s.fatalError},
            {QStringLiteral("staging"), int(s.staging.state)},
            {QStringLiteral("fingerprint"), s.staging.fingerprint},
            {QStringLiteral("started"), s.started.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("finished"), s.finished.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("cancelled"), s.cancelled}};
}

SyncSummary summaryFromJson(const QJsonObject &o)
{
    SyncSummary s;
    s.testRun = o.value(QStringLiteral("testRun")).toBool();
    s.datasets = o.value(QStringLiteral("datasets")).toInt();
    s.found = o.value(QStringLiteral("found")).toInt();
    s.alreadyVerified = o.value(QStringLiteral("alreadyVerified")).toInt();
    s.uploaded = o.value(QStringLiteral("uploaded")).toInt();
    s.verified = o.value(QStringLiteral("verified")).toInt();
    s.wouldUpload = o.value(QStringLiteral("wouldUpload")).toInt();
    s.bytesUploaded = qint64(o.value(QStringLiteral("bytesUploaded")).toDouble());
    for (const QJsonValue &f : o.value(QStringLiteral("failed")).toArray())
        s.failed.append({f[QStringLiteral("path")].toString(), f[QStringLiteral("reason")].toString()});
    // Missing in a file written before conflicts were kept: none.
    for (const QJsonValue &c : o.value(QStringLiteral("conflicts")).toArray())
        s.conflicts.append({c[QStringLiteral("path")].toString(), c[QStringLiteral("localMd5")].toString(),
                            c[QStringLiteral("serverMd5")].toString(), c[QStringLiteral("uploadedAs")].toString()});
    s.messages = stringsOf(o.value(QStringLiteral("messages")));
    s.fatalError = o.value(QStringLiteral("fatalError")).toString();
    const int staging = o.value(QStringLiteral("staging")).toInt();
    if (staging >= int(StagingState::Unknown) && staging <= int(StagingState::NotUsed))
        s.staging.state = StagingState(staging);
    s.staging.fingerprint = o.value(QStringLiteral("fingerprint")).toString();
    s.started = QDateTime::fromString(o.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
    s.finished = QDateTime::fromString(o.value(QStringLiteral("finished")).toString(), Qt::ISODateWithMs);
    s.cancelled = o.value(QStringLiteral("cancelled")).toBool();
    return s;
}

// Words, as for the severities.
QString originName(DatasetOrigin o)
{
    switch (o) {
    case DatasetOrigin::Existing:
        return QStringLiteral("existing");
    case DatasetOrigin::Created:
        return QStringLiteral("created");
    case DatasetOrigin::WouldCreate:
        return QStringLiteral("would create");
    case DatasetOrigin::Unknown:
        break;
    }
    return {};
}

DatasetOrigin originFromName(const QString &name)
{
    for (DatasetOrigin o : {DatasetOrigin::Existing, DatasetOrigin::Created, DatasetOrigin::WouldCreate})
        if (name == originName(o))
            return o;
    return DatasetOrigin::Unknown;
}

QJsonObject datasetToJson(const DatasetEvent &e)
{
    return {{QStringLiteral("path"), e.path},         {QStringLiteral("owner"), e.owner},
            {QStringLiteral("experiment"), e.experiment}, {QStringLiteral("dataset"), e.dataset},
            {QStringLiteral("files"), e.files},       {QStringLiteral("verified"), e.verified},
            {QStringLiteral("bytes"), double(e.bytes)}, {QStringLiteral("status"), e.status},
            {QStringLiteral("datasetId"), double(e.datasetId)}, {QStringLiteral("origin"), originName(e.origin)}};
}

DatasetEvent datasetFromJson(const QJsonObject &o)
{
    DatasetEvent e;
    e.path = o.value(QStringLiteral("path")).toString();
    e.owner = o.value(QStringLiteral("owner")).toString();
    e.experiment = o.value(QStringLiteral("experiment")).toString();
    e.dataset = o.value(QStringLiteral("dataset")).toString();
    e.files = o.value(QStringLiteral("files")).toInt();
    e.verified = o.value(QStringLiteral("verified")).toInt();
    e.bytes = qint64(o.value(QStringLiteral("bytes")).toDouble());
    e.status = o.value(QStringLiteral("status")).toString();
    e.datasetId = qint64(o.value(QStringLiteral("datasetId")).toDouble());
    e.origin = originFromName(o.value(QStringLiteral("origin")).toString());
    return e;
}

QJsonObject ownerToJson(const OwnerEvent &e)
{
    return {{QStringLiteral("folder"), e.folder},     {QStringLiteral("kind"), e.kind},
            {QStringLiteral("resolved"), e.resolved}, {QStringLiteral("fullName"), e.fullName},
            {QStringLiteral("status"), e.status},     {QStringLiteral("email"), e.email}};
}

OwnerEvent ownerFromJson(const QJsonObject &o)
{
    OwnerEvent e;
    e.folder = o.value(QStringLiteral("folder")).toString();
    e.kind = o.value(QStringLiteral("kind")).toString();
    e.resolved = o.value(QStringLiteral("resolved")).toString();
    e.fullName = o.value(QStringLiteral("fullName")).toString();
    e.status = o.value(QStringLiteral("status")).toString();
    e.email = o.value(QStringLiteral("email")).toString();
    return e;
}

QJsonObject lookupToJson(const LookupEvent &e)
{
    QJsonObject o{{QStringLiteral("path"), e.path},
                  {QStringLiteral("dataset"), e.dataset},
                  {QStringLiteral("size"), double(e.size)},
                  {QStringLiteral("result"), lookupResultName(e.result)}};
    if (!e.detail.isEmpty()) // most have none: 20,000 rows stay small
        o.insert(QStringLiteral("detail"), e.detail);
    return o;
}

LookupEvent lookupFromJson(const QJsonObject &o)
{
    LookupEvent e;
    e.path = o.value(QStringLiteral("path")).toString();
    e.dataset = o.value(QStringLiteral("dataset")).toString();
    e.size = qint64(o.value(QStringLiteral("size")).toDouble());
    e.result = lookupResultFromName(o.value(QStringLiteral("result")).toString());
    e.detail = o.value(QStringLiteral("detail")).toString();
    return e;
}

QJsonObject fileToJson(const FileEvent &e)
{
    return {{QStringLiteral("path"), e.path},
            {QStringLiteral("dataset"), e.dataset},
            {QStringLiteral("state"), fileStateName(e.state)},
            {QStringLiteral("size"), double(e.size)},
            {QStringLiteral("done"), double(e.done)},
            {QStringLiteral("message"), e.message}};
}

FileEvent fileFromJson(const QJsonObject &o)
{
    FileEvent e;
    e.path = o.value(QStringLiteral("path")).toString();
    e.dataset = o.value(QStringLiteral("dataset")).toString();
    e.state = fileStateFromName(o.value(QStringLiteral("state")).toString());
    e.size = qint64(o.value(QStringLiteral("size")).toDouble());
    e.done = qint64(o.value(QStringLiteral("done")).toDouble());
    e.message = o.value(QStringLiteral("message")).toString();
    return e;
}

template <typename T, typename F> QJsonArray arrayOf(const QVector<T> &items, F toJson, int max)
{
    QJsonArray out;
    for (int i = 0; i < items.size() && i < max; ++i)
        out.append(toJson(items.at(i)));
    return out;
}

template <typename T, typename F> QVector<T> vectorOf(const QJsonValue &array, F fromJson)
{
    QVector<T> out;
    for (const QJsonValue &v : array.toArray())
        out.append(fromJson(v.toObject()));
    return out;
}

} // namespace

namespace RunSnapshotFile {

QByteArray toJson(const RunSnapshot &s)
{
    const QVector<LoggedLine> log = s.log.mid(qMax(0, int(s.log.size()) - RunSnapshot::MaxLogLines));
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("summary"), summaryToJson(s.summary)},
                           {QStringLiteral("datasets"), arrayOf(s.datasets, datasetToJson, INT_MAX)},
                           {QStringLiteral("owners"), arrayOf(s.owners, ownerToJson, INT_MAX)},
                           {QStringLiteral("files"), arrayOf(s.files, fileToJson, RunSnapshot::MaxFiles)},
                           {QStringLiteral("lookups"), arrayOf(s.lookups, lookupToJson, RunSnapshot::MaxFiles)},
                           {QStringLiteral("log"), arrayOf(log, lineToJson, INT_MAX)}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<RunSnapshot> fromJson(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toInt() != kFormat || !root.value(QStringLiteral("summary")).isObject())
        return std::nullopt;
    RunSnapshot s;
    s.summary = summaryFromJson(root.value(QStringLiteral("summary")).toObject());
    s.datasets = vectorOf<DatasetEvent>(root.value(QStringLiteral("datasets")), datasetFromJson);
    s.owners = vectorOf<OwnerEvent>(root.value(QStringLiteral("owners")), ownerFromJson);
    s.files = vectorOf<FileEvent>(root.value(QStringLiteral("files")), fileFromJson);
    s.lookups = vectorOf<LookupEvent>(root.value(QStringLiteral("lookups")), lookupFromJson); // none before issue 13
    s.log = vectorOf<LoggedLine>(root.value(QStringLiteral("log")), lineFromJson);
    return s;
}

bool write(const QString &path, const RunSnapshot &snapshot)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(toJson(snapshot));
    return file.commit();
}

std::optional<RunSnapshot> read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return fromJson(file.readAll());
}

} // namespace RunSnapshotFile

} // namespace tardigrade
