#include "AboutBox.h"

#include "app/Icons.h"

#include <QMessageBox>
#include <QObject>
#include <QSysInfo>

namespace tardigrade::ui {

void showAboutBox(QWidget *parent)
{
    QMessageBox box(parent);
    box.setWindowTitle(QObject::tr("About Tardigrade"));
    box.setIconPixmap(appIcon().pixmap(64, 64));
    box.setText(QObject::tr("<h3>Tardigrade %1</h3>").arg(QStringLiteral(TARDIGRADE_VERSION)));
    box.setInformativeText(
        QObject::tr("<p>Uploads an instrument's data folders to MyTardis, resumes where it stopped and counts a "
                    "file as done only when the server has verified it.</p>"
                    "<p>Qt %1 on %2.</p>")
            .arg(QString::fromLatin1(qVersion()), QSysInfo::prettyProductName()));
    box.setStandardButtons(QMessageBox::Close);
    box.exec();
}

} // namespace tardigrade::ui
