#include "ClientConfigFromSettings.h"

#include "settings/Settings.h"

namespace tardigrade {

ClientConfig clientConfigFrom(const Settings &settings, const std::atomic_bool *cancel)
{
    ClientConfig config;
    config.url = settings.mytardisUrl();
    config.username = settings.username();
    config.apiKey = settings.apiKey();
    config.timeoutSecs = qMax(1, settings.intValue(SettingKey::ConnectionTimeout));
    config.cancel = cancel;
    config.caCertificate = settings.value(SettingKey::CaCertificate).trimmed();
    config.proxy = settings.value(SettingKey::Proxy).trimmed();
    return config;
}

} // namespace tardigrade
