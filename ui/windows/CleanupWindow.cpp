#include "CleanupWindow.h"

#include "ScreenFit.h"
#include "app/CleanupJob.h"
#include "app/Icons.h"
#include "cleanup/CleanupSession.h"
#include "models/CleanupTableModel.h"
#include "models/Formatting.h"
#include "settings/SettingsFile.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace tardigrade::ui {

namespace {

// Counts: "1 file", "3 files". The singular is its own string so English
// (shown without a translation) reads right; a translation gives "%n files"
// its language's plural forms (and "1 file" its singular).
QString filesText(int n)
{
    return n == 1 ? CleanupWindow::tr("1 file") : CleanupWindow::tr("%n files", nullptr, n);
}

QString daysText(int n)
{
    return n == 1 ? CleanupWindow::tr("1 day") : CleanupWindow::tr("%n days", nullptr, n);
}

} // namespace

CleanupWindow::CleanupWindow(const QString &configFile, QWidget *parent)
    : QDialog(parent), m_configFile(configFile), m_job(new CleanupJob(configFile, this)),
      m_model(new CleanupTableModel(this)), m_off(new QLabel(this)), m_days(new QSpinBox(this)),
      m_find(new QPushButton(tr("Find"), this)), m_busy(new QProgressBar(this)),
      m_stop(new QPushButton(tr("Stop"), this)), m_table(new QTableView(this)),
      m_totals(new QLabel(this)), m_selectAll(new QPushButton(tr("Select All"), this)),
      m_selectNone(new QPushButton(tr("Select None"), this)),
      m_delete(new QPushButton(tr("Delete Selected…"), this)), m_running(new QLabel(this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Cleanup"));
    setWindowIcon(appIcon());
    setModal(false);

    auto *intro = new QLabel(tr("Files in the data directory that MyTardis holds verified copies of, with the same "
                                "checksum. Deleting them frees space on this computer; the copies in MyTardis "
                                "stay. Each file is checked again just before it is deleted."),
                             this);
    intro->setWordWrap(true);
    m_off->setWordWrap(true);
    m_off->setObjectName(QStringLiteral("cleanupOff"));
    m_off->setStyleSheet(QStringLiteral("QLabel#cleanupOff { background: palette(alternate-base); "
                                        "border: 1px solid palette(mid); padding: 6px; }"));
    m_days->setRange(0, 36500);
    m_days->setSuffix(tr(" days"));
    m_days->setMinimumWidth(fontMetrics().averageCharWidth() * 12);
    m_find->setDefault(true);
    m_busy->setRange(0, 0); // busy, no percentage (Delete sets one)
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(fontMetrics().averageCharWidth() * 24);
    m_busy->hide();
    m_stop->setAutoDefault(false);
    m_stop->setToolTip(tr("Stops after the file being checked; files not yet checked stay."));
    m_stop->hide();

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(CleanupTableModel::SortRole);
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CleanupTableModel::PathColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(CleanupTableModel::PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CleanupTableModel::SizeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CleanupTableModel::AgeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CleanupTableModel::NoteColumn, QHeaderView::Interactive);
    m_running->setWordWrap(true);
    m_running->setText(tr("Delete waits while an upload runs, which may be reading these files; it is back "
                          "when the run ends."));
    m_running->hide();
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *ageRow = new QHBoxLayout;
    ageRow->addWidget(new QLabel(tr("Files older than:"), this));
    ageRow->addWidget(m_days);
    ageRow->addWidget(m_find);
    ageRow->addSpacing(12);
    ageRow->addWidget(m_busy);
    ageRow->addWidget(m_stop);
    ageRow->addStretch(1);

    auto *selectRow = new QHBoxLayout;
    selectRow->addWidget(m_totals, 1);
    selectRow->addWidget(m_selectAll);
    selectRow->addWidget(m_selectNone);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_delete, QDialogButtonBox::DestructiveRole);
    m_delete->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_off);
    layout->addLayout(ageRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(selectRow);
    layout->addWidget(m_running);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_find, &QPushButton::clicked, this, &CleanupWindow::find);
    connect(m_stop, &QPushButton::clicked, this, &CleanupWindow::stop);
    connect(m_delete, &QPushButton::clicked, this, &CleanupWindow::deleteSelected);
    connect(m_selectAll, &QPushButton::clicked, m_model, [this] { m_model->setAllChecked(true); });
    connect(m_selectNone, &QPushButton::clicked, m_model, [this] { m_model->setAllChecked(false); });
    connect(m_model, &CleanupTableModel::checkedChanged, this, &CleanupWindow::updateTotals);
    connect(m_job, &CleanupJob::progress, this, [this](int done, int deleted, int total) {
        m_deletedSoFar = deleted;
        m_busy->setRange(0, qMax(1, total));
        m_busy->setValue(done);
    });

    resizeToFit(this, QSize(760, 480)); // no bigger than a small screen
    reloadSettings();
}

