#include "AdvancedPage.h"

#include "DatasetGrouping.h"
#include "SettingsFields.h"
#include "settings/Settings.h"
#include "settings/SettingsSchema.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tardigrade::ui {

AdvancedPage::AdvancedPage(QWidget *parent)
    : SettingsPage(parent), m_structure(new QComboBox(this)), m_grouping(new QLineEdit(this)),
      m_groupPrefix(new QLineEdit(this)),
      m_validate(new QCheckBox(tr("Check the folder structure before uploading"), this)),
      m_autostart(new QCheckBox(tr("Start Tardigrade automatically on login"), this)),
      m_uploadInvalid(new QCheckBox(tr("Upload folders of unknown users to the facility account"), this)),
      m_threads(new QSpinBox(this)), m_retries(new QSpinBox(this))
{
    m_structure->addItems(folderStructureNames());
    m_grouping->setReadOnly(true);
    m_grouping->setFocusPolicy(Qt::NoFocus);
    m_grouping->setToolTip(tr("Follows from the folder structure"));
    m_groupPrefix->setPlaceholderText(tr("e.g. TestFacility-"));
    m_threads->setRange(1, 64);
    for (QSpinBox *spin : {m_threads, m_retries})
        spin->setMinimumWidth(fontMetrics().averageCharWidth() * 10);
    m_retries->setRange(0, 100);

    auto *folders = new QGroupBox(tr("Data folders"), this);
    auto *ff = new QFormLayout(folders);
    ff->addRow(tr("Folder structure:"), m_structure);
    ff->addRow(tr("Dataset grouping:"), m_grouping);
    ff->addRow(tr("User group prefix:"), m_groupPrefix);
    ff->addRow(QString(), m_validate);
    ff->addRow(QString(), m_uploadInvalid);

    auto *uploads = new QGroupBox(tr("Uploads"), this);
    auto *fu = new QFormLayout(uploads);
    fu->addRow(tr("Parallel uploads:"), m_threads);
    fu->addRow(tr("Retries per file:"), m_retries);

    auto *system = new QGroupBox(tr("This computer"), this);
    auto *vs = new QVBoxLayout(system);
    vs->addWidget(m_autostart);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(folders);
    layout->addWidget(uploads);
    layout->addWidget(system);
    layout->addStretch(1);

    for (QFormLayout *f : {ff, fu})
        tidyForm(f);

    registerField(SettingKey::FolderStructure, m_structure);
    registerField(SettingKey::DatasetGrouping, m_grouping);
    registerField(SettingKey::GroupPrefix, m_groupPrefix);
    registerField(SettingKey::ValidateFolderStructure, m_validate);
    registerField(SettingKey::StartAutomaticallyOnLogin, m_autostart);
    registerField(SettingKey::UploadInvalidUserFolders, m_uploadInvalid);
    registerField(SettingKey::MaxUploadThreads, m_threads);
    registerField(SettingKey::MaxUploadRetries, m_retries);
    connect(m_structure, &QComboBox::currentTextChanged, this, [this] { updateEnabled(); });
    updateEnabled();
}

QString AdvancedPage::datasetGrouping() const
{
    return m_grouping->text();
}

void AdvancedPage::load(const Settings &s)
{
    const QString structure = s.folderStructure().trimmed();
    if (m_structure->findText(structure) < 0 && !structure.isEmpty())
        m_structure->addItem(structure); // shown as it is; the validator names the problem
    m_structure->setCurrentText(structure);
    m_groupPrefix->setText(s.value(SettingKey::GroupPrefix));
    m_validate->setChecked(s.boolValue(SettingKey::ValidateFolderStructure));
    m_autostart->setChecked(s.boolValue(SettingKey::StartAutomaticallyOnLogin));
    m_uploadInvalid->setChecked(s.boolValue(SettingKey::UploadInvalidUserFolders));
    m_threads->setValue(s.intValue(SettingKey::MaxUploadThreads));
    m_retries->setValue(s.intValue(SettingKey::MaxUploadRetries));
    updateEnabled();
}

void AdvancedPage::store(Settings &s) const
{
    putString(s, SettingKey::FolderStructure, m_structure->currentText());
    // dataset_grouping follows from the structure and nothing reads it
    // back; a value MyData wrote into the file is kept as it was.
    putString(s, SettingKey::GroupPrefix, m_groupPrefix->text().trimmed());
    putBool(s, SettingKey::ValidateFolderStructure, m_validate->isChecked());
    putBool(s, SettingKey::StartAutomaticallyOnLogin, m_autostart->isChecked());
    putBool(s, SettingKey::UploadInvalidUserFolders, m_uploadInvalid->isChecked());
    putInt(s, SettingKey::MaxUploadThreads, m_threads->value());
    putInt(s, SettingKey::MaxUploadRetries, m_retries->value());
}

void AdvancedPage::updateEnabled()
{
    const bool ro = isReadOnly();
    const QString structure = m_structure->currentText();
    m_grouping->setText(datasetGroupingFor(structure));
    m_structure->setEnabled(!ro);
    m_groupPrefix->setReadOnly(ro);
    m_groupPrefix->setEnabled(usesUserGroups(structure));
    for (QCheckBox *c : {m_validate, m_autostart, m_uploadInvalid})
        c->setEnabled(!ro);
    m_threads->setEnabled(!ro);
    m_retries->setEnabled(!ro);
}

} // namespace tardigrade::ui
