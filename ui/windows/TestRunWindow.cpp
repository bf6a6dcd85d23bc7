#include "TestRunWindow.h"

#include "ScreenFit.h"
#include "TestRunTreeView.h"
#include "app/Icons.h"
#include "models/Formatting.h"
#include "settings/FieldLabels.h"
#include "sync/TestRunReport.h"
#include "sync/TestRunTree.h"
#include "util/TimeText.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tardigrade::ui {

namespace {

enum Tab { DatasetsTab, ReportTab };

QString uploadMethodText(const QString &method)
{
    if (method == QLatin1String("staging"))
        return TestRunWindow::tr("SCP to staging");
    if (method == QLatin1String("chunked"))
        return TestRunWindow::tr("HTTP POST (large files in resumable chunks)");
    if (!method.isEmpty())
        return TestRunWindow::tr("HTTP POST");
    return {};
}

// "12 files found in 3 datasets: 9 to upload (1.6 GB), 3 already verified."
QString totalsText(const TestRunTree &tree)
{
    int datasets = 0;
    for (const TestRunOwner &o : tree.owners)
        for (const TestRunExperiment &e : o.experiments)
            datasets += int(e.datasets.size());
    const FileCounts &c = tree.counts;
    QStringList parts;
    parts << TestRunWindow::tr("%1 to upload (%2)").arg(c.toSend()).arg(formatBytes(c.bytesToSend));
    if (c.verify)
        parts << TestRunWindow::tr("%1 to verify").arg(c.verify);
    if (c.alreadyVerified)
        parts << TestRunWindow::tr("%1 already verified").arg(c.alreadyVerified);
    if (c.skipped)
        parts << TestRunWindow::tr("%1 skipped").arg(c.skipped);
    if (c.conflict)
        parts << TestRunWindow::tr("%1 in conflict with a different file of the same name in MyTardis")
                     .arg(c.conflict);
    if (tree.unreadable)
        parts << TestRunWindow::tr("%1 cannot be read").arg(tree.unreadable);
    //: Joins "3 to upload (1.2 MB)", "2 already verified", ...
    const QString separator = TestRunWindow::tr(", ");
    return TestRunWindow::tr("Files found: %1 in %2 datasets; %3.")
        .arg(c.found() + tree.unreadable) // as the report's found
        .arg(datasets)
        .arg(parts.join(separator));
}

} // namespace

TestRunWindow::TestRunWindow(QWidget *parent)
    : QDialog(parent), m_heading(new QLabel(this)), m_checks(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_tree(new TestRunTreeView(this)), m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Test Run")); // the platform adds " — Tardigrade"
    setWindowIcon(appIcon());
    setModal(false);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_checks->setWordWrap(true);
    m_checks->setTextFormat(Qt::RichText);
    m_checks->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Monospace keeps the report as it is saved; wrapped, so a long note or
    // path is read whole without scrolling sideways.
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tabs->addTab(m_tree, tr("Datasets"));
    m_tabs->addTab(m_text, tr("Report"));
    m_tabs->setTabToolTip(ReportTab, tr("The report as Save As… and Copy write it"));

    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("Save As…"), QDialogButtonBox::ActionRole);
    m_copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    m_copy->setToolTip(tr("Copy the report (or the selected part of it) to the clipboard"));
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    m_save->setShortcut(QKeySequence::SaveAs);
    connect(m_save, &QPushButton::clicked, this, &TestRunWindow::saveAs);
    connect(m_copy, &QPushButton::clicked, this, &TestRunWindow::copy);
    connect(close, &QPushButton::clicked, this, &QDialog::reject); // Esc does the same

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_checks);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resizeToFit(this, QSize(900, 600)); // no bigger than a small screen
    setRunning();
}

void TestRunWindow::setRunning()
{
    m_heading->setText(tr("Test Run in progress: Tardigrade is checking what it would upload. Nothing is sent "
                          "to MyTardis."));
    m_checks->hide();
    m_tree->clear();
    m_text->clear();
    m_text->setPlaceholderText(tr("The report appears here when the Test Run has finished…"));
    m_tabs->setTabEnabled(DatasetsTab, false);
    m_tabs->setCurrentIndex(ReportTab);
    m_when = {};
    m_report.clear();
    // Nothing to save or copy until there is a report.
    m_save->setEnabled(false);
    m_copy->setEnabled(false);
    m_waiting = true;
}

void TestRunWindow::setEndedWithoutReport(const QString &sentence)
{
    m_waiting = false;
    m_heading->setText(tr("The Test Run stopped before it could make a report:"));
    m_checks->hide();
    m_tabs->setCurrentIndex(ReportTab);
    m_text->setPlainText(sentence);
}

void TestRunWindow::setTree(const TestRunTree &tree)
{
    m_when = tree.when;
    m_tree->showTree(tree);
    showChecks(tree);
    m_tabs->setTabEnabled(DatasetsTab, true);
    m_tabs->setCurrentIndex(DatasetsTab);
}

