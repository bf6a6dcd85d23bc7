#include "StagingApproval.h"

#include "RunStatus.h"
#include "StagingRegistrationJob.h"
#include "settings/FieldLabels.h"
#include "settings/SettingsDialog.h"
#include "windows/StagingAccessDialog.h"
#include "windows/StagingBanner.h"

namespace tardigrade::ui {

StagingApproval::StagingApproval(const QString &configFile, QObject *parent)
    : QObject(parent), m_configFile(configFile), m_job(new StagingRegistrationJob(configFile, this))
{
    connect(m_job, &StagingRegistrationJob::finished, this, &StagingApproval::finishRequest);
}

StagingApproval::~StagingApproval()
{
    delete m_dialog;
}

void StagingApproval::follow(const RunStatus &status)
{
    connect(&status, &RunStatus::runEnded, this, [this](const SyncSummary &summary) { update(summary.staging); });
}

void StagingApproval::showIn(StagingBanner *banner)
{
    banner->setAccess(m_access);
    connect(this, &StagingApproval::changed, banner, &StagingBanner::setAccess);
    connect(banner, &StagingBanner::requestClicked, this, [this, banner] { requestAccess(banner->window()); });
}

void StagingApproval::update(const StagingAccess &access)
{
    if (access.state == StagingState::Unknown)
        return;
    const bool wasAwaited = m_access.awaitingApproval();
    m_access = access;
    emit changed(m_access);
    // Only a change seen here is news: approved at the first run after a
    // start is how it has been.
    if (wasAwaited && access.state == StagingState::Approved)
        emit approvalArrived(approvedTitle(), approvedText());
}

StagingAccessDialog *StagingApproval::requestAccess(QWidget *parent)
{
    if (!m_dialog) {
        m_dialog = new StagingAccessDialog(parent && parent->isVisible() ? parent : nullptr);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &StagingAccessDialog::checkAgainClicked, this, [this] { requestAccess(nullptr); });
    }
    if (!m_job->isRunning()) {
        m_dialog->showBusy();
        emit writingSettings();
        m_job->start();
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

StagingAccessDialog *StagingApproval::dialog() const
{
    return m_dialog;
}

void StagingApproval::requestFromSettings(SettingsDialog *settings)
{
    if (!settings->hasUnsavedChanges()) {
        requestAccess(settings);
        return;
    }
    // Not valid: the dialog lists the problems and nothing is requested.
    if (!settings->apply())
        return;
    auto *once = new QObject(settings);
    const QPointer<SettingsDialog> dialog(settings);
    connect(settings, &SettingsDialog::saved, once, [this, once, dialog] {
        once->deleteLater();
        requestAccess(dialog);
    });
    // A save that fails ends this request: a later OK is not a request.
    connect(settings, &SettingsDialog::saveFailed, once, &QObject::deleteLater);
}

void StagingApproval::finishRequest(const Result<RegisteredInstallation> &result)
{
    emit settingsWritten();
    if (result)
        update(result->registration.access());
    if (!m_dialog)
        return;
    if (result)
        m_dialog->showRegistration(*result);
    else
        m_dialog->showError(FieldLabels::inSentence(result.error().message));
}

QString StagingApproval::approvedTitle()
{
    return tr("Staging access approved");
}

QString StagingApproval::approvedText()
{
    return tr("A MyTardis administrator approved this computer's staging access: files now go to the staging host "
              "by SCP.");
}

} // namespace tardigrade::ui
