#include "AboutBox.h"

#include "app/Icons.h"
#include "platform/BuildInfo.h"

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
                    "<p>Free software under the GNU General Public License, version 3 or later "
                    "(<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">GPL-3.0-or-later</a>). "
                    "Source, releases and help: <a href=\"%1\">the project's home page</a>.</p>"
                    "<p>%2 on %3; local I/O: %4.</p>")
            .arg(QStringLiteral(TARDIGRADE_HOMEPAGE), BuildInfo::libraries().join(QStringLiteral(", ")),
                 QSysInfo::prettyProductName(), BuildInfo::ioBackend()));
    box.setTextFormat(Qt::RichText);
    box.setStandardButtons(QMessageBox::Close);
    box.exec();
}

} // namespace tardigrade::ui
