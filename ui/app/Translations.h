#pragma once

#include <QLocale>
#include <QStringList>

namespace tardigrade::ui {

// Where a translation of the GUI (tardigrade_<lang>.qm) is looked for,
// first match first: "translations" beside the executable (a build folder,
// the Windows installation), the installation's share/tardigrade/translations
// (Linux packages) and the bundle's Resources/translations (macOS).
QStringList translationFolders();

// Installs the GUI's translation for `locale` (the system's by default;
// "de_AT" takes tardigrade_de_AT.qm, else tardigrade_de.qm), and Qt's own
// for its standard buttons and dialogs when there is one. Returns whether
// the GUI's was found; without it the GUI stays in English. Call once the
// application object exists.
bool installTranslations(const QLocale &locale = QLocale(), const QStringList &folders = translationFolders());

} // namespace tardigrade::ui
