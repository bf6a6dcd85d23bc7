#include "LastRunRecord.h"

#include <QFile>
#include <QSaveFile>

namespace tardigrade::LastRunRecord {

std::optional<QDateTime> read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(f.readAll().trimmed()), Qt::ISODateWithMs);
    if (!when.isValid())
        return std::nullopt; // a damaged record counts as none: the next run writes a good one
    return when;
}

bool write(const QString &path, const QDateTime &when)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(when.toUTC().toString(Qt::ISODateWithMs).toLatin1() + '\n');
    return f.commit();
}

} // namespace tardigrade::LastRunRecord
