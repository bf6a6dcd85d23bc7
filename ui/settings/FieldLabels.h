#pragma once

#include "settings/SettingsSchema.h"

#include <QCoreApplication>
#include <QString>

namespace tardigrade::ui {

class FieldLabels {
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::FieldLabels)
public:
    // The name a person knows a setting by: the label of its field in the
    // settings dialog ("MyTardis URL"), where the CLI and the log use the
    // key (mytardis_url). Empty for keys the dialog does not show.
    static QString of(SettingKey key);
    // The same where the label follows the folder structure: the user
    // filter and "upload folders that match no user" name the folders as
    // the structure does ("Email folder name contains").
    static QString of(SettingKey key, const QString &folderStructure);

    // The sentence with each key it names replaced by the field's label:
    // the engine's and the validator's sentences serve the CLI too, and the
    // GUI (settings dialog, status bar, tray) shows them to people.
    // "The MyTardis URL (mytardis_url) ..." loses the parenthesis;
    // "set scheduled_date (YYYY-MM-DD)" reads "set “Date” (YYYY-MM-DD)";
    // a key that is also a word ("username") is replaced only in brackets.
    // With a folder structure, labels that follow it are used.
    static QString inSentence(QString sentence, const QString &folderStructure = {});
};

} // namespace tardigrade::ui
