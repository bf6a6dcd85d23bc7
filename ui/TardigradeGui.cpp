#include "TardigradeGui.h"

#include "app/GuiController.h"
#include "app/GuiLog.h"
#include "app/Icons.h"
#include "app/Translations.h"
#include "platform/SingleInstance.h"
#include "settings/ConfigPaths.h"
#include "windows/MainWindow.h"

#include <QApplication>

namespace tardigrade::ui {

int runGui(int &argc, char **argv, const QString &configFile, QtMsgType fileLevel)
{
    QApplication app(argc, argv);
    // The GUI's own state (window geometry) lives in QSettings under this
    // organisation, apart from MyData.cfg.
    QApplication::setOrganizationName(QStringLiteral("Tardigrade"));
    QApplication::setOrganizationDomain(QStringLiteral("tardigrade.invalid"));
    QApplication::setApplicationName(QStringLiteral("tardigrade"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tardigrade"));
    QApplication::setApplicationVersion(QStringLiteral(TARDIGRADE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.mytardis.Tardigrade")); // the .desktop file's name
    installTranslations(); // before any window: their strings are translated as they are made
    initResources();
    QApplication::setWindowIcon(appIcon());

    // One tray app per settings folder: a second start (a login entry of the
    // installer and one of the settings, or a double click) shows the first
    // one's window and leaves, instead of a second engine on the same journal.
    SingleInstance instance(ConfigPaths::stateDir(configFile));
    if (!instance.claim()) {
        instance.activatePrimary(QApplication::arguments());
        return 0;
    }
    GuiLog::install(configFile, fileLevel); // tardigrade.log, as the CLI writes it
    GuiController controller(configFile);
    QObject::connect(&instance, &SingleInstance::activationRequested, &controller,
                     [&controller] { controller.mainWindow()->present(); });
    controller.start();
    return app.exec();
}

} // namespace tardigrade::ui
