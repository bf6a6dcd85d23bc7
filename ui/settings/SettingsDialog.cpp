#include "SettingsDialog.h"

#include "AdvancedPage.h"
#include "FieldLabels.h"
#include "FiltersPage.h"
#include "GeneralPage.h"
#include "OkServerChecks.h"
#include "SchedulePage.h"
#include "ScrollingPage.h"
#include "ServerSetNote.h"
#include "SettingsFields.h"
#include "app/Icons.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsImport.h"
#include "settings/SettingsValidator.h"
#include "transfer/SshKeyImport.h"
#include "util/Clock.h"
#include "windows/ScreenFit.h"

#include <QAbstractButton>
#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tardigrade::ui {

namespace {
const QColor kProblemBase(0xfd, 0xe7, 0xe9);
const QColor kProblemText(0xb7, 0x1c, 0x1c);
const char *const kProblemProperty = "tardigradeProblem";

void markProblem(QWidget *w, bool problem)
{
    w->setProperty(kProblemProperty, problem);
    if (!problem) {
        w->setPalette(QPalette());
        return;
    }
    QPalette p = w->palette();
    p.setColor(QPalette::Base, kProblemBase);
    p.setColor(QPalette::Button, kProblemBase);
    p.setColor(QPalette::WindowText, kProblemText);
    w->setPalette(p);
}
} // namespace

