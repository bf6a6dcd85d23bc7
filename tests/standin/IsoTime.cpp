#include "IsoTime.h"

#include <QDateTime>

namespace tardigrade::standin {

QString isoNow()
{
    const QDateTime now = QDateTime::currentDateTime();
    return now.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000");
}

QString isoUtcMillis(const QString &naiveLocal)
{
    QDateTime t = QDateTime::fromString(naiveLocal.left(23), QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
    if (!t.isValid())
        t = QDateTime::fromString(naiveLocal.left(19), Qt::ISODate);
    if (!t.isValid())
        return {};
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
}

} // namespace tardigrade::standin
