#include "LogPage.h"

#include "LogLineDelegate.h"
#include "models/LogModel.h"
#include "util/LogFile.h"
#include "util/TimeText.h"

#include <QAction>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSysInfo>
#include <QVBoxLayout>

namespace tardigrade::ui {

LogPage::LogPage(LogModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_proxy(new QSortFilterProxyModel(this)), m_filter(new QLineEdit(this)),
      m_view(new QListView(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter the log (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &LogPage::setFilter);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WindowShortcut); // as the tables: only the shown tab answers
    connect(find, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(find);

    m_view->setModel(m_proxy);
    // Long lines (a failed file's path and reason) wrap and are read whole;
    // wrapped lines differ in height, so a long log is laid out in batches
    // in the background instead of all at once.
    m_view->setItemDelegate(new LogLineDelegate(m_view));
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(false);
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(500);
    m_view->setResizeMode(QListView::Adjust); // wrap again when the window is resized
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setTextElideMode(Qt::ElideNone);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setAlternatingRowColors(true);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, m_view, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 1)
            m_view->scrollToBottom();
    });

    auto *save = new QPushButton(tr("Save log for support…"), this);
    save->setToolTip(tr("Write the whole log to a file to send to your support contact"));
    connect(save, &QPushButton::clicked, this, &LogPage::saveForSupport);

    // Debug logging: what support asks for when a problem is not clear from
    // the usual lines; it goes to tardigrade.log too, and stays off by
    // default (it is verbose).
    m_debug = new QCheckBox(tr("Debug logging"), this);
    m_debug->setToolTip(tr("Also log the engine's detailed steps, here and in tardigrade.log"));
    m_debug->setChecked(LogFile::isDebug());
    connect(m_debug, &QCheckBox::toggled, this, [](bool on) { LogFile::setDebug(on); });

    // Clears this view only: tardigrade.log keeps every line.
    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setToolTip(tr("Empty this view (the log file keeps every line)"));
    connect(clear, &QPushButton::clicked, this, [this] { m_model->clear(); });
    m_clear = clear;

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_debug);
    top->addWidget(clear);
    top->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
}

void LogPage::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text);
}

int LogPage::visibleLines() const
{
    return m_proxy->rowCount();
}

Status LogPage::saveTo(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::user(tr("Cannot write the log to %1: %2. Choose another folder.")
                               .arg(QDir::toNativeSeparators(path), file.errorString()));
    // Not translated: the header, like the log lines, is read by support.
    QString text = QStringLiteral("Tardigrade %1 log, saved %2\nSystem: %3 (%4)\n\n")
                       .arg(QStringLiteral(TARDIGRADE_VERSION), localTimeText(QDateTime::currentDateTime()),
                            QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture());
    const QStringList lines = m_model->lines();
    for (const QString &line : lines)
        text += line + QLatin1Char('\n');
    file.write(text.toUtf8());
    if (!file.commit())
        return Error::user(tr("Cannot write the log to %1: %2. Choose another folder.")
                               .arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

void LogPage::saveForSupport()
{
    const QString suggested =
        QDir::home().filePath(QStringLiteral("tardigrade-log-%1.txt")
                                  .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save log for support"), suggested,
                                                      tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    const Status saved = saveTo(path);
    if (!saved)
        QMessageBox::warning(this, tr("Save log"), saved.error().message);
}

} // namespace tardigrade::ui
