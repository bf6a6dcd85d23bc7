#pragma once

#include <QHash>
#include <QString>
#include <QWidget>

namespace tardigrade {
class Settings;
}

namespace tardigrade::ui {

// One page of the settings dialog: shows some keys of Settings, writes them
// back, and can be made read-only (locked settings). Each field is
// registered under its key, so a validation sentence naming a key can point
// at its widget.
class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(QWidget *parent = nullptr) : QWidget(parent) {}

    virtual QString title() const = 0;
    virtual void load(const Settings &settings) = 0;
    virtual void store(Settings &settings) const = 0;

    void setReadOnly(bool readOnly)
    {
        m_readOnly = readOnly;
        updateEnabled();
    }
    bool isReadOnly() const { return m_readOnly; }

    QWidget *fieldFor(const QString &key) const { return m_fields.value(key); }
    QList<QString> keys() const { return m_fields.keys(); }

protected:
    // Applies read-only and the page's own rules (e.g. schedule type).
    virtual void updateEnabled() = 0;
    void registerField(const QString &key, QWidget *widget) { m_fields.insert(key, widget); }

private:
    QHash<QString, QWidget *> m_fields;
    bool m_readOnly = false;
};

} // namespace tardigrade::ui
