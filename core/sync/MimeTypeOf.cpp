#include "MimeTypeOf.h"

#include <QHash>
#include <QMimeDatabase>

namespace tardigrade {

namespace {

// Names with a dot are decided by what follows the first dot ("x.tar.gz"
// by "tar.gz"); names without one (Makefile, README) by the whole name.
QString cacheKeyOf(const QString &fileName)
{
    const int dot = fileName.indexOf(QLatin1Char('.'), 1);
    return dot < 0 ? QLatin1Char('/') + fileName : fileName.mid(dot + 1).toLower();
}

} // namespace

QString mimeTypeOf(const QString &fileName)
{
    thread_local QHash<QString, QString> known;
    const QString key = cacheKeyOf(fileName);
    auto it = known.constFind(key);
    if (it != known.constEnd())
        return *it;
    static const QMimeDatabase db;
    const QMimeType t = db.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    const QString name = t.isValid() && !t.isDefault() ? t.name() : QStringLiteral("application/octet-stream");
    if (known.size() < 4096) // a folder of unique suffixes must not grow it without bound
        known.insert(key, name);
    return name;
}

} // namespace tardigrade
