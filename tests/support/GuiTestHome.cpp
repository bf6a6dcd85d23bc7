#include "GuiTestHome.h"

#include <QCoreApplication>

namespace tardigrade::test {

bool GuiTestHome::setUp()
{
    if (!m_dir.isValid())
        return false;
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("TardigradeTest"));
    return true;
}

} // namespace tardigrade::test