SettingsDialog::SettingsDialog(const QString &configFile, QWidget *parent)
    : QDialog(parent), m_configFile(configFile), m_clock(&Clock::system()), m_lockBanner(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_problemsTitle(new QLabel(this)), m_problems(new QListWidget(this)),
      m_lockButton(new QPushButton(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Help, this)),
      m_busyText(new QLabel(this)), m_busyBar(new QProgressBar(this))
{
    setWindowTitle(tr("Settings")); // the platform adds " — Tardigrade"
    setWindowIcon(appIcon());

    m_pages = {new GeneralPage(this), new SchedulePage(this), new FiltersPage(this), new AdvancedPage(this)};
    for (SettingsPage *p : m_pages)
        m_tabs->addTab(scrollingPage(p), p->title()); // fits small screens; the page scrolls
    // The Advanced page previews experiment titles with the instrument name;
    // the Filters page names folders as the structure does.
    if (auto *instrument = qobject_cast<QLineEdit *>(fieldFor(SettingKey::InstrumentName)))
        connect(instrument, &QLineEdit::textChanged, static_cast<AdvancedPage *>(m_pages.at(AdvancedTab)),
                &AdvancedPage::setInstrumentName);
    if (auto *structure = qobject_cast<QComboBox *>(fieldFor(SettingKey::FolderStructure)))
        connect(structure, &QComboBox::currentTextChanged, static_cast<FiltersPage *>(m_pages.at(FiltersTab)),
                &FiltersPage::setFolderStructure);
    m_serverSetNote = new ServerSetNote([this](SettingKey key) { return fieldFor(key); }, this);

    m_lockBanner->setWordWrap(true);
    m_lockBanner->setText(tr("<b>These settings are locked.</b> Every field is read-only. An administrator can "
                             "unlock them with the API key of the facility account."));
    m_lockBanner->setAutoFillBackground(true);
    m_lockBanner->setMargin(8);
    QPalette bannerPalette = m_lockBanner->palette();
    bannerPalette.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xd6));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x5d, 0x40, 0x00));
    m_lockBanner->setPalette(bannerPalette);

    m_problemsTitle->setText(tr("<b>Not saved.</b> Please fix these first (click one to go to its field):"));
    QPalette titlePalette = m_problemsTitle->palette();
    titlePalette.setColor(QPalette::WindowText, kProblemText);
    m_problemsTitle->setPalette(titlePalette);
    m_problems->setWordWrap(true);
    m_problems->setTextElideMode(Qt::ElideNone);
    m_problems->setSpacing(3);
    m_problems->setIconSize(QSize(16, 16));
    m_problems->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_problems, &QListWidget::itemClicked, this, &SettingsDialog::jumpToProblem);
    connect(m_problems, &QListWidget::itemActivated, this, &SettingsDialog::jumpToProblem);

    connect(m_lockButton, &QPushButton::clicked, this, [this] {
        if (m_locked)
            promptUnlock();
        else
            lock();
    });

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons, &QDialogButtonBox::helpRequested, this, &SettingsDialog::helpRequested);
    m_busyBar->setRange(0, 0); // indeterminate: the keychain says nothing of progress
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(120);
    m_busyText->setForegroundRole(QPalette::PlaceholderText);
    m_busyText->setWordWrap(true); // a long sentence must not widen the dialog past a small screen
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_lockButton);
    // A first start with MyData's settings at hand: take them over instead
    // of typing them again (or leaving for `tardigrade config import`).
    if (!QFileInfo::exists(configFile)) {
        m_myData = findMyDataInstallation();
        if (m_myData) {
            m_myDataButton = new QPushButton(tr("Import from MyData"), this);
            m_myDataButton->setToolTip(
                (m_myData->hasKey() ? tr("Take over MyData's settings (%1), its uploader identity and its staging key "
                                         "(%2), so staging access approved for MyData carries over (nothing is "
                                         "saved until OK)")
                                          .arg(QDir::toNativeSeparators(m_myData->configFile),
                                               QDir::toNativeSeparators(m_myData->privateKeyFile))
                                    : tr("Take over MyData's settings (%1) and its uploader identity (nothing is "
                                         "saved until OK)")
                                          .arg(QDir::toNativeSeparators(m_myData->configFile))));
            connect(m_myDataButton, &QPushButton::clicked, this, &SettingsDialog::importFromMyData);
            bottom->addWidget(m_myDataButton);
        }
        m_importButton = new QPushButton(tr("Import MyData.cfg…"), this);
        m_importButton->setToolTip(tr("Fill in these settings from an existing MyData.cfg (nothing is saved "
                                      "until OK)"));
        connect(m_importButton, &QPushButton::clicked, this, [this] {
            const QString file = QFileDialog::getOpenFileName(this, tr("Import MyData Settings"), QDir::homePath(),
                                                              tr("MyData settings (*.cfg);;All files (*)"));
            if (!file.isEmpty())
                importFrom(file);
        });
        bottom->addWidget(m_importButton);
    }
    m_stagingButton = new QPushButton(tr("Request Staging Access…"), this);
    m_stagingButton->setToolTip(tr("Register this computer with the MyTardis server (saving these settings "
                                   "first) and show the key a MyTardis administrator must approve"));
    connect(m_stagingButton, &QPushButton::clicked, this, &SettingsDialog::stagingAccessRequested);
    bottom->addWidget(m_stagingButton);
    bottom->addStretch(1);
    // Help, OK and Cancel on a row of their own: beside the buttons above
    // they would widen the dialog past a small screen.
    auto *closing = new QHBoxLayout;
    closing->addWidget(m_busyText, 1);
    closing->addWidget(m_busyBar);
    closing->addWidget(m_buttons);

    auto *path = new QLabel(tr("Settings file: %1").arg(QDir::toNativeSeparators(configFile)), this);
    path->setForegroundRole(QPalette::PlaceholderText);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Ctrl+S belongs to this window while it is active (the main window's
    // Ctrl+S, Sync Now, is a window shortcut too and stays out of here).
    m_saveCopyAction = new QAction(tr("Save a Copy…"), this);
    m_saveCopyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S)); // the key Sync Now has in the main window
    m_saveCopyAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_saveCopyAction, &QAction::triggered, this, &SettingsDialog::saveCopy);
    addAction(m_saveCopyAction);
    m_saveCopyButton = new QPushButton(m_saveCopyAction->text(), this);
    m_saveCopyButton->setToolTip(tr("Save what the fields say to another MyData.cfg, for another computer or "
                                    "your support contact (%1). The API key is left out unless you ask for it.")
                                     .arg(m_saveCopyAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_saveCopyButton, &QPushButton::clicked, m_saveCopyAction, &QAction::trigger);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(path, 1);
    fileRow->addWidget(m_saveCopyButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_lockBanner);
    layout->addWidget(m_serverSetNote);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problemsTitle);
    layout->addWidget(m_problems);
    layout->addLayout(fileRow);
    layout->addLayout(bottom);
    layout->addLayout(closing);

    // A MyData.cfg dropped anywhere, fields included: the fields that take
    // drops of their own (text) would otherwise swallow it.
    setAcceptDrops(true);
    for (QWidget *w : findChildren<QWidget *>())
        if (w->acceptDrops())
            w->installEventFilter(this);

    setLocked(false); // until the file says otherwise: no banner, the button's text
    clearProblems();
    m_tabs->setCurrentIndex(0);
    resizeToFit(this, QSize(660, 520));
    watchFields();
    startLoading();
}

