#pragma once

#include "SettingsPage.h"

class QAction;
class QLineEdit;

namespace tardigrade::ui {

class PathField;

// Instrument, facility, contact, data directory, MyTardis URL, username and
// API key.
class GeneralPage : public SettingsPage {
    Q_OBJECT
public:
    explicit GeneralPage(QWidget *parent = nullptr);

    QString title() const override { return tr("General"); }
    void load(const Settings &settings) override;
    void store(Settings &settings) const override;

protected:
    void updateEnabled() override;

private:
    QLineEdit *m_instrument;
    QLineEdit *m_facility;
    QLineEdit *m_contactName;
    QLineEdit *m_contactEmail;
    PathField *m_dataDirectory;
    QLineEdit *m_url;
    QLineEdit *m_username;
    QLineEdit *m_apiKey;
    QAction *m_reveal = nullptr;
};

} // namespace tardigrade::ui