CleanupWindow::~CleanupWindow() = default;

bool CleanupWindow::isBusy() const
{
    return m_job->isBusy();
}

QString CleanupWindow::deletedSoFarText() const
{
    return m_deletedSoFar == 1 ? tr("1 file deleted so far; the rest stay.")
                               : tr("%n files deleted so far; the rest stay.", nullptr, m_deletedSoFar);
}

void CleanupWindow::stop()
{
    if (!m_job->isBusy())
        return;
    m_job->cancel();
    m_stop->setEnabled(false);
    m_status->setText(tr("Stopping after the file being checked…"));
}

void CleanupWindow::setUploadRunning(bool running)
{
    m_uploadRunning = running;
    m_running->setVisible(running && m_allowed);
    updateTotals();
}

bool CleanupWindow::mayClose()
{
    if (!m_job->isBusy())
        return true;
    if (m_closeWhenIdle) { // stopping already: nothing more to ask
        hide();
        return false;
    }
    QMessageBox ask(QMessageBox::Question, tr("Stop Cleanup"), tr("Stop cleaning up?"), QMessageBox::NoButton, this);
    ask.setObjectName(QStringLiteral("cleanupStopQuestion"));
    ask.setInformativeText(m_deleting ? deletedSoFarText() : tr("Nothing has been deleted yet."));
    QPushButton *stopButton = ask.addButton(tr("Stop"), QMessageBox::DestructiveRole);
    QPushButton *keep = ask.addButton(tr("Keep Going"), QMessageBox::RejectRole);
    ask.setDefaultButton(keep); // Enter must not stop it
    ask.exec();
    if (ask.clickedButton() != stopButton)
        return false;
    if (!m_job->isBusy())
        return true; // it ended while the question was open
    // The file being checked finishes first (or its server question times
    // out): the window hides now and goes when the work has ended, so the
    // GUI thread never waits for it.
    stop();
    m_closeWhenIdle = true;
    hide();
    return false;
}

void CleanupWindow::closeEvent(QCloseEvent *event)
{
    if (mayClose())
        QDialog::closeEvent(event);
    else
        event->ignore();
}

void CleanupWindow::reject()
{
    if (mayClose())
        QDialog::reject();
}

void CleanupWindow::reloadSettings()
{
    // The file alone: the GUI thread does not wait for the keychain.
    const Result<Settings> s = SettingsFile::loadWithoutSecret(m_configFile);
    const Settings settings = s ? *s : Settings();
    const QString off = CleanupSession::notAllowedSentence(settings);
    m_allowed = off.isEmpty();
    m_off->setText(off);
    m_off->setVisible(!m_allowed);
    m_running->setVisible(m_uploadRunning && m_allowed);
    if (!m_job->isBusy() && m_model->totalCount() == 0)
        m_days->setValue(qMax(0, settings.intValue(SettingKey::CleanupOlderThanDays)));
    if (!s)
        m_status->setText(s.error().message);
    setBusy(m_job->isBusy());
}

void CleanupWindow::setBusy(bool busy, const QString &what)
{
    m_find->setEnabled(m_allowed && !busy);
    m_days->setEnabled(m_allowed && !busy);
    m_table->setEnabled(!busy);
    m_busy->setVisible(busy);
    m_stop->setVisible(busy);
    if (busy && !what.isEmpty()) { // starting (not a settings reload while it runs)
        m_busy->setRange(0, 0);
        m_stop->setEnabled(true);
        m_status->setText(what);
    } else if (!busy) {
        m_deleting = false;
        if (std::exchange(m_closeWhenIdle, false) && !isVisible()) // closed while it ran, not shown again since
            QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection); // not from within the job
    }
    updateTotals();
}