void SettingsDialog::setBusy(const QString &doing)
{
    const bool busy = !doing.isEmpty();
    m_busyText->setText(doing);
    m_busyText->setVisible(busy);
    m_busyBar->setVisible(busy);
    m_tabs->setEnabled(!busy);
    m_lockButton->setEnabled(!busy);
    if (!busy)
        updateLockButton();
    if (m_importButton)
        m_importButton->setEnabled(!busy);
    if (m_myDataButton)
        m_myDataButton->setEnabled(!busy);
    m_saveCopyAction->setEnabled(!busy);
    m_saveCopyButton->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    // Reading can be abandoned; a save in progress is seen through, so that
    // saved() follows what was written.
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!m_saving);
}

void SettingsDialog::reject()
{
    // Cancel while the server is asked stops the check; nothing is saved.
    if (isCheckingServer()) {
        m_serverChecks->cancel();
        setBusy({});
        return;
    }
    if (!m_saving)
        QDialog::reject();
}

void SettingsDialog::closeEvent(QCloseEvent *event)
{
    if (m_saving)
        event->ignore();
    else
        QDialog::closeEvent(event);
}

void SettingsDialog::startLoading()
{
    setBusy(tr("Reading the settings and the API key…"));
    SettingsFile::loadAsync(m_configFile, this, [this](const Result<Settings> &read) { finishLoading(read); });
}

void SettingsDialog::importFrom(const QString &mydataCfg)
{
    importFile(mydataCfg, false);
}

void SettingsDialog::importFile(const QString &mydataCfg, bool fromMyData)
{
    if (!m_ready || m_saving)
        return;
    m_keyToImport.clear(); // another file: MyData's key no longer goes with the fields
    if (const Status readable = checkImportable(mydataCfg); !readable) {
        showFileProblem(readable.error().message);
        return;
    }
    setBusy(tr("Reading %1…").arg(QDir::toNativeSeparators(mydataCfg)));
    SettingsFile::loadAsync(mydataCfg, this, [this, mydataCfg, fromMyData](const Result<Settings> &read) {
        setBusy({});
        if (!read.ok()) {
            showFileProblem(read.error().message);
            return;
        }
        // The imported file is what the fields stand on, so keys the dialog
        // does not show (uuid, MyData's own) are carried over too.
        const QString uuid = m_loaded.uuid().trimmed();
        m_loaded = read.value();
        // Over settings of its own this installation keeps its name on the
        // server (its approved key): a file from elsewhere must not take it.
        if (!uuid.isEmpty())
            m_loaded.setRawValue(SettingKey::Uuid, uuid);
        showInFields(m_loaded);
        setLocked(m_loaded.boolValue(SettingKey::Locked));
        m_lockedAtLoad = false; // not saved yet: OK must write it
        m_fileProblems.clear();
        clearProblems();
        m_keyToImport = fromMyData ? m_myData->privateKeyFile : QString(); // copied when OK saves (may be none)
        // First start: the button that was used says so (a later drop has none to mark).
        if (QPushButton *used = fromMyData ? m_myDataButton : m_importButton) {
            used->setText(fromMyData ? tr("Imported from MyData") : tr("Imported"));
            used->setToolTip(tr("Imported from %1: check the values, then OK saves them")
                                 .arg(QDir::toNativeSeparators(mydataCfg)));
        }
        if (QPushButton *other = fromMyData ? m_importButton : m_myDataButton)
            other->setText(fromMyData ? tr("Import MyData.cfg…") : tr("Import from MyData"));
        emit imported();
    });
}

