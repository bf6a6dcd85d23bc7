#include "TimeText.h"

#include <QLocale>

namespace tardigrade {

QString localTimeText(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    // The C locale: the same words in a log whatever the PC's language, so
    // support reads every log the same way.
    return QLocale::c().toString(when.toLocalTime(), QStringLiteral("ddd yyyy-MM-dd HH:mm"));
}

} // namespace tardigrade
