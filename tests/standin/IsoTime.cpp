#include "IsoTime.h"

#include <QDateTime>
#include <cstdio>
#include <ctime>

namespace tardigrade::standin {

QString isoNow()
{
    // Formatted by hand from the C library's local time: QDateTime's local
    // time zone and format string were a twentieth of the stand-in's CPU
    // (every registration and verification stamps a time).
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[96]; // room for any int the compiler can imagine in each field
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d000", local.tm_year + 1900, local.tm_mon + 1,
                  local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec, static_cast<int>(ms % 1000));
    return QString::fromLatin1(text);
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