void SettingsDialog::importFromMyData()
{
    if (!m_myData || !m_ready || m_saving)
        return;
    // The key is checked now, so a pair that cannot be used is said before
    // the fields change; it is copied when OK saves.
    if (m_myData->hasKey()) {
        if (const Result<SshKeyImport> key = SshKeyImport::check(m_myData->privateKeyFile, m_configFile); !key) {
            showFileProblem(key.error().message);
            return;
        }
    }
    importFile(m_myData->configFile, true);
}

Status SettingsDialog::copyImportedKey()
{
    if (m_keyToImport.isEmpty())
        return {};
    const Result<SshKeyImport> key = SshKeyImport::check(m_keyToImport, m_configFile);
    if (!key)
        return key.error();
    if (const Result<SshIdentity> copied = key->install(); !copied)
        return copied.error();
    m_keyToImport.clear();
    return {};
}

void SettingsDialog::importDropped(const QString &mydataCfg)
{
    if (!m_ready || m_saving)
        return;
    // Locked fields are read-only; a dropped file must not be a way round.
    if (m_locked) {
        showFileProblem(tr("These settings are locked: unlock them before importing %1.")
                            .arg(QDir::toNativeSeparators(mydataCfg)));
        return;
    }
    if ((QFileInfo::exists(m_configFile) || hasUnsavedChanges()) && !confirmReplace(mydataCfg))
        return;
    importFrom(mydataCfg);
}

bool SettingsDialog::confirmReplace(const QString &mydataCfg)
{
    if (m_confirmReplace)
        return m_confirmReplace(mydataCfg);
    return QMessageBox::question(this, tr("Import Settings"),
                                 tr("Replace the fields with the settings in %1? Nothing is saved until OK.")
                                     .arg(QDir::toNativeSeparators(mydataCfg)),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes) == QMessageBox::Yes;
}

void SettingsDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedSettingsFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void SettingsDialog::dragMoveEvent(QDragMoveEvent *event)
{
    if (!droppedSettingsFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void SettingsDialog::dropEvent(QDropEvent *event)
{
    const QString file = droppedSettingsFile(event->mimeData());
    if (file.isEmpty())
        return;
    event->acceptProposedAction();
    // After the drop has ended: the question must not run inside the
    // platform's drag loop.
    QMetaObject::invokeMethod(this, [this, file] { importDropped(file); }, Qt::QueuedConnection);
}

bool SettingsDialog::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove:
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        if (droppedSettingsFile(drop->mimeData()).isEmpty())
            break;
        if (event->type() == QEvent::Drop)
            dropEvent(drop);
        else
            drop->acceptProposedAction();
        return true;
    }
    default:
        break;
    }
    return QDialog::eventFilter(watched, event);
}

void SettingsDialog::saveCopy()
{
    if (!m_ready || m_saving || !m_copyChooser)
        return;
    const Settings fields = settingsFromFields();
    const std::optional<SettingsCopyChoice> choice = m_copyChooser(this, !fields.apiKey().trimmed().isEmpty());
    if (!choice)
        return;
    if (const Status written = writeSettingsCopy(fields, *choice); !written) {
        QMessageBox::warning(this, tr("Save a Copy"), written.error().message);
        return;
    }
    emit copySaved(choice->path);
}

void SettingsDialog::showInFields(const Settings &settings)
{
    // Unset date and time fields start from the dialog's clock (next hour).
    static_cast<SchedulePage *>(m_pages.at(ScheduleTab))->setNow(m_clock->now());
    for (SettingsPage *p : std::as_const(m_pages))
        p->load(settings);
}

void SettingsDialog::finishLoading(const Result<Settings> &read)
{
    setBusy({});
    if (read.ok())
        m_loaded = read.value();
    showInFields(m_loaded);
    m_lockedAtLoad = m_loaded.boolValue(SettingKey::Locked);
    setLocked(m_lockedAtLoad);
    m_serverSetNote->showFor(m_configFile, m_loaded);
    if (!read.ok()) // the fields show defaults; saving writes a good file
        showFileProblem(read.error().message);
    m_ready = true;
    emit loaded();
}

SettingsDialog::~SettingsDialog() = default;

Settings SettingsDialog::settingsFromFields() const
{
    Settings s = m_loaded;
    for (SettingsPage *p : m_pages)
        p->store(s);
    putBool(s, SettingKey::Locked, m_locked);
    return s;
}

