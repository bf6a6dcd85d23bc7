// The Cleanup window (offscreen) after a real upload to the stand-in
// server: Find lists what the server holds verified, off the GUI thread
// with the buttons held while it works; Delete Selected asks with the count
// and size and deletes only the ticked files; a cancelled confirmation
// deletes nothing; settings that do not allow Cleanup leave it off with
// the sentence, and locked settings keep the Advanced page's switch off.
#include "../cleanup/CleanupWorld.h"
#include "GuiTestHome.h"
#include "models/CleanupTableModel.h"
#include "settings/AdvancedPage.h"
#include "settings/Settings.h"
#include "windows/CleanupWindow.h"
#include "app/GuiController.h"
#include "app/RunStatus.h"

#include <QPointer>
#include <QRegularExpression>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

namespace {

// Answers the next modal message box with the button in `role`; its text
// goes to *asked.
void answerNextMessageBox(QMessageBox::ButtonRole role, QString *asked)
{
    auto *poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, role, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *asked = box->text();
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == role) {
                b->click();
                break;
            }
        poll->stop(); // deleteLater waits for this nesting level to end
        poll->deleteLater();
    });
    poll->start(20);
}

int rowOf(const CleanupTableModel &model, const QString &relative)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.data(model.index(r, CleanupTableModel::PathColumn), Qt::DisplayRole).toString() == relative)
            return r;
    return -1;
}

} // namespace

class TestCleanupWindow : public QObject {
    Q_OBJECT

    GuiTestHome m_home;

private slots:
    void initTestCase() { QVERIFY(m_home.setUp()); }