QString TestRunWindow::checksText() const
{
    return m_checks->text();
}

void TestRunWindow::showChecks(const TestRunTree &tree)
{
    // Problems first and in the warning colour: they are why a Test Run is made.
    const QString warn = QStringLiteral("<span style=\"color:#b26a00\"><b>%1</b></span> %2");
    QStringList lines;
    for (const QString &p : tree.settingsProblems)
        lines << warn.arg(tr("Problem:"), FieldLabels::inSentence(p).toHtmlEscaped()); // the report keeps the keys
    if (tree.settingsProblems.isEmpty())
        lines << tr("Settings: OK, the settings are valid and the server accepts them.").toHtmlEscaped();
    else // the verdict of an upload with these settings, as `tardigrade test-run` exits with it
        lines << warn.arg(tr("Verdict:"),
                          (tree.settingsProblems.size() == 1
                               ? tr("an upload with these settings would not start: fix the problem above first.")
                               : tr("an upload with these settings would not start: fix the %n problems above first.",
                                    nullptr, int(tree.settingsProblems.size())))
                              .toHtmlEscaped());
    for (const QString &p : tree.scanProblems)
        lines << warn.arg(tr("Scan:"), p.toHtmlEscaped());
    // What the upload would fail on, as `tardigrade test-run` ends with it (exit code 2).
    if (tree.settingsProblems.isEmpty() && tree.unreadable > 0)
        lines << warn.arg(tr("Verdict:"),
                          (tree.unreadable == 1
                               ? tr("an upload would send the rest but not the file or folder it cannot read "
                                    "(above): give the user running Tardigrade permission to read it.")
                               : tr("an upload would send the rest but not the %1 files or folders it cannot read "
                                    "(above): give the user running Tardigrade permission to read them.")
                                     .arg(tree.unreadable))
                              .toHtmlEscaped());
    if (tree.counts.conflict > 0) // a person decides: rename, or upload_changed_as_versions
        lines << warn.arg(tr("Conflict:"),
                          (tree.counts.conflict == 1
                               ? tr("MyTardis holds a different file under the name of one local file; an upload "
                                    "reports it with both checksums and sends nothing for it.")
                               : tr("MyTardis holds different files under the names of %1 local files; an upload "
                                    "reports them with both checksums and sends nothing for them.")
                                     .arg(tree.counts.conflict))
                              .toHtmlEscaped());
    for (const QString &n : tree.notes)
        lines << tr("Note: %1").arg(n).toHtmlEscaped();
    if (!tree.uploadMethod.isEmpty())
        lines << tr("Upload method: %1").arg(uploadMethodText(tree.uploadMethod)).toHtmlEscaped();
    lines << totalsText(tree).toHtmlEscaped();
    m_checks->setText(lines.join(QStringLiteral("<br>")));
    m_checks->show();
}

void TestRunWindow::setReport(const QString &text)
{
    // The heading's time is the run's, as in the report's first line; a
    // report without its tree (not from the engine) names no time.
    m_heading->setText(m_when.isValid()
                           ? tr("Test Run of %1: what an upload run would do now. Nothing was sent to MyTardis.")
                                 .arg(localTimeText(m_when))
                           : tr("Test Run: what an upload run would do now. Nothing was sent to MyTardis."));
    m_report = text;
    m_text->setPlainText(text);
    if (!m_tabs->isTabEnabled(DatasetsTab))
        m_tabs->setCurrentIndex(ReportTab);
    m_save->setEnabled(true);
    m_copy->setEnabled(true);
    m_waiting = false;
}

QString TestRunWindow::heading() const
{
    return m_heading->text();
}

QString TestRunWindow::reportText() const
{
    return m_text->toPlainText();
}

Status TestRunWindow::saveTo(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::user(
            tr("Cannot write %1: %2. Choose another folder.").arg(QDir::toNativeSeparators(path), file.errorString()));
    file.write(m_report.toUtf8());
    if (!file.commit())
        return Error::user(
            tr("Cannot write %1: %2. Choose another folder.").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

void TestRunWindow::saveAs()
{
    const QString suggested = QDir::home().filePath(
        QStringLiteral("tardigrade-test-run-%1.txt")
            .arg((m_when.isValid() ? m_when : QDateTime::currentDateTime()).toString(QStringLiteral("yyyyMMdd-HHmm"))));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Test Run report"), suggested,
                                                      tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    const Status saved = saveTo(path);
    if (!saved)
        QMessageBox::warning(this, windowTitle(), saved.error().message);
}

void TestRunWindow::copy()
{
    QString selected = m_tabs->currentIndex() == ReportTab ? m_text->textCursor().selectedText() : QString();
    // QTextCursor marks line breaks with U+2029.
    QApplication::clipboard()->setText(selected.isEmpty() ? m_report
                                                          : selected.replace(QChar(0x2029), QLatin1Char('\n')));
}

} // namespace tardigrade::ui
