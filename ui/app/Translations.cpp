#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace tardigrade::ui {

QStringList translationFolders()
{
    const QDir exe(QCoreApplication::applicationDirPath());
    return {exe.filePath(QStringLiteral("translations")),
            QDir::cleanPath(exe.filePath(QStringLiteral("../share/tardigrade/translations"))),
            QDir::cleanPath(exe.filePath(QStringLiteral("../Resources/translations")))};
}

namespace {

// A translator owned by the application, installed when `load` finds a file.
bool install(const QLocale &locale, const QString &name, const QStringList &folders)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    for (const QString &folder : folders) {
        if (translator->load(locale, name, QStringLiteral("_"), folder)) {
            QCoreApplication::installTranslator(translator);
            return true;
        }
    }
    delete translator;
    return false;
}

} // namespace

bool installTranslations(const QLocale &locale, const QStringList &folders)
{
    const bool ours = install(locale, QStringLiteral("tardigrade"), folders);
    // Qt's own strings ("Cancel", "Close" in standard button boxes) come
    // with Qt, or beside the program where an installer copied them.
    if (ours)
        install(locale, QStringLiteral("qtbase"),
                QStringList{QLibraryInfo::path(QLibraryInfo::TranslationsPath)} + folders);
    return ours;
}

} // namespace tardigrade::ui