bool SettingsDialog::hasUnsavedChanges() const
{
    return m_ready && !(settingsFromFields() == m_loaded);
}

void SettingsDialog::setLocked(bool locked)
{
    m_locked = locked;
    for (SettingsPage *p : m_pages)
        p->setReadOnly(locked);
    m_lockBanner->setVisible(locked);
    m_lockButton->setText(locked ? tr("Unlock…") : tr("Lock"));
    m_lockButton->setToolTip(locked ? tr("Make the settings editable (asks for the facility account's API key)")
                                    : tr("Make every field read-only until the facility account's API key is "
                                         "entered; takes effect when saved"));
    updateLockButton();
}

Status SettingsDialog::unlockWith(const QString &apiKey)
{
    if (!m_locked)
        return {};
    // The key the settings hold is the facility account's (the username of
    // these settings): the one secret an administrator has. Locked before
    // the first save, the key is the one just entered in the fields.
    const QString entered = apiKey.trimmed();
    const QString saved = m_loaded.apiKey().trimmed();
    const QString typed = settingsFromFields().apiKey().trimmed();
    const QString account = facilityAccount();
    if (saved.isEmpty() && typed.isEmpty())
        return Error::user(tr("No API key is entered yet, so nothing can unlock these settings: enter the "
                              "facility account's API key on the General page first."));
    if (entered.isEmpty() || (entered != saved && entered != typed))
        return Error::user((account.isEmpty() ? tr("That is not the API key of the facility account: ask your "
                                                   "MyTardis administrator, or copy it from the account's "
                                                   "profile page.")
                                              : tr("That is not the API key of the facility account \"%1\": ask "
                                                   "your MyTardis administrator, or copy it from the account's "
                                                   "profile page.")
                                                    .arg(account)));
    setLocked(false);
    return {};
}

QString SettingsDialog::facilityAccount() const
{
    const QString saved = m_loaded.username().trimmed();
    return saved.isEmpty() ? settingsFromFields().username().trimmed() : saved;
}

void SettingsDialog::lock()
{
    // Locked without any API key, nobody could ever unlock it.
    if (!canLock())
        return;
    setLocked(true);
}

void SettingsDialog::promptUnlock()
{
    bool ok = false;
    const QString account = facilityAccount();
    const QString key = QInputDialog::getText(
        this, tr("Unlock Settings"),
        account.isEmpty() ? tr("Enter the MyTardis API key of the facility account:")
                          : tr("Enter the MyTardis API key of the facility account \"%1\":").arg(account),
        QLineEdit::Password, QString(), &ok);
    if (!ok)
        return;
    const Status unlocked = unlockWith(key);
    if (!unlocked)
        QMessageBox::warning(this, tr("Unlock Settings"), unlocked.error().message);
}

bool SettingsDialog::apply()
{
    if (!m_ready || m_saving || isCheckingServer())
        return false;
    Settings s = settingsFromFields();
    keepUuidFromDisk(s);
    const QStringList problems = SettingsValidator::validateLocally(s, *m_clock);
    if (!problems.isEmpty()) {
        showProblems(problems);
        return false;
    }
    startSaving(s);
    return m_saving; // false when MyData's key could not be copied (the problem is listed)
}

void SettingsDialog::startSaving(const Settings &s)
{
    // MyData's key goes first: the settings saved with MyData's uuid expect it.
    if (const Status key = copyImportedKey(); !key) {
        showFileProblem(key.error().message);
        emit saveFailed();
        return;
    }
    m_saving = true;
    emit saving();
    setBusy(tr("Saving…"));
    SettingsFile::saveAsync(s, m_configFile, this, [this, s](const Status &written) { finishSaving(written, s); });
}

void SettingsDialog::keepUuidFromDisk(Settings &s) const
{
    // The uuid is the server's name for this installation (its uploader
    // record, its approved key). A run or a staging request may have given
    // it one since this dialog read the file: saving the dialog's older copy
    // must not take it away, or the next run registers anew and the
    // approval is lost.
    if (!s.uuid().trimmed().isEmpty())
        return;
    QFile file(m_configFile);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const Result<Settings> onDisk = SettingsFile::parse(file.readAll(), m_configFile);
    if (onDisk.ok() && !onDisk->uuid().trimmed().isEmpty())
        s.setRawValue(SettingKey::Uuid, onDisk->uuid());
}

