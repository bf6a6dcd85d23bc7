#include "TardigradeGui.h"

#include <QApplication>
#include <QMessageBox>

namespace tardigrade::ui {

int runGui(int &argc, char **argv, const QString &configFile)
{
    QApplication app(argc, argv);
    QMessageBox::information(nullptr, QStringLiteral("Tardigrade"),
                             QStringLiteral("The tray application is not built yet. Settings: %1").arg(configFile));
    return 0;
}

} // namespace tardigrade::ui
