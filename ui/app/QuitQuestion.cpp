#include "QuitQuestion.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace tardigrade::ui {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::QuitQuestion)
};
} // namespace

bool askToQuit(QWidget *parent, bool uploading, const QString &cleanupSoFar)
{
    const bool cleaning = !cleanupSoFar.isEmpty();
    QMessageBox ask(QMessageBox::Question, Text::tr("Quit Tardigrade"),
                    uploading ? Text::tr("An upload is running. Quit anyway?")
                              : Text::tr("Cleanup is deleting files. Quit anyway?"),
                    QMessageBox::NoButton, parent);
    QString details = uploading ? Text::tr("Quitting stops the upload now. Nothing is lost: files not yet verified "
                                           "are picked up again by the next run, and a partly sent file resumes.")
                                : Text::tr("Quitting stops Cleanup: %1").arg(cleanupSoFar);
    if (uploading && cleaning)
        details += QLatin1Char(' ') + Text::tr("It stops Cleanup too: %1").arg(cleanupSoFar);
    ask.setInformativeText(details);
    QPushButton *quit = ask.addButton(Text::tr("Quit"), QMessageBox::DestructiveRole);
    QPushButton *keep =
        ask.addButton(uploading ? Text::tr("Keep Uploading") : Text::tr("Keep Cleaning Up"), QMessageBox::RejectRole);
    ask.setDefaultButton(keep);
    ask.exec();
    return ask.clickedButton() == quit;
}

} // namespace tardigrade::ui