void SettingsDialog::showFileProblem(const QString &sentence)
{
    // Not a field's fault: it stays listed while fields are edited, until
    // the file is read or written again.
    m_fileProblems = {sentence};
    showProblems(m_fileProblems);
}

void SettingsDialog::finishSaving(const Status &written, const Settings &settings)
{
    m_saving = false;
    setBusy({});
    if (!written) {
        m_acceptWhenSaved = false;
        showFileProblem(written.error().message);
        emit saveFailed();
        return;
    }
    m_fileProblems.clear();
    m_serverProblems.clear();
    clearProblems();
    m_loaded = settings;
    m_lockedAtLoad = m_locked;
    m_serverSetNote->showFor(m_configFile, m_loaded);
    emit saved();
    if (m_acceptWhenSaved) {
        m_acceptWhenSaved = false;
        QDialog::accept();
    }
}

void SettingsDialog::accept()
{
    if (!m_ready || m_saving)
        return;
    // Locked since it was opened: nothing can have changed; nothing to save.
    if (m_locked && m_lockedAtLoad) {
        QDialog::accept();
        return;
    }
    if (!m_serverChecks) {
        m_acceptWhenSaved = apply();
        return;
    }
    if (isCheckingServer())
        return;
    Settings s = settingsFromFields();
    keepUuidFromDisk(s);
    if (const QStringList problems = SettingsValidator::validateLocally(s, *m_clock); !problems.isEmpty()) {
        m_serverProblems.clear(); // the server is asked again once these are fixed
        showProblems(problems);
        return;
    }
    checkWithServer(s);
}

// ---- OK's server checks (OkServerChecks): the busy state, the answers

void SettingsDialog::setServerChecks(bool on)
{
    if (on == bool(m_serverChecks))
        return;
    if (!on) {
        m_serverChecks->cancel();
        delete m_serverChecks;
        m_serverChecks = nullptr;
        return;
    }
    m_serverChecks = new OkServerChecks(m_configFile, this);
    connect(m_serverChecks, &OkServerChecks::busy, this, [this](const QString &doing) { setBusy(doing); });
    connect(m_serverChecks, &OkServerChecks::passed, this, [this](const Settings &s) {
        setBusy({});
        m_acceptWhenSaved = true;
        startSaving(s);
        if (!m_saving) // not started (the problem is listed): a later save must not close the dialog
            m_acceptWhenSaved = false;
    });
    connect(m_serverChecks, &OkServerChecks::failed, this, [this](const QStringList &problems) {
        setBusy({});
        showServerProblems(problems, settingsFromFields());
    });
    connect(m_serverChecks, &OkServerChecks::stopped, this, [this] { setBusy({}); });
    connect(m_serverChecks, &OkServerChecks::facilityChosen, this, [this](const QString &facility) {
        setBusy({});
        if (auto *field = qobject_cast<QLineEdit *>(fieldFor(SettingKey::FacilityName)))
            field->setText(facility);
        accept(); // the chosen one is checked as the typed one was
    });
}

void SettingsDialog::setServerCheckQuestions(ServerCheckQuestions questions)
{
    setServerChecks(true);
    m_serverChecks->setQuestions(std::move(questions));
}

bool SettingsDialog::isCheckingServer() const
{
    return m_serverChecks && m_serverChecks->isRunning();
}

const std::optional<SettingsReview> &SettingsDialog::lastServerReview() const
{
    static const std::optional<SettingsReview> none;
    return m_serverChecks ? m_serverChecks->lastReview() : none;
}

void SettingsDialog::checkWithServer(const Settings &s)
{
    m_serverProblems.clear();
    if (!m_fileProblems.isEmpty() || !m_problemTexts.isEmpty())
        clearProblems();
    // Imported from MyData: staging access stands with MyData's key, copied only when saved.
    m_serverChecks->start(s, m_loaded.instrumentName(),
                          m_keyToImport.isEmpty() ? QString() : m_keyToImport + QStringLiteral(".pub"));
}

void SettingsDialog::showServerProblems(const QStringList &problems, const Settings &checked)
{
    m_serverProblems = problems;
    m_serverChecked = checked;
    showProblems(m_fileProblems + problems);
}

