#include "RegisterFromSettings.h"

#include "catalogue/ClientConfigFromSettings.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/ServerSettingsCheck.h"
#include "settings/ConfigPaths.h"
#include "settings/InstallationUuid.h"
#include "settings/SettingsFile.h"

namespace tardigrade {

Result<RegisteredInstallation> registerFromSettings(const QString &configFile, const std::atomic_bool *cancel)
{
    auto loaded = SettingsFile::load(configFile);
    if (!loaded)
        return loaded.error();
    Settings settings = *loaded;
    // Without these the server check would only say it cannot connect.
    if (settings.mytardisUrl().isEmpty() || settings.username().isEmpty() || settings.apiKey().isEmpty())
        return Error::user(QStringLiteral("Enter the MyTardis URL, username and API key in the settings first: "
                                          "staging access is requested from that server, as that account."));
    if (ensureInstallationUuid(settings)) {
        if (Status s = SettingsFile::save(settings, configFile); !s)
            return s.error();
    }
    MyTardisClient client(clientConfigFrom(settings, cancel));

    ServerCheckOptions options;
    options.facilityName = settings.facilityName();
    options.instrumentName = settings.instrumentName();
    options.uuid = settings.uuid();
    options.lockFile = ConfigPaths::stateFile(configFile, StateFile::CatalogueLock);
    const ServerCheckResult check = ServerSettingsCheck(client, client).run(options);
    if (check.cancelled)
        return Error::cancelled();
    if (!check.ok())
        return Error::user(check.failures.join(QLatin1Char('\n')));
    auto reg = registerInstallation(client, client, settings, configFile, *check.instrument, check.uploader);
    if (!reg)
        return reg.error();
    return RegisteredInstallation{settings, *reg};
}

} // namespace tardigrade
