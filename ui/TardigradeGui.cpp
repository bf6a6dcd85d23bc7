#include "TardigradeGui.h"

#include "app/GuiController.h"
#include "app/GuiLog.h"
#include "app/Icons.h"
#include "app/Translations.h"
#include "platform/SingleInstance.h"
#include "settings/ConfigPaths.h"
#include "windows/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <cstdio>

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

    // One tray app per user, as MyData was: a second start (a login entry of
    // the installer and one of the settings, or a double click) shows the
    // first one's window and leaves, instead of a second tray icon and
    // scheduler. A second start for other settings says so and fails.
    const QString settingsFile = QFileInfo(configFile).absoluteFilePath();
    SingleInstance instance(ConfigPaths::stateDir(ConfigPaths::defaultConfigFile()));
    if (!instance.claim(settingsFile)) {
        const QString running = instance.primaryIdentity();
        const bool answered = instance.activatePrimary(QApplication::arguments(), settingsFile);
        if (!running.isEmpty() && !ConfigPaths::sameSettingsFile(running, settingsFile)) {
            std::fprintf(stderr,
                         "tardigrade: Tardigrade is already running with the settings in %s: quit it from its tray "
                         "menu to start it with %s (or run 'tardigrade run --config %s' without the tray).\n",
                         qPrintable(QDir::toNativeSeparators(running)),
                         qPrintable(QDir::toNativeSeparators(settingsFile)),
                         qPrintable(QDir::toNativeSeparators(settingsFile)));
            return 1;
        }
        if (!answered) {
            std::fprintf(stderr,
                         "tardigrade: another Tardigrade holds %s but does not answer: if none is running, delete "
                         "that file and start again.\n",
                         qPrintable(QDir::toNativeSeparators(instance.lockFilePath())));
            return 1;
        }
        return 0;
    }
    GuiLog::install(configFile, fileLevel); // tardigrade.log, as the CLI writes it
    GuiController controller(configFile);
    QObject::connect(&instance, &SingleInstance::activationRequested, &controller,
                     [&controller](const QStringList &, const QString &asked) { controller.anotherStartAsked(asked); });
    controller.start();
    return app.exec();
}

} // namespace tardigrade::ui