QStringList SettingsDialog::serverProblemsFor(const Settings &fields) const
{
    QStringList standing;
    for (const QString &sentence : m_serverProblems) {
        bool unchanged = true;
        for (SettingKey key : keysMentioned(sentence))
            unchanged = unchanged && fields.value(key) == m_serverChecked.value(key);
        if (unchanged)
            standing << sentence;
    }
    return standing;
}

QList<SettingKey> SettingsDialog::keysMentioned(const QString &sentence) const
{
    QList<SettingKey> keys;
    for (SettingsPage *p : m_pages)
        for (SettingKey key : p->keys()) {
            const QRegularExpression word(
                QStringLiteral("(?<![A-Za-z0-9_])%1(?![A-Za-z0-9_])").arg(QRegularExpression::escape(keyName(key))));
            if (word.match(sentence).hasMatch())
                keys << key;
        }
    return keys;
}

int SettingsDialog::pageOfKey(SettingKey key) const
{
    for (int i = 0; i < m_pages.size(); ++i)
        if (m_pages.at(i)->fieldFor(key))
            return i;
    return -1;
}

QWidget *SettingsDialog::fieldFor(SettingKey key) const
{
    const int page = pageOfKey(key);
    return page >= 0 ? m_pages.at(page)->fieldFor(key) : nullptr;
}

bool SettingsDialog::isHighlighted(SettingKey key) const
{
    return m_highlighted.contains(key);
}

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

void SettingsDialog::clearProblems()
{
    for (SettingKey key : std::as_const(m_highlighted))
        if (QWidget *w = fieldFor(key))
            markProblem(w, false);
    m_highlighted.clear();
    m_problemTexts.clear();
    m_problems->clear();
    m_problems->hide();
    m_problems->setMinimumHeight(0);
    m_problems->setMaximumHeight(QWIDGETSIZE_MAX);
    m_problemsTitle->hide();
    for (int i = 0; i < m_tabs->count(); ++i) {
        m_tabs->tabBar()->setTabTextColor(i, QColor());
        m_tabs->setTabIcon(i, QIcon());
    }
}

void SettingsDialog::watchFields()
{
    // Any edit runs the offline checks again while problems are listed, so
    // the list and the red fields follow the fixes instead of going stale
    // until OK. (Spin boxes and date edits report through their line edit.)
    const auto recheck = [this] { recheckProblems(); };
    for (SettingsPage *p : std::as_const(m_pages)) {
        for (QLineEdit *e : p->findChildren<QLineEdit *>())
            connect(e, &QLineEdit::textChanged, this, recheck);
        for (QComboBox *c : p->findChildren<QComboBox *>())
            connect(c, &QComboBox::currentIndexChanged, this, recheck);
        for (QAbstractButton *b : p->findChildren<QAbstractButton *>())
            connect(b, &QAbstractButton::toggled, this, recheck);
    }
}

bool SettingsDialog::canLock() const
{
    return !m_loaded.apiKey().trimmed().isEmpty() || !settingsFromFields().apiKey().trimmed().isEmpty();
}

void SettingsDialog::updateLockButton()
{
    if (m_saving || !m_busyText->text().isEmpty())
        return; // setBusy() decides while busy
    m_lockButton->setEnabled(m_locked || canLock());
    if (!m_locked && !canLock())
        m_lockButton->setToolTip(tr("Enter the facility account's API key first: it is what unlocks the settings"));
}

void SettingsDialog::recheckProblems()
{
    updateLockButton();
    if (!m_ready || m_saving || m_problemTexts.isEmpty())
        return;
    const Settings fields = settingsFromFields();
    const QStringList now =
        m_fileProblems + SettingsValidator::validateLocally(fields, *m_clock) + serverProblemsFor(fields);
    if (now.isEmpty())
        clearProblems();
    else
        showProblems(now, false);
}

