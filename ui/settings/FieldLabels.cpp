#include "FieldLabels.h"

#include "scan/FolderStructure.h"

#include <QRegularExpression>

namespace tardigrade::ui {

QString FieldLabels::of(SettingKey key)
{
    using K = SettingKey;
    switch (key) {
    case K::InstrumentName: return tr("Instrument name");
    case K::FacilityName: return tr("Facility name");
    case K::ContactName: return tr("Contact name");
    case K::ContactEmail: return tr("Contact email");
    case K::DataDirectory: return tr("Data directory");
    case K::MytardisUrl: return tr("MyTardis URL");
    case K::Username: return tr("Username");
    case K::ApiKey: return tr("API key");
    case K::ScheduleType: return tr("Schedule");
    case K::ScheduledDate: return tr("Date");
    case K::ScheduledTime: return tr("Time");
    case K::MondayChecked: return tr("Monday");
    case K::TuesdayChecked: return tr("Tuesday");
    case K::WednesdayChecked: return tr("Wednesday");
    case K::ThursdayChecked: return tr("Thursday");
    case K::FridayChecked: return tr("Friday");
    case K::SaturdayChecked: return tr("Saturday");
    case K::SundayChecked: return tr("Sunday");
    case K::TimerMinutes: return tr("Every");
    case K::TimerFromTime: return tr("From");
    case K::TimerToTime: return tr("To");
    case K::UserFilter: return tr("User folder name contains");
    case K::DatasetFilter: return tr("Dataset folder name contains");
    case K::ExperimentFilter: return tr("Experiment folder name contains");
    case K::IgnoreOldDatasets:
    case K::IgnoreIntervalNumber:
    case K::IgnoreIntervalUnit: return tr("Ignore datasets older than");
    case K::IgnoreNewFiles:
    case K::IgnoreNewFilesMinutes: return tr("Ignore files modified in the last");
    case K::UseIncludesFile: return tr("Upload only files matching the patterns in");
    case K::IncludesFile: return tr("Includes file");
    case K::UseExcludesFile: return tr("Skip files matching the patterns in");
    case K::ExcludesFile: return tr("Excludes file");
    case K::FolderStructure: return tr("Folder structure");
    case K::DatasetGrouping: return tr("Dataset grouping");
    case K::GroupPrefix: return tr("User group prefix");
    case K::ValidateFolderStructure: return tr("Check the folder structure before uploading");
    case K::StartAutomaticallyOnLogin: return tr("Start Tardigrade automatically on login");
    case K::UploadInvalidUserFolders: return tr("Upload folders of unknown users to the facility account");
    case K::MaxUploadThreads: return tr("Parallel uploads");
    case K::MaxUploadRetries: return tr("Retries per file");
    case K::UploadMethod: return tr("Upload method");
    case K::StartWindowState: return tr("On start, show");
    case K::CheckForUpdates: return tr("Check for a newer release");
    case K::AllowCleanup: return tr("Allow deleting local copies the server holds verified");
    case K::CleanupOlderThanDays: return tr("Offer files older than (days)"); // in the Cleanup box
    case K::CaCertificate: return tr("Certificate authority (PEM file)");
    case K::Proxy: return tr("Proxy");
    case K::UploadChangedAsVersions: return tr("Upload changed files under a new name");
    default: return {};
    }
}

QString FieldLabels::of(SettingKey key, const QString &folderStructure)
{
    // The folders a structure starts with are named by what they hold.
    const std::optional<FolderStructure> fs = FolderStructure::find(folderStructure);
    const OwnerKind owner = fs ? fs->ownerKind() : OwnerKind::None;
    if (key == SettingKey::UserFilter) {
        switch (owner) {
        case OwnerKind::Username: return tr("Username folder name contains");
        case OwnerKind::Email: return tr("Email folder name contains");
        case OwnerKind::Group: return tr("User group folder name contains");
        case OwnerKind::None: break;
        }
    }
    if (key == SettingKey::UploadInvalidUserFolders) {
        switch (owner) {
        case OwnerKind::Username: return tr("Upload username folders that match no user");
        case OwnerKind::Email: return tr("Upload email folders that match no user");
        case OwnerKind::Group: return tr("Upload user group folders that match no group");
        case OwnerKind::None: break;
        }
    }
    return of(key);
}

QString FieldLabels::inSentence(QString sentence, const QString &folderStructure)
{
    for (const SettingSpec &spec : settingsSchema()) {
        const QString label = of(spec.id, folderStructure);
        if (label.isEmpty())
            continue;
        const QString name = QRegularExpression::escape(keyName(spec.id));
        sentence.replace(QRegularExpression(QStringLiteral(" \\(%1\\)").arg(name)), QString());
        // A one-word key ("username") is also an English word: left alone.
        if (!keyName(spec.id).contains(QLatin1Char('_')))
            continue;
        sentence.replace(QRegularExpression(QStringLiteral("(?<![A-Za-z0-9_])%1(?![A-Za-z0-9_])").arg(name)),
                         QStringLiteral("“%1”").arg(label));
    }
    return sentence;
}

} // namespace tardigrade::ui
