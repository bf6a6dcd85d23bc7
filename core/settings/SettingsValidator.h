#pragma once

#include "Settings.h"
#include "util/Clock.h"

#include <QStringList>

namespace tardigrade {

// Checks settings without the network: every problem found is one
// user-facing sentence (what is wrong and what to do), so the settings
// dialog and `tardigrade validate` can show them all at once. Checks that
// ask the server (URL reachable, credentials, facility) are a later stage.
class SettingsValidator {
public:
    static QStringList validateLocally(const Settings &settings, const Clock &clock = Clock::system());

    // The helpers, public for the settings dialog's field-by-field hints.
    static bool isEmailAddress(const QString &text);
    static bool isWebAddress(const QString &text);
};

} // namespace tardigrade
