#include "ServerCheckQuestions.h"

#include "FieldLabels.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

namespace tardigrade::ui {

ServerCheckQuestions ServerCheckQuestions::asked()
{
    ServerCheckQuestions q;
    q.pickFacility = [](QWidget *parent, const QString &sentence, const QStringList &facilities) {
        bool ok = false;
        const QString chosen = QInputDialog::getItem(parent, tr("Choose the Facility"),
                                                     FieldLabels::inSentence(sentence) + QStringLiteral("\n\n") +
                                                         tr("Facilities this account manages:"),
                                                     facilities, 0, false, &ok);
        return ok ? chosen : QString();
    };
    q.createInstrument = [](QWidget *parent, const QString &instrument, const QString &facility) {
        return QMessageBox::question(
                   parent, tr("Create Instrument"),
                   tr("Instrument \"%1\" does not exist in facility \"%2\" yet. Create it?").arg(instrument, facility),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
    };
    q.renameInstrument = [](QWidget *parent, const QString &from, const QString &to) {
        QMessageBox box(QMessageBox::Question, tr("Rename Instrument"),
                        tr("Rename instrument \"%1\" to \"%2\" on MyTardis, keeping its datasets?").arg(from, to),
                        QMessageBox::Yes | QMessageBox::No, parent);
        box.setInformativeText(tr("No asks next whether to create \"%1\" as another instrument; \"%2\" and its "
                                  "datasets stay as they are. Nothing is changed on MyTardis until you save.")
                                   .arg(to, from));
        box.setDefaultButton(QMessageBox::Yes);
        return box.exec() == QMessageBox::Yes;
    };
    q.saveAnyway = [](QWidget *parent, const QString &sentence) {
        QMessageBox box(QMessageBox::Warning, tr("MyTardis Not Reached"), FieldLabels::inSentence(sentence),
                        QMessageBox::Cancel, parent);
        QPushButton *save = box.addButton(tr("Save Anyway"), QMessageBox::AcceptRole);
        box.setInformativeText(tr("The settings can be saved without the server's checks; uploads start once "
                                  "the server can be reached."));
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        return box.clickedButton() == save;
    };
    q.continueWithDatasets = [](QWidget *parent, int datasets, const QString &details) {
        QMessageBox box(QMessageBox::Question, tr("Save Settings"),
                        datasets == 1 ? tr("1 dataset found in the data directory. Save these settings and continue?")
                                      : tr("%1 datasets found in the data directory. Save these settings and "
                                           "continue?")
                                            .arg(datasets),
                        QMessageBox::Save | QMessageBox::Cancel, parent);
        box.setInformativeText(FieldLabels::inSentence(details));
        box.setDefaultButton(QMessageBox::Save);
        return box.exec() == QMessageBox::Save;
    };
    return q;
}

} // namespace tardigrade::ui
