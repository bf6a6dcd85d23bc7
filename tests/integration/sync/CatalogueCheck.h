#pragma once

#include "DataTree.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace tardigrade::test {

// Compares the stand-in's catalogue dump with the files of a data tree in
// Username / Dataset layout: every file present exactly once, verified,
// with the local MD5. Returns an empty string when all is well, else what
// is wrong.
inline QString checkCatalogue(const QJsonObject &dump, const DataTree &tree)
{
    QMap<qint64, QString> datasetNames;
    for (const QJsonValue &v : dump.value(QStringLiteral("datasets")).toArray()) {
        const QJsonObject d = v.toObject();
        datasetNames.insert(d.value(QStringLiteral("id")).toInteger(), d.value(QStringLiteral("description")).toString());
    }
    QMap<QString, QJsonObject> byPath; // "<dataset>/<directory>/<filename>"
    QStringList problems;
    for (const QJsonValue &v : dump.value(QStringLiteral("datafiles")).toArray()) {
        const QJsonObject f = v.toObject();
        const QJsonValue ds = f.value(QStringLiteral("dataset"));
        const qint64 datasetId = ds.isString() ? ds.toString().section(QLatin1Char('/'), -2, -2).toLongLong()
                                               : ds.toInteger();
        QString key = datasetNames.value(datasetId);
        const QString dir = f.value(QStringLiteral("directory")).toString();
        if (!dir.isEmpty())
            key += QLatin1Char('/') + dir;
        key += QLatin1Char('/') + f.value(QStringLiteral("filename")).toString();
        if (byPath.contains(key))
            problems << QStringLiteral("twice in the catalogue: %1").arg(key);
        byPath.insert(key, f);
    }
    for (auto it = tree.files().cbegin(); it != tree.files().cend(); ++it) {
        // Username / Dataset: drop the user folder; files lie below a dataset folder.
        const QString key = it.key().section(QLatin1Char('/'), 1);
        if (!byPath.contains(key)) {
            problems << QStringLiteral("missing from the catalogue: %1").arg(key);
            continue;
        }
        const QJsonObject f = byPath.value(key);
        if (!f.value(QStringLiteral("verified")).toBool())
            problems << QStringLiteral("not verified: %1").arg(key);
        if (f.value(QStringLiteral("md5sum")).toString().toLatin1() != it.value())
            problems << QStringLiteral("wrong md5 for %1: %2 (local %3)")
                            .arg(key, f.value(QStringLiteral("md5sum")).toString(), QString::fromLatin1(it.value()));
    }
    if (byPath.size() != tree.files().size())
        problems << QStringLiteral("%1 datafiles in the catalogue, %2 local files").arg(byPath.size()).arg(tree.files().size());
    return problems.join(QLatin1Char('\n'));
}

} // namespace tardigrade::test
