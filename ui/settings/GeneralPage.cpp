#include "GeneralPage.h"

#include "PathField.h"
#include "SettingsFields.h"
#include "app/Icons.h"
#include "settings/Settings.h"

#include <QAction>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QVBoxLayout>

namespace tardigrade::ui {

GeneralPage::GeneralPage(QWidget *parent)
    : SettingsPage(parent), m_instrument(new QLineEdit(this)), m_facility(new QLineEdit(this)),
      m_contactName(new QLineEdit(this)), m_contactEmail(new QLineEdit(this)),
      m_dataDirectory(new PathField(PathField::Kind::Folder, tr("Choose the data directory"), this)),
      m_url(new QLineEdit(this)), m_username(new QLineEdit(this)), m_apiKey(new QLineEdit(this))
{
    m_instrument->setPlaceholderText(tr("e.g. Titan Krios 1"));
    m_facility->setPlaceholderText(tr("as named on MyTardis"));
    m_contactEmail->setPlaceholderText(tr("name@example.org"));
    m_url->setPlaceholderText(QStringLiteral("https://mytardis.example.org"));
    m_username->setPlaceholderText(tr("the facility account"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("from MyTardis: your profile, API key"));
    // Show/hide the key: an administrator pasting it wants to check it.
    m_reveal = m_apiKey->addAction(actionIcon("eye"), QLineEdit::TrailingPosition);
    m_reveal->setText(tr("Show"));
    m_reveal->setToolTip(tr("Show or hide the API key"));
    m_reveal->setCheckable(true);
    connect(m_reveal, &QAction::toggled, this,
            [this](bool on) { m_apiKey->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });

    auto *instrument = new QGroupBox(tr("Instrument"), this);
    auto *fi = new QFormLayout(instrument);
    fi->addRow(tr("Instrument name:"), m_instrument);
    fi->addRow(tr("Facility name:"), m_facility);
    fi->addRow(tr("Data directory:"), m_dataDirectory);

    auto *contact = new QGroupBox(tr("Contact (told about upload problems)"), this);
    auto *fc = new QFormLayout(contact);
    fc->addRow(tr("Contact name:"), m_contactName);
    fc->addRow(tr("Contact email:"), m_contactEmail);

    auto *server = new QGroupBox(tr("MyTardis"), this);
    auto *fs = new QFormLayout(server);
    fs->addRow(tr("MyTardis URL:"), m_url);
    fs->addRow(tr("Username:"), m_username);
    fs->addRow(tr("API key:"), m_apiKey);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(instrument);
    layout->addWidget(contact);
    layout->addWidget(server);
    layout->addStretch(1);

    for (QFormLayout *f : {fi, fc, fs})
        tidyForm(f);

    registerField(SettingKey::InstrumentName, m_instrument);
    registerField(SettingKey::FacilityName, m_facility);
    registerField(SettingKey::ContactName, m_contactName);
    registerField(SettingKey::ContactEmail, m_contactEmail);
    registerField(SettingKey::DataDirectory, m_dataDirectory->lineEdit());
    registerField(SettingKey::MytardisUrl, m_url);
    registerField(SettingKey::Username, m_username);
    registerField(SettingKey::ApiKey, m_apiKey);
}

void GeneralPage::load(const Settings &s)
{
    m_instrument->setText(s.instrumentName());
    m_facility->setText(s.facilityName());
    m_contactName->setText(s.value(SettingKey::ContactName));
    m_contactEmail->setText(s.value(SettingKey::ContactEmail));
    m_dataDirectory->setPath(s.dataDirectory());
    m_url->setText(s.value(SettingKey::MytardisUrl));
    m_username->setText(s.username());
    m_apiKey->setText(s.apiKey());
}

void GeneralPage::store(Settings &s) const
{
    putString(s, SettingKey::InstrumentName, m_instrument->text().trimmed());
    putString(s, SettingKey::FacilityName, m_facility->text().trimmed());
    putString(s, SettingKey::ContactName, m_contactName->text().trimmed());
    putString(s, SettingKey::ContactEmail, m_contactEmail->text().trimmed());
    putString(s, SettingKey::DataDirectory, m_dataDirectory->path());
    putString(s, SettingKey::MytardisUrl, m_url->text().trimmed());
    putString(s, SettingKey::Username, m_username->text().trimmed());
    putString(s, SettingKey::ApiKey, m_apiKey->text().trimmed());
}

void GeneralPage::updateEnabled()
{
    const bool ro = isReadOnly();
    for (QLineEdit *e : {m_instrument, m_facility, m_contactName, m_contactEmail, m_url, m_username, m_apiKey})
        e->setReadOnly(ro);
    m_dataDirectory->setReadOnly(ro);
    // Locked settings must not show the key: it is what unlocks them.
    if (ro)
        m_reveal->setChecked(false);
    m_reveal->setEnabled(!ro);
}

} // namespace tardigrade::ui
