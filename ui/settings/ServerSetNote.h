#pragma once

#include "settings/Settings.h"

#include <QLabel>
#include <QPointer>
#include <QStringList>
#include <functional>

namespace tardigrade::ui {

// The settings dialog's line on settings a facility manager set on the
// server ("Set by a facility manager on the server: Folder structure,
// Schedule."), with the same words on each such field's tooltip. Which keys
// those are comes from ServerSetSettings (remembered when a run applied
// them); a key changed here since is this PC's own again and not named.
class ServerSetNote : public QLabel {
    Q_OBJECT
public:
    using FieldFinder = std::function<QWidget *(SettingKey)>;

    ServerSetNote(FieldFinder fieldFor, QWidget *parent = nullptr);

    // Shows (or hides) the note for the settings as loaded or saved.
    void showFor(const QString &configFile, const Settings &settings);
    QStringList keys() const { return m_keys; }
    static const char *markProperty() { return "tardigradeServerSet"; }

private:
    void unmarkFields();

    FieldFinder m_fieldFor;
    QStringList m_keys;
    QList<QPointer<QWidget>> m_marked;
};

} // namespace tardigrade::ui
