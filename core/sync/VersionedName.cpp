#include "VersionedName.h"

namespace tardigrade {

QString versionedName(const QString &name, int n)
{
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    const QString suffix = QStringLiteral(" (%1)").arg(n);
    if (dot <= 0) // no extension, or a dot file's name only
        return name + suffix;
    return name.left(dot) + suffix + name.mid(dot);
}

QString firstVersionedName(const QString &name, const std::function<VersionSlot(const QString &)> &slot)
{
    for (int n = 2; n < 10000; ++n) {
        const QString candidate = versionedName(name, n);
        if (slot(candidate) != VersionSlot::Taken)
            return candidate;
    }
    return {};
}

} // namespace tardigrade
