#include "TardigradeGui.h"

#include "app/GuiController.h"
#include "app/Icons.h"

#include <QApplication>

namespace tardigrade::ui {

int runGui(int &argc, char **argv, const QString &configFile)
{
    QApplication app(argc, argv);
    // The GUI's own state (window geometry) lives in QSettings under this
    // organisation, apart from MyData.cfg.
    QApplication::setOrganizationName(QStringLiteral("Tardigrade"));
    QApplication::setOrganizationDomain(QStringLiteral("tardigrade.invalid"));
    QApplication::setApplicationName(QStringLiteral("tardigrade"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tardigrade"));
    QApplication::setApplicationVersion(QStringLiteral(TARDIGRADE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tardigrade"));
    initResources();
    QApplication::setWindowIcon(appIcon());

    GuiController controller(configFile);
    controller.start();
    return app.exec();
}

} // namespace tardigrade::ui
