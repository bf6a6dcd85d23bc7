#include "CleanupSession.h"

#include "CleanupFinder.h"
#include "catalogue/ClientConfigFromSettings.h"
#include "catalogue/MyTardisClient.h"
#include "scan/ScanOptions.h"
#include "settings/ConfigPaths.h"
#include "settings/SettingsFile.h"
#include "sync/Journal.h"

#include <QDir>
#include <QFileInfo>

namespace tardigrade {

CleanupSession::~CleanupSession() = default;

QString CleanupSession::notAllowedSentence(const Settings &settings)
{
    if (settings.boolValue(SettingKey::AllowCleanup))
        return {};
    if (settings.boolValue(SettingKey::Locked))
        return QStringLiteral("Cleanup is turned off in these locked settings: ask whoever manages this computer's "
                              "settings to allow it (allow_cleanup).");
    return QStringLiteral("Cleanup is turned off: allow it under Settings, Advanced, or with 'tardigrade config set "
                          "allow_cleanup True'.");
}

Result<std::unique_ptr<CleanupSession>> CleanupSession::open(const QString &configFile, Options options)
{
    if (!QFileInfo::exists(configFile))
        return Error::user(QStringLiteral("There is no settings file at %1; set Tardigrade up and upload first, "
                                          "then clean up.")
                               .arg(QDir::toNativeSeparators(configFile)));
    auto loaded = SettingsFile::load(configFile);
    if (!loaded)
        return loaded.error();
    const Settings &settings = *loaded;
    if (const QString no = notAllowedSentence(settings); !no.isEmpty())
        return Error::user(no);
    if (settings.mytardisUrl().trimmed().isEmpty() || settings.username().trimmed().isEmpty() ||
        settings.apiKey().isEmpty())
        return Error::user(QStringLiteral("Cleanup asks the MyTardis server which copies it holds verified: set the "
                                          "MyTardis URL, username and API key first."));

    std::unique_ptr<CleanupSession> session(new CleanupSession);
    session->m_settings = settings;
    session->m_options = options;
    if (!session->m_options.makeCatalogue)
        session->m_options.makeCatalogue = &MyTardisClient::make;
    if (!session->m_options.clock)
        session->m_options.clock = &Clock::system();

    const ClientConfig client = clientConfigFrom(settings, options.cancel);
    auto journal = Journal::open(ConfigPaths::stateFile(configFile, StateFile::Journal), client.url);
    if (!journal)
        return journal.error();
    session->m_journal = std::move(journal).value();
    session->m_catalogue = session->m_options.makeCatalogue(client);
    return session;
}

int CleanupSession::defaultDays() const
{
    return qMax(0, m_settings.intValue(SettingKey::CleanupOlderThanDays));
}

Result<CleanupFindings> CleanupSession::find(int olderThanDays)
{
    auto scan = ScanOptions::fromSettings(m_settings);
    if (!scan)
        return scan.error();
    return CleanupFinder(*scan, *m_journal, *m_catalogue, *m_options.clock).find(olderThanDays, m_options.cancel);
}

CleanupOutcome CleanupSession::remove(const QVector<CleanupCandidate> &files, const CleanupDeleter::Progress &progress)
{
    return CleanupDeleter(m_settings.dataDirectoryPath(), *m_journal, *m_catalogue)
        .remove(files, m_options.cancel, progress);
}

} // namespace tardigrade
