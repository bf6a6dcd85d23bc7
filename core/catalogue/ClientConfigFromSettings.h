#pragma once

#include "CatalogueTypes.h"

#include <atomic>

namespace tardigrade {

class Settings;

// The catalogue client a settings file names: URL, account, API key,
// connection_timeout (at least one second), ca_certificate and proxy. Every command and job that talks
// to MyTardis starts from this; callers change maxTries where they must.
ClientConfig clientConfigFrom(const Settings &settings, const std::atomic_bool *cancel = nullptr);

} // namespace tardigrade