    void findsAndDeletesTheTickedFilesAfterConfirmation()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({{QStringLiteral("cleanup_older_than_days"), QStringLiteral("20")}}, &why) && w.upload(&why),
                 qPrintable(why));

        CleanupWindow window(w.cfg);
        window.show();
        QVERIFY(window.offLabel()->isHidden());
        QCOMPARE(window.ageField()->value(), 20); // the settings' age
        QVERIFY(!window.deleteButton()->isEnabled());

        QSignalSpy found(&window, &CleanupWindow::findFinished);
        window.findButton()->click();
        QVERIFY(window.isBusy());
        QVERIFY(!window.findButton()->isEnabled()); // held while the thread works
        QVERIFY(found.wait(60000));
        QVERIFY2(!window.isBusy(), "the job is idle when its answer arrives");
        CleanupTableModel &model = *window.model();
        QCOMPARE(model.totalCount(), 4);
        QCOMPARE(model.checkedCount(), 4);
        QVERIFY2(window.statusLabel()->text().contains(QStringLiteral("4 files (6.4 kB) can be deleted")),
                 qPrintable(window.statusLabel()->text()));
        QVERIFY(window.deleteButton()->isEnabled());

        // changed.txt is kept: unticked.
        const int changed = rowOf(model, QStringLiteral("testuser1/Dataset B/changed.txt"));
        QVERIFY(changed >= 0);
        QVERIFY(model.setData(model.index(changed, CleanupTableModel::PathColumn), Qt::Unchecked, Qt::CheckStateRole));

        // Cancelled: nothing goes.
        QString asked;
        answerNextMessageBox(QMessageBox::RejectRole, &asked);
        window.deleteButton()->click();
        QCOMPARE(asked, QStringLiteral("Delete 3 files (6.0 kB) from this PC? The server holds verified copies."));
        QVERIFY(!window.isBusy());
        QVERIFY(QFile::exists(w.data(QStringLiteral("testuser1/Dataset A/old1.txt"))));

        QSignalSpy deleted(&window, &CleanupWindow::deleteFinished);
        answerNextMessageBox(QMessageBox::DestructiveRole, &asked);
        window.deleteButton()->click();
        QVERIFY(window.isBusy());
        QVERIFY(deleted.wait(60000));
        QVERIFY2(w.deletedOnlyTheThreeOld().isEmpty(), qPrintable(w.deletedOnlyTheThreeOld()));
        QCOMPARE(window.statusLabel()->text(), QStringLiteral("Deleted 3 files (6.0 kB) from this PC."));
        QCOMPARE(model.totalCount(), 1); // the unticked file stays listed
        QCOMPARE(model.checkedCount(), 0);
        QVERIFY(!window.deleteButton()->isEnabled());
    }

    // Stop ends Delete between files and the result says how far it got.
    void stopEndsDeleteAndSaysHowFarItGot()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({}, &why) && w.upload(&why), qPrintable(why));
        CleanupWindow window(w.cfg);
        window.show();
        QVERIFY(window.stopButton()->isHidden());
        QSignalSpy found(&window, &CleanupWindow::findFinished);
        window.find();
        QVERIFY(window.stopButton()->isVisible() && window.stopButton()->isEnabled());
        QVERIFY(found.wait(60000));
        QVERIFY(window.stopButton()->isHidden());
        QCOMPARE(window.model()->checkedCount(), 4);

        QSignalSpy deleted(&window, &CleanupWindow::deleteFinished);
        QString asked;
        answerNextMessageBox(QMessageBox::DestructiveRole, &asked);
        window.deleteButton()->click();
        QVERIFY(window.isDeleting());
        QVERIFY(window.stopButton()->isVisible());
        window.stopButton()->click();
        QVERIFY(!window.stopButton()->isEnabled()); // asked once
        QVERIFY(deleted.wait(60000));
        const QString result = window.statusLabel()->text();
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("^Stopped: (\\d) of 4 files deleted, .+ freed; the files not yet "
                                              "checked are still on this PC\\.$"))
                .match(result);
        QVERIFY2(m.hasMatch(), qPrintable(result));
        int left = 0;
        for (const char *path : {"testuser1/Dataset A/old1.txt", "testuser1/Dataset A/old2.txt",
                                 "testuser1/Dataset A/sub/old3.dat", "testuser1/Dataset B/changed.txt"})
            left += QFile::exists(w.data(QString::fromLatin1(path)));
        QCOMPARE(4 - left, m.captured(1).toInt());
        QVERIFY(left > 0); // stopped before the end
        QVERIFY(window.stopButton()->isHidden());
    }

    // Closing the window while Delete runs asks first; Keep Going keeps
    // both, Stop hides the window at once and it goes when the work ends
    // (the GUI thread does not wait for it).
    void closingWhileDeletingAsksAndStops()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({}, &why) && w.upload(&why), qPrintable(why));
        QPointer<CleanupWindow> window = new CleanupWindow(w.cfg);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
        QSignalSpy found(window.data(), &CleanupWindow::findFinished);
        window->find();
        QVERIFY(found.wait(60000));

        QString asked;
        answerNextMessageBox(QMessageBox::DestructiveRole, &asked);
        window->deleteButton()->click();
        QVERIFY(window->isBusy());
        QCOMPARE(window->deletedSoFarText(), QStringLiteral("0 files deleted so far; the rest stay."));
        answerNextMessageBox(QMessageBox::RejectRole, &asked);
        window->close(); // (its result says little on a platform window)
        QCOMPARE(asked, QStringLiteral("Stop cleaning up?"));
        QVERIFY(window && window->isVisible());

        // It may have ended while asked (busy changes only in the event loop).
        if (window->isBusy())
            answerNextMessageBox(QMessageBox::DestructiveRole, &asked);
        window->close();
        QVERIFY(!window || window->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(!window, 60000); // deleted once the work ended
    }

    // While an upload runs Delete is held with the reason; the controller
    // tells the window from the engine's state. Quitting while Cleanup
    // deletes asks first.
    void deleteWaitsForAnUploadAndQuitAsksWhileDeleting()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({{QStringLiteral("schedule_type"), QStringLiteral("Manually")}}, &why) && w.upload(&why),
                 qPrintable(why));
        GuiController app(w.cfg);
        app.openCleanup();
        CleanupWindow *window = app.cleanupWindow();
        QVERIFY(window);
        QSignalSpy found(window, &CleanupWindow::findFinished);
        window->ageField()->setValue(1);
        window->find();
        QCOMPARE(window->statusLabel()->text(),
                 QStringLiteral("Looking for files older than 1 day that the server holds verified…"));
        QVERIFY(found.wait(60000));
        QVERIFY(window->deleteButton()->isEnabled());
        QVERIFY(window->runningLabel()->isHidden());

        app.status()->onRunStarted(false);
        QVERIFY(!window->deleteButton()->isEnabled());
        QVERIFY(window->runningLabel()->isVisible());
        QVERIFY2(window->runningLabel()->text().startsWith(QStringLiteral("Delete waits while an upload runs")),
                 qPrintable(window->runningLabel()->text()));
        window->deleteSelected(); // even when asked directly: no question, nothing deleted
        QVERIFY(!window->isBusy());
        app.status()->onRunFinished(SyncSummary{});
        QVERIFY(window->deleteButton()->isEnabled());
        QVERIFY(window->runningLabel()->isHidden());
        app.status()->onRunStarted(true); // a test run deletes nothing and reads nothing Delete removes
        QVERIFY(window->deleteButton()->isEnabled());
        app.status()->onRunFinished(SyncSummary{});

        QSignalSpy deleted(window, &CleanupWindow::deleteFinished);
        QString asked;
        answerNextMessageBox(QMessageBox::DestructiveRole, &asked);
        window->deleteButton()->click();
        QVERIFY(window->isDeleting());
        answerNextMessageBox(QMessageBox::RejectRole, &asked);
        QVERIFY(!app.quit());
        QCOMPARE(asked, QStringLiteral("Cleanup is deleting files. Quit anyway?"));
        QVERIFY(deleted.count() > 0 || deleted.wait(60000));
    }

    void offUnlessTheSettingsAllowIt()
    {
        CleanupWorld w;
        QString why;
        QVERIFY2(w.make({{QStringLiteral("allow_cleanup"), QStringLiteral("False")}}, &why), qPrintable(why));
        CleanupWindow window(w.cfg);
        window.show();
        QVERIFY(window.offLabel()->isVisible());
        QCOMPARE(window.offLabel()->text(),
                 QStringLiteral("Cleanup is turned off: allow it under Settings, Advanced, or with 'tardigrade "
                                "config set allow_cleanup True'."));
        QVERIFY(!window.findButton()->isEnabled());
        QVERIFY(!window.deleteButton()->isEnabled());
        window.find(); // even when asked directly
        QVERIFY(!window.isBusy());

        // Allowed in the file now: the window follows when told.
        QVERIFY(w.server.writeConfig(w.cfg, {{QStringLiteral("allow_cleanup"), QStringLiteral("True")}}));
        window.reloadSettings();
        QVERIFY(window.offLabel()->isHidden());
        QVERIFY(window.findButton()->isEnabled());
    }

    void lockedSettingsKeepCleanupOff()
    {
        Settings s;
        QVERIFY(s.setValueNamed(QStringLiteral("allow_cleanup"), QStringLiteral("False")));
        AdvancedPage page;
        page.load(s);
        auto *allow = qobject_cast<QCheckBox *>(page.fieldFor(SettingKey::AllowCleanup));
        auto *days = qobject_cast<QSpinBox *>(page.fieldFor(SettingKey::CleanupOlderThanDays));
        QVERIFY(allow && days);
        QVERIFY(allow->isEnabled());
        QVERIFY(!days->isEnabled()); // no age without Cleanup
        allow->setChecked(true);
        QVERIFY(days->isEnabled());
        Settings stored;
        page.store(stored);
        QVERIFY(stored.boolValue(SettingKey::AllowCleanup));

        page.load(s);
        page.setReadOnly(true); // locked
        QVERIFY(!allow->isEnabled());
        QVERIFY(!allow->isChecked());
        QVERIFY(!days->isEnabled());
    }
};

QTEST_MAIN(TestCleanupWindow)
#include "tst_cleanupwindow.moc"
