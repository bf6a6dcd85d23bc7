#include "SettingsDialog.h"

#include "AdvancedPage.h"
#include "FiltersPage.h"
#include "GeneralPage.h"
#include "SchedulePage.h"
#include "SettingsFields.h"
#include "app/Icons.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsValidator.h"
#include "util/Clock.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QInputDialog>
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
      m_lockButton(new QPushButton(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      m_busyText(new QLabel(this)), m_busyBar(new QProgressBar(this))
{
    setWindowTitle(tr("Tardigrade Settings"));
    setWindowIcon(appIcon());

    m_pages = {new GeneralPage(this), new SchedulePage(this), new FiltersPage(this), new AdvancedPage(this)};
    for (SettingsPage *p : m_pages)
        m_tabs->addTab(p, p->title());

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
    m_busyBar->setRange(0, 0); // indeterminate: the keychain says nothing of progress
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(120);
    m_busyText->setForegroundRole(QPalette::PlaceholderText);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_lockButton);
    bottom->addStretch(1);
    bottom->addWidget(m_busyText);
    bottom->addWidget(m_busyBar);
    bottom->addWidget(m_buttons);

    auto *path = new QLabel(tr("Settings file: %1").arg(QDir::toNativeSeparators(configFile)), this);
    path->setForegroundRole(QPalette::PlaceholderText);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_lockBanner);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problemsTitle);
    layout->addWidget(m_problems);
    layout->addWidget(path);
    layout->addLayout(bottom);

    setLocked(false); // until the file says otherwise: no banner, the button's text
    clearProblems();
    m_tabs->setCurrentIndex(0);
    resize(660, 520);
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
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    // Reading can be abandoned; a save in progress is seen through, so that
    // saved() follows what was written.
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!m_saving);
}

void SettingsDialog::reject()
{
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

void SettingsDialog::finishLoading(const Result<Settings> &read)
{
    setBusy({});
    if (read.ok())
        m_loaded = read.value();
    for (SettingsPage *p : m_pages)
        p->load(m_loaded);
    m_lockedAtLoad = m_loaded.boolValue(SettingKey::Locked);
    setLocked(m_lockedAtLoad);
    if (!read.ok()) // the fields show defaults; saving writes a good file
        showProblems({read.error().message});
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
}

Status SettingsDialog::unlockWith(const QString &apiKey)
{
    if (!m_locked)
        return {};
    // The key the settings themselves hold is the facility account's (the
    // username of these settings): the one secret an administrator has.
    if (apiKey.trimmed() != m_loaded.apiKey().trimmed())
        return Error::user(tr("That is not the API key of the facility account \"%1\": ask your MyTardis "
                              "administrator, or copy it from the account's profile page.")
                               .arg(m_loaded.username()));
    setLocked(false);
    return {};
}

void SettingsDialog::lock()
{
    setLocked(true);
}

void SettingsDialog::promptUnlock()
{
    bool ok = false;
    const QString key =
        QInputDialog::getText(this, tr("Unlock Settings"),
                              tr("Enter the MyTardis API key of the facility account \"%1\":").arg(m_loaded.username()),
                              QLineEdit::Password, QString(), &ok);
    if (!ok)
        return;
    const Status unlocked = unlockWith(key);
    if (!unlocked)
        QMessageBox::warning(this, tr("Unlock Settings"), unlocked.error().message);
}

bool SettingsDialog::apply()
{
    if (!m_ready || m_saving)
        return false;
    const Settings s = settingsFromFields();
    const QStringList problems = SettingsValidator::validateLocally(s, *m_clock);
    if (!problems.isEmpty()) {
        showProblems(problems);
        return false;
    }
    m_saving = true;
    setBusy(tr("Saving…"));
    SettingsFile::saveAsync(s, m_configFile, this, [this, s](const Status &written) { finishSaving(written, s); });
    return true;
}

void SettingsDialog::finishSaving(const Status &written, const Settings &settings)
{
    m_saving = false;
    setBusy({});
    if (!written) {
        m_acceptWhenSaved = false;
        showProblems({written.error().message});
        return;
    }
    clearProblems();
    m_loaded = settings;
    m_lockedAtLoad = m_locked;
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
    m_acceptWhenSaved = apply();
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

void SettingsDialog::showProblems(const QStringList &problems)
{
    clearProblems();
    m_problemTexts = problems;
    int firstPage = -1;
    for (const QString &sentence : problems) {
        auto *item = new QListWidgetItem(stateIcon(RunStatus::State::Error), sentence, m_problems);
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
    // Room for about two lines per sentence (up to a dozen lines), and the
    // dialog grows to give it, so the sentences are read, not scrolled.
    const int lines = qMin(int(problems.size()) * 2 + 1, 12);
    m_problems->setFixedHeight(lines * (fontMetrics().lineSpacing() + 3) + 2 * m_problems->frameWidth());
    const int needed = sizeHint().height();
    if (isVisible() && height() < needed)
        resize(width(), needed);
    if (firstPage >= 0)
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
