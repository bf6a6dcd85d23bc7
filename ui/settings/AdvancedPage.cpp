#include "AdvancedPage.h"

#include "DatasetGrouping.h"
#include "FieldLabels.h"
#include "PathField.h"
#include "SettingsFields.h"
#include "app/StartWindowState.h"
#include "settings/Settings.h"
#include "settings/SettingsSchema.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
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
      m_threads(new QSpinBox(this)), m_retries(new QSpinBox(this)), m_uploadMethod(new QComboBox(this)),
      m_uploadMethodNote(new QLabel(this))
{
    // upload_method is free text in the file (MyData's older files say
    // "SCP" or "HTTP POST"); the engine takes anything with "post" in it
    // as HTTP POST and everything else as staging.
    m_uploadMethod->addItem(tr("Staging, once approved (HTTP POST until then)"), QStringLiteral("Staging"));
    m_uploadMethod->addItem(tr("HTTP POST"), QStringLiteral("HTTP POST"));
    m_uploadMethodNote->setText(tr("HTTP POST sends large files in resumable chunks when the server offers it."));
    m_uploadMethodNote->setWordWrap(true);
    // Wrapped labels in a form pick a narrow width of their own: this one
    // takes about a line's worth (and stays within a small screen).
    m_uploadMethodNote->setMinimumWidth(fontMetrics().averageCharWidth() * 56);
    m_uploadInvalid->setToolTip(tr("Their data goes to the facility account; unticked, they are skipped and the "
                                   "log says why."));
    m_uploadMethodNote->setForegroundRole(QPalette::PlaceholderText);
    m_structure->addItems(folderStructureNames());
    m_grouping->setReadOnly(true);
    m_grouping->setFocusPolicy(Qt::NoFocus);
    m_grouping->setToolTip(tr("How experiments will be titled: follows from the folder structure and the "
                              "instrument name"));
    m_groupPrefix->setPlaceholderText(tr("e.g. TestFacility-"));
    m_threads->setRange(1, 64);
    for (QSpinBox *spin : {m_threads, m_retries})
        spin->setMinimumWidth(fontMetrics().averageCharWidth() * 10);
    m_retries->setRange(0, 100);

    auto *folders = new QGroupBox(tr("Data folders"), this);
    auto *ff = new QFormLayout(folders);
    ff->addRow(tr("Folder structure:"), m_structure);
    ff->addRow(tr("Dataset grouping:"), m_grouping); // the experiment title, as it will be made
    ff->addRow(tr("User group prefix:"), m_groupPrefix);
    ff->addRow(QString(), m_validate);
    ff->addRow(QString(), m_uploadInvalid);

    auto *uploads = new QGroupBox(tr("Uploads"), this);
    auto *fu = new QFormLayout(uploads);
    fu->addRow(tr("Upload method:"), m_uploadMethod);
    fu->addRow(QString(), m_uploadMethodNote);
    fu->addRow(tr("Parallel uploads:"), m_threads);
    fu->addRow(tr("Retries per file:"), m_retries);
    // upload_changed_as_versions: off, a same-named file with other content
    // is reported as a conflict and a person decides.
    m_versions = new QCheckBox(FieldLabels::of(SettingKey::UploadChangedAsVersions), this);
    m_versions->setToolTip(tr("When MyTardis already holds a different file under a file's name (a frame "
                              "acquired again), upload it as \"name (2).ext\", the first free name, instead of "
                              "only reporting the conflict."));
    fu->addRow(QString(), m_versions);

    auto *system = new QGroupBox(tr("This computer"), this);
    auto *vs = new QVBoxLayout(system);
    vs->addWidget(m_autostart);
    // start_window_state: each choice says what it does; the tray icon only
    // (Minimized) is how the app has always started.
    m_startState = new QComboBox(this);
    for (StartWindowState state : startWindowStates())
        m_startState->addItem(startWindowStateText(state), startWindowStateValue(state));
    m_startState->setToolTip(tr("Where the desktop has no tray, the window is always shown."));
    auto *startRow = new QFormLayout;
    startRow->addRow(tr("On start, show:"), m_startState);
    tidyForm(startRow);
    vs->addLayout(startRow);
    // Off by default: an instrument PC asks the internet nothing unasked.
    m_checkUpdates = new QCheckBox(tr("Check for a newer release (once a day)"), this);
    m_checkUpdates->setToolTip(tr("Reads the project's release page in the background and shows a notice "
                                  "when a newer version is out. Nothing is downloaded or installed."));
    vs->addWidget(m_checkUpdates);

    // Cleanup (the window opened from the menu) deletes local files: off
    // unless allowed here, and locked settings keep it as it is.
    auto *cleanup = new QGroupBox(tr("Cleanup"), this);
    auto *fc = new QFormLayout(cleanup);
    m_allowCleanup = new QCheckBox(tr("Allow deleting local copies the server holds verified"), this);
    m_allowCleanup->setToolTip(tr("Lets Cleanup delete files from this computer once MyTardis holds verified "
                                  "copies with the same checksum; each deletion is confirmed first."));
    m_cleanupDays = new QSpinBox(this);
    m_cleanupDays->setRange(0, 36500);
    m_cleanupDays->setSuffix(tr(" days"));
    m_cleanupDays->setMinimumWidth(fontMetrics().averageCharWidth() * 10);
    fc->addRow(QString(), m_allowCleanup);
    fc->addRow(tr("Offer files older than:"), m_cleanupDays);
    tidyForm(fc);
    connect(m_allowCleanup, &QCheckBox::toggled, this, [this] { updateEnabled(); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(folders);
    layout->addWidget(uploads);
    layout->addWidget(system);
    layout->addWidget(networkBox());
    layout->addWidget(cleanup);
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
    registerField(SettingKey::UploadChangedAsVersions, m_versions);
    registerField(SettingKey::AllowCleanup, m_allowCleanup);
    registerField(SettingKey::CleanupOlderThanDays, m_cleanupDays);
    registerField(SettingKey::UploadMethod, m_uploadMethod);
    registerField(SettingKey::StartWindowState, m_startState);
    registerField(SettingKey::CheckForUpdates, m_checkUpdates, tr("Check for a newer release"));
    connect(m_structure, &QComboBox::currentTextChanged, this, [this] { updateEnabled(); });
    updateEnabled();
}

// ca_certificate and proxy: this PC's way to the server, empty for the
// system's own authorities and proxy (neither is sent to the server).
QGroupBox *AdvancedPage::networkBox()
{
    auto *box = new QGroupBox(tr("Network"), this);
    auto *form = new QFormLayout(box);
    m_caCertificate = new PathField(PathField::Kind::File, tr("Choose your site's CA certificate"), this);
    m_caCertificate->setFileFilter(tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    m_caCertificate->lineEdit()->setPlaceholderText(tr("None: the authorities this PC trusts"));
    m_caCertificate->setToolTip(tr("For a server whose certificate your site signed itself: the site's certificate "
                                   "authority (a PEM file), trusted besides this PC's own."));
    m_proxy = new QLineEdit(this);
    m_proxy->setPlaceholderText(tr("None: this PC's proxy settings (e.g. http://proxy.example.org:3128)"));
    m_proxy->setToolTip(tr("A proxy other than this PC's: http://host:port, with user:password@ before the host if "
                           "it asks for a login."));
    form->addRow(tr("CA certificate:"), m_caCertificate);
    form->addRow(tr("Proxy:"), m_proxy);
    tidyForm(form);
    registerField(SettingKey::CaCertificate, m_caCertificate->lineEdit(), FieldLabels::of(SettingKey::CaCertificate));
    registerField(SettingKey::Proxy, m_proxy, FieldLabels::of(SettingKey::Proxy));
    return box;
}

QString AdvancedPage::startWindowStateText(StartWindowState state)
{
    switch (state) {
    case StartWindowState::Normal:
        return tr("The window");
    case StartWindowState::Maximized:
        return tr("The window, maximized");
    case StartWindowState::Minimized:
        break;
    }
    return tr("Only the tray icon (the window opens from it)");
}

QString AdvancedPage::datasetGrouping() const
{
    return m_grouping->text();
}

void AdvancedPage::setInstrumentName(const QString &instrumentName)
{
    m_instrumentName = instrumentName;
    updateEnabled();
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
    m_versions->setChecked(s.boolValue(SettingKey::UploadChangedAsVersions));
    m_uploadMethod->setCurrentIndex(uploadMethodIsPost(s.value(SettingKey::UploadMethod)) ? 1 : 0);
    m_instrumentName = s.instrumentName();
    m_startState->setCurrentIndex(
        qMax(0, m_startState->findData(startWindowStateValue(startWindowStateOf(s)))));
    m_checkUpdates->setChecked(s.boolValue(SettingKey::CheckForUpdates));
    m_allowCleanup->setChecked(s.boolValue(SettingKey::AllowCleanup));
    m_cleanupDays->setValue(s.intValue(SettingKey::CleanupOlderThanDays));
    m_caCertificate->setPath(s.value(SettingKey::CaCertificate));
    m_proxy->setText(s.value(SettingKey::Proxy));
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
    putBool(s, SettingKey::UploadChangedAsVersions, m_versions->isChecked());
    // "SCP" stays "SCP" while the choice is unchanged.
    const QString method = m_uploadMethod->currentData().toString();
    if (uploadMethodIsPost(method) != uploadMethodIsPost(s.value(SettingKey::UploadMethod)))
        s.setRawValue(SettingKey::UploadMethod, method);
    // By meaning, as the put* helpers do: "normal" in the file stays as it is.
    const QString start = m_startState->currentData().toString();
    if (startWindowStateValue(startWindowStateOf(s)) != start)
        s.setRawValue(SettingKey::StartWindowState, start);
    putBool(s, SettingKey::CheckForUpdates, m_checkUpdates->isChecked());
    putBool(s, SettingKey::AllowCleanup, m_allowCleanup->isChecked());
    putInt(s, SettingKey::CleanupOlderThanDays, m_cleanupDays->value());
    putString(s, SettingKey::CaCertificate, m_caCertificate->path());
    putString(s, SettingKey::Proxy, m_proxy->text().trimmed());
}

void AdvancedPage::updateEnabled()
{
    const bool ro = isReadOnly();
    const QString structure = m_structure->currentText();
    m_grouping->setText(experimentTitlePreview(structure, m_instrumentName));
    m_grouping->setCursorPosition(0);
    m_uploadInvalid->setText(FieldLabels::of(SettingKey::UploadInvalidUserFolders, structure));
    m_structure->setEnabled(!ro);
    m_groupPrefix->setReadOnly(ro);
    m_groupPrefix->setEnabled(usesUserGroups(structure));
    for (QCheckBox *c : {m_validate, m_autostart})
        c->setEnabled(!ro);
    // Without user or group folders everything goes to the facility account.
    m_uploadInvalid->setEnabled(!ro && ownerFoldersOf(structure) != OwnerKind::None);
    m_uploadMethod->setEnabled(!ro);
    m_threads->setEnabled(!ro);
    m_retries->setEnabled(!ro);
    m_versions->setEnabled(!ro);
    m_startState->setEnabled(!ro);
    m_checkUpdates->setEnabled(!ro);
    m_allowCleanup->setEnabled(!ro);
    m_cleanupDays->setEnabled(!ro && m_allowCleanup->isChecked());
    m_caCertificate->setReadOnly(ro);
    m_proxy->setReadOnly(ro);
}

} // namespace tardigrade::ui