void CleanupWindow::updateTotals()
{
    const int all = m_model->totalCount();
    const int ticked = m_model->checkedCount();
    m_totals->setText(all == 0 ? QString()
                               : tr("%1 found (%2); %3 selected (%4).")
                                     .arg(filesText(all), formatBytes(m_model->totalBytes()), filesText(ticked),
                                          formatBytes(m_model->checkedBytes())));
    const bool idle = !m_job->isBusy();
    m_selectAll->setEnabled(idle && ticked < all);
    m_selectNone->setEnabled(idle && ticked > 0);
    m_delete->setEnabled(m_allowed && idle && ticked > 0 && !m_uploadRunning);
}

QString CleanupWindow::confirmationText() const
{
    return tr("Delete %1 (%2) from this PC? The server holds verified copies.")
        .arg(filesText(m_model->checkedCount()), formatBytes(m_model->checkedBytes()));
}

void CleanupWindow::find()
{
    if (!m_allowed || m_job->isBusy())
        return;
    const int days = m_days->value();
    m_model->clear();
    setBusy(true, tr("Looking for files older than %1 that the server holds verified…").arg(daysText(days)));
    m_job->find(days, [this, days](const Result<CleanupFindings> &found) {
        if (!found) {
            m_model->clear();
            setBusy(false);
            m_status->setText(found.error().kind == ErrorKind::Cancelled ? tr("Stopped looking; nothing was deleted.")
                                                                          : found.error().message);
        } else {
            m_model->setCandidates(found->candidates, QDateTime::currentDateTimeUtc());
            setBusy(false);
            QStringList lines;
            lines << (found->candidates.isEmpty()
                          ? tr("No file older than %1 is held verified by the server with the same checksum.")
                                .arg(daysText(days))
                          : tr("%1 (%2) can be deleted: the server holds verified copies.")
                                .arg(filesText(int(found->candidates.size())), formatBytes(found->totalBytes)));
            lines += found->notes;
            m_status->setText(lines.join(QLatin1Char('\n')));
        }
        emit findFinished();
    });
}

void CleanupWindow::deleteSelected()
{
    if (!m_allowed || m_job->isBusy() || m_uploadRunning || m_model->checkedCount() == 0)
        return;
    QMessageBox ask(QMessageBox::Warning, tr("Delete Files"), confirmationText(), QMessageBox::NoButton, this);
    ask.setObjectName(QStringLiteral("cleanupConfirmation"));
    ask.setInformativeText(tr("Each file is checked again before it goes: its checksum on this PC and the "
                              "server's verified copy must still agree. Deleted files cannot be restored from "
                              "this PC."));
    QPushButton *yes = ask.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    QPushButton *no = ask.addButton(QMessageBox::Cancel);
    ask.setDefaultButton(no); // Enter must not delete
    ask.exec();
    if (ask.clickedButton() != yes || m_uploadRunning) // a run may have started meanwhile
        return;

    const QVector<CleanupCandidate> files = m_model->checkedCandidates();
    m_deleting = true;
    m_deletedSoFar = 0;
    setBusy(true, tr("Checking and deleting %1…").arg(filesText(int(files.size()))));
    m_job->remove(files, [this](const Result<CleanupOutcome> &outcome) {
        if (!outcome) {
            setBusy(false);
            m_status->setText(outcome.error().message);
        } else {
            m_model->applyOutcome(*outcome);
            setBusy(false);
            const int deleted = int(outcome->deleted.size());
            QString text = outcome->cancelled
                               ? tr("Stopped: %1 of %2 deleted, %3 freed; the files not yet checked are still on "
                                    "this PC.")
                                     .arg(QString::number(deleted), filesText(outcome->total),
                                          formatBytes(outcome->bytesFreed))
                               : tr("Deleted %1 (%2) from this PC.")
                                     .arg(filesText(deleted), formatBytes(outcome->bytesFreed));
            if (!outcome->refused.isEmpty())
                text += QLatin1Char(' ') + tr("%1 left in place: the table says why.")
                                               .arg(filesText(int(outcome->refused.size())));
            m_status->setText(text);
        }
        emit deleteFinished();
    });
}

} // namespace tardigrade::ui