namespace {
QString labelText(QString text)
{
    text.remove(QLatin1Char('&'));
    text = text.trimmed();
    if (text.endsWith(QLatin1Char(':')))
        text.chop(1);
    return text.trimmed();
}

bool layoutHolds(QLayoutItem *item, QWidget *w)
{
    if (!item)
        return false;
    if (item->widget())
        return item->widget() == w || item->widget()->isAncestorOf(w);
    if (QLayout *l = item->layout())
        for (int i = 0; i < l->count(); ++i)
            if (layoutHolds(l->itemAt(i), w))
                return true;
    return false;
}
} // namespace

QString SettingsDialog::labelOf(SettingKey key) const
{
    QWidget *w = fieldFor(key);
    if (!w)
        return keyName(key);
    const int page = pageOfKey(key);
    if (const QString named = m_pages.at(page)->fieldLabel(key); !named.isEmpty())
        return named;
    if (auto *box = qobject_cast<QAbstractButton *>(w))
        return labelText(box->text());
    // The label of the form row that holds the field (the field may sit in
    // a row's layout beside a button).
    for (QFormLayout *form : m_pages.at(page)->findChildren<QFormLayout *>())
        for (int row = 0; row < form->rowCount(); ++row)
            if (layoutHolds(form->itemAt(row, QFormLayout::FieldRole), w))
                if (QLayoutItem *label = form->itemAt(row, QFormLayout::LabelRole))
                    if (auto *text = qobject_cast<QLabel *>(label->widget()))
                        return labelText(text->text());
    // In a grid, the first cell of its row: "Ignore datasets older than
    // [6] [months]" names the number and the unit by the check box.
    for (QGridLayout *grid : m_pages.at(page)->findChildren<QGridLayout *>())
        for (int i = 0; i < grid->count(); ++i) {
            if (!layoutHolds(grid->itemAt(i), w))
                continue;
            int row = 0, column = 0, rowSpan = 0, columnSpan = 0;
            grid->getItemPosition(i, &row, &column, &rowSpan, &columnSpan);
            QLayoutItem *first = grid->itemAtPosition(row, 0);
            QWidget *lead = first ? first->widget() : nullptr;
            if (auto *box = qobject_cast<QAbstractButton *>(lead))
                return labelText(box->text());
            if (auto *text = qobject_cast<QLabel *>(lead))
                return labelText(text->text());
        }
    return keyName(key);
}

void SettingsDialog::showProblems(const QStringList &problems, bool jump)
{
    clearProblems();
    int firstPage = -1;
    const QString structure = settingsFromFields().folderStructure(); // labels that follow it
    for (const QString &sentence : problems) {
        m_problemTexts << FieldLabels::inSentence(sentence, structure);
        auto *item = new QListWidgetItem(stateIcon(RunStatus::State::Error), m_problemTexts.constLast(), m_problems);
        const QList<SettingKey> keys = keysMentioned(sentence);
        QVariantList keyIds;
        for (SettingKey key : keys)
            keyIds << int(key);
        item->setData(Qt::UserRole, keyIds);
        for (SettingKey key : keys) {
            QWidget *w = fieldFor(key);
            if (!w)
                continue;
            markProblem(w, true);
            m_highlighted << key;
            const int page = pageOfKey(key);
            m_tabs->tabBar()->setTabTextColor(page, kProblemText);
            m_tabs->setTabIcon(page, stateIcon(RunStatus::State::Error));
            if (firstPage < 0)
                firstPage = page;
        }
    }
    m_problemsTitle->show();
    m_problems->show();
    // Room for about two lines per sentence, up to seven lines: a longer
    // list scrolls inside itself, and the dialog never grows past a small
    // screen (the pages above scroll too).
    const int lines = qMin(int(problems.size()) * 2 + 1, 7);
    m_problems->setFixedHeight(lines * (fontMetrics().lineSpacing() + 3) + 2 * m_problems->frameWidth());
    // While typing, the page being edited stays; after OK, the first problem shows.
    if (jump && firstPage >= 0)
        m_tabs->setCurrentIndex(firstPage);
}

void SettingsDialog::jumpToProblem(QListWidgetItem *item)
{
    const QVariantList keyIds = item->data(Qt::UserRole).toList();
    for (const QVariant &id : keyIds) {
        const SettingKey key = SettingKey(id.toInt());
        if (QWidget *w = fieldFor(key)) {
            m_tabs->setCurrentIndex(pageOfKey(key));
            w->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

} // namespace tardigrade::ui
