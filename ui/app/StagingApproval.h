#pragma once

#include "sync/StagingAccess.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace tardigrade {
struct RegisteredInstallation;
}

namespace tardigrade::ui {

class RunStatus;
class SettingsDialog;
class StagingAccessDialog;
class StagingBanner;
class StagingRegistrationJob;

// Where this installation's staging access stands, as the last run or the
// last request found it, and asking for it from the GUI.
//
// The state comes from SyncSummary::staging (a value the run sets, not its
// sentences). When it turns from awaited to approved, approvalArrived()
// gives the notification the tray shows. requestAccess() registers on a
// worker thread and shows the answer in a StagingAccessDialog.
class StagingApproval : public QObject {
    Q_OBJECT
public:
    explicit StagingApproval(const QString &configFile, QObject *parent = nullptr);
    ~StagingApproval() override;

    tardigrade::StagingAccess access() const { return m_access; }

    void follow(const RunStatus &status); // each run's summary updates the state
    void showIn(StagingBanner *banner);   // the banner follows; its button requests
    // Unknown (a run that stopped before asking the server) changes nothing.
    void update(const tardigrade::StagingAccess &access);

    // Opens the dialog (or brings it back) and asks the server again.
    StagingAccessDialog *requestAccess(QWidget *parent);
    // The same from the settings dialog: what its fields say is saved
    // first, since the request is made with the settings file.
    void requestFromSettings(SettingsDialog *settings);
    StagingAccessDialog *dialog() const; // the open one, if any

    static QString approvedTitle();
    static QString approvedText();

signals:
    void changed(const tardigrade::StagingAccess &access);
    void approvalArrived(const QString &title, const QString &text);
    // A request is about to run, and may write the uuid to the settings
    // file; ...and has finished.
    void writingSettings();
    void settingsWritten();

private:
    void finishRequest(const tardigrade::Result<tardigrade::RegisteredInstallation> &result);

    QString m_configFile;
    tardigrade::StagingAccess m_access;
    StagingRegistrationJob *m_job;
    QPointer<StagingAccessDialog> m_dialog;
};

} // namespace tardigrade::ui
