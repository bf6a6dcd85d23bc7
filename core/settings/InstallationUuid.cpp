#include "InstallationUuid.h"

#include <QUuid>

namespace tardigrade {

bool ensureInstallationUuid(Settings &settings)
{
    if (!settings.uuid().trimmed().isEmpty())
        return false;
    settings.setRawValue(SettingKey::Uuid, QUuid::createUuid().toString(QUuid::WithoutBraces));
    return true;
}

} // namespace tardigrade
