#include "TestRunWindow.h"

#include "app/Icons.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace tardigrade::ui {

TestRunWindow::TestRunWindow(QWidget *parent)
    : QDialog(parent), m_heading(new QLabel(this)), m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Tardigrade: Test Run"));
    setWindowIcon(appIcon());
    setModal(false);
    m_heading->setWordWrap(true);
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *save = buttons->addButton(tr("Save As…"), QDialogButtonBox::ActionRole);
    QPushButton *copyButton = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    save->setShortcut(QKeySequence::SaveAs);
    connect(save, &QPushButton::clicked, this, &TestRunWindow::saveAs);
    connect(copyButton, &QPushButton::clicked, this, &TestRunWindow::copy);
    connect(close, &QPushButton::clicked, this, &QDialog::reject); // Esc does the same

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(860, 560);
    setRunning();
}

void TestRunWindow::setRunning()
{
    m_heading->setText(tr("Test Run in progress: Tardigrade is checking what it would upload. Nothing is sent "
                          "to MyTardis."));
    m_text->clear();
    m_text->setPlaceholderText(tr("The report appears here when the Test Run has finished…"));
    m_waiting = true;
}

void TestRunWindow::setEndedWithoutReport(const QString &sentence)
{
    m_waiting = false;
    m_heading->setText(tr("The Test Run stopped before it could make a report:"));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth); // a sentence, not a table
    m_text->setPlainText(sentence);
}

void TestRunWindow::setReport(const QString &text)
{
    m_heading->setText(tr("Test Run of %1: what an upload run would do now. Nothing was sent to MyTardis.")
                           .arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat)));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap); // columns stay aligned
    m_text->setPlainText(text);
    m_waiting = false;
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
    file.write(reportText().toUtf8());
    if (!file.commit())
        return Error::user(
            tr("Cannot write %1: %2. Choose another folder.").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

void TestRunWindow::saveAs()
{
    const QString suggested =
        QDir::home().filePath(QStringLiteral("tardigrade-test-run-%1.txt")
                                  .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
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
    QString selected = m_text->textCursor().selectedText();
    // QTextCursor marks line breaks with U+2029.
    QApplication::clipboard()->setText(selected.isEmpty() ? reportText()
                                                          : selected.replace(QChar(0x2029), QLatin1Char('\n')));
}

} // namespace tardigrade::ui
