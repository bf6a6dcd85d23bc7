#include "SettingsFiles.h"

#include "settings/SettingsFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QUrl>

namespace tardigrade::ui {

namespace {
// tr() for the free functions of this file, under one context that lupdate
// and the program agree on.
struct SettingsFiles {
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::SettingsFiles)
};
} // namespace

QByteArray settingsCopyText(const Settings &settings, bool withApiKey)
{
    QByteArray text = SettingsFile::serialize(settings);
    if (!withApiKey || settings.apiKey().isEmpty())
        return text;
    // Right below the section header, with the header's line ending: the
    // key is the one line serialize() never writes.
    const int headerEnd = text.indexOf('\n') + 1;
    const QByteArray eol = text.mid(headerEnd - 2, 2) == "\r\n" ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    text.insert(headerEnd, keyName(SettingKey::ApiKey).toUtf8() + " = " + settings.apiKey().toUtf8() + eol);
    return text;
}

Status writeSettingsCopy(const Settings &settings, const SettingsCopyChoice &choice)
{
    QSaveFile file(choice.path);
    if (!file.open(QIODevice::WriteOnly) || file.write(settingsCopyText(settings, choice.withApiKey)) < 0 ||
        !file.commit())
        return Error::user(SettingsFiles::tr("The copy could not be saved to %1 (%2): choose another folder or name.")
                               .arg(QDir::toNativeSeparators(choice.path), file.errorString()));
    return {};
}

std::optional<SettingsCopyChoice> askWhereToCopySettings(QWidget *parent, bool hasApiKey)
{
    SettingsCopyChoice choice;
    choice.path = QFileDialog::getSaveFileName(parent, SettingsFiles::tr("Save a Copy of the Settings"),
                                               QDir::home().filePath(QStringLiteral("MyData.cfg")),
                                               SettingsFiles::tr("MyData settings (*.cfg);;All files (*)"));
    if (choice.path.isEmpty())
        return std::nullopt;
    if (!hasApiKey)
        return choice;
    QMessageBox ask(QMessageBox::Question, SettingsFiles::tr("Save a Copy of the Settings"),
                    SettingsFiles::tr("Include the API key in the copy?"), QMessageBox::Cancel, parent);
    ask.setInformativeText(
        SettingsFiles::tr("A copy is often mailed or shared, and the API key lets anyone upload as the "
                          "facility account. Leave it out unless the copy stays with you; whoever uses "
                          "the copy can enter the key in Settings."));
    QPushButton *leaveOut = ask.addButton(SettingsFiles::tr("Leave It Out"), QMessageBox::AcceptRole);
    QPushButton *include = ask.addButton(SettingsFiles::tr("Include It"), QMessageBox::AcceptRole);
    ask.setDefaultButton(leaveOut);
    ask.exec();
    if (ask.clickedButton() != leaveOut && ask.clickedButton() != include)
        return std::nullopt;
    choice.withApiKey = ask.clickedButton() == include;
    return choice;
}

QString droppedSettingsFile(const QMimeData *data)
{
    if (!data || !data->hasUrls() || data->urls().size() != 1)
        return {};
    const QUrl url = data->urls().constFirst();
    if (!url.isLocalFile())
        return {};
    const QString path = url.toLocalFile();
    return path.endsWith(QStringLiteral(".cfg"), Qt::CaseInsensitive) ? path : QString();
}

} // namespace tardigrade::ui
