#include "TestRunTreeView.h"

#include "app/Icons.h"
#include "models/Formatting.h"
#include "sync/TestRunTree.h"

#include <QHeaderView>
#include <QStyle>
#include <QStyledItemDelegate>

namespace tardigrade::ui {

namespace {

// Wraps a column's text at the column's width. A tree view asks for row
// heights without saying how wide the cell is, so the default delegate
// cannot wrap and cuts a reason short with "…".
class WrappingDelegate : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeView *view) : QStyledItemDelegate(view), m_view(view) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        opt.rect = QRect(0, 0, m_view->columnWidth(index.column()), 1);
        return QStyledItemDelegate::sizeHint(opt, index);
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->features |= QStyleOptionViewItem::WrapText;
    }

private:
    QTreeView *m_view;
};

// Above this many file rows the datasets start folded: a first Test Run of
// a full instrument lists thousands of files.
constexpr int kExpandFilesUpTo = 100;

QString actionText(CatalogueAction action, qint64 id)
{
    switch (action) {
    case CatalogueAction::Reuse:
        return id ? TestRunTreeView::tr("exists (#%1)").arg(id) : TestRunTreeView::tr("exists");
    case CatalogueAction::Create:
        return TestRunTreeView::tr("created");
    case CatalogueAction::WouldCreate:
        return TestRunTreeView::tr("would be created");
    case CatalogueAction::Skip:
        return TestRunTreeView::tr("skipped");
    }
    return {};
}

QString decisionText(const PlannedFile &f)
{
    QString text;
    switch (f.decision) {
    case FileDecision::Upload:
        text = TestRunTreeView::tr("upload");
        break;
    case FileDecision::Resume:
        text = TestRunTreeView::tr("resume the upload");
        break;
    case FileDecision::Verify:
        text = TestRunTreeView::tr("verify");
        break;
    case FileDecision::AlreadyVerified:
        text = TestRunTreeView::tr("already verified");
        break;
    case FileDecision::Skipped:
        text = TestRunTreeView::tr("skipped");
        break;
    case FileDecision::Conflict:
        text = TestRunTreeView::tr("conflict, not uploaded");
        break;
    }
    return f.reason.isEmpty() ? text : TestRunTreeView::tr("%1: %2").arg(text, f.reason);
}

QString ownerText(const TestRunOwner &o)
{
    if (!o.note.isEmpty())
        return o.note;
    if (o.resolved.isEmpty())
        return {};
    return o.kind == QLatin1String("group") ? TestRunTreeView::tr("group %1 on MyTardis").arg(o.resolved)
                                            : TestRunTreeView::tr("user %1 on MyTardis").arg(o.resolved);
}

// "3 (543.0 MB)", or "none": what the To upload column says of a level.
QString toUploadText(const FileCounts &c)
{
    if (c.toSend() == 0)
        return TestRunTreeView::tr("none");
    return TestRunTreeView::tr("%1 (%2)").arg(c.toSend()).arg(formatBytes(c.bytesToSend));
}

// Files found, and the skipped ones beside them: they are not uploaded,
// but the user may wonder where they went.
QString filesText(const FileCounts &c)
{
    return c.skipped ? TestRunTreeView::tr("%1 (+%2 skipped)").arg(c.found()).arg(c.skipped)
                     : QString::number(c.found());
}

QTreeWidgetItem *levelItem(QTreeWidgetItem *parent, const QString &name, const QString &action,
                           const FileCounts &counts)
{
    auto *item = new QTreeWidgetItem(parent);
    item->setText(TestRunTreeView::NameColumn, name);
    item->setText(TestRunTreeView::ActionColumn, action);
    item->setToolTip(TestRunTreeView::ActionColumn, action);
    item->setText(TestRunTreeView::FilesColumn, filesText(counts));
    item->setText(TestRunTreeView::ToUploadColumn, toUploadText(counts));
    item->setTextAlignment(TestRunTreeView::FilesColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(TestRunTreeView::ToUploadColumn, Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

void addFile(QTreeWidgetItem *dataset, const PlannedFile &f, const QStyle *style)
{
    auto *item = new QTreeWidgetItem(dataset);
    const QString name = f.directory.isEmpty() ? f.name : f.directory + QLatin1Char('/') + f.name;
    item->setText(TestRunTreeView::NameColumn, name);
    item->setToolTip(TestRunTreeView::NameColumn, f.absolutePath);
    item->setText(TestRunTreeView::ActionColumn, decisionText(f));
    item->setToolTip(TestRunTreeView::ActionColumn, decisionText(f));
    const bool sent = f.decision == FileDecision::Upload || f.decision == FileDecision::Resume;
    item->setText(TestRunTreeView::ToUploadColumn, sent ? formatBytes(f.size) : QString());
    item->setTextAlignment(TestRunTreeView::ToUploadColumn, Qt::AlignRight | Qt::AlignVCenter);
    // A skipped file or a conflict is a row a user may need to act on.
    const bool actOn = f.decision == FileDecision::Skipped || f.decision == FileDecision::Conflict;
    item->setIcon(TestRunTreeView::NameColumn,
                  actOn ? severityIcon(LogSeverity::Warning) : style->standardIcon(QStyle::SP_FileIcon));
}

void addVerifiedFold(QTreeWidgetItem *dataset, const FileCounts &counts, const QStyle *style)
{
    auto *item = new QTreeWidgetItem(dataset);
    item->setText(TestRunTreeView::NameColumn, TestRunTreeView::tr("Already verified"));
    item->setText(TestRunTreeView::ActionColumn, TestRunTreeView::tr("nothing to do"));
    item->setText(TestRunTreeView::FilesColumn, QString::number(counts.alreadyVerified));
    item->setTextAlignment(TestRunTreeView::FilesColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setIcon(TestRunTreeView::NameColumn, style->standardIcon(QStyle::SP_DialogApplyButton));
    QFont italic = item->font(TestRunTreeView::NameColumn);
    italic.setItalic(true);
    item->setFont(TestRunTreeView::NameColumn, italic);
}

} // namespace

TestRunTreeView::TestRunTreeView(QWidget *parent) : QTreeWidget(parent)
{
    setHeaderLabels({tr("Name"), tr("What happens"), tr("Files"), tr("To upload")});
    headerItem()->setToolTip(FilesColumn, tr("Files found (not counting skipped ones)"));
    headerItem()->setToolTip(ToUploadColumn, tr("Files that an upload run would send, and their size"));
    headerItem()->setTextAlignment(FilesColumn, Qt::AlignRight | Qt::AlignVCenter);
    headerItem()->setTextAlignment(ToUploadColumn, Qt::AlignRight | Qt::AlignVCenter);
    // A reason ("differs in size from the verified copy in MyTardis…") is
    // read whole: rows grow to wrap it instead of cutting it with "…".
    setItemDelegateForColumn(ActionColumn, new WrappingDelegate(this));
    setUniformRowHeights(false);
    // Heights follow the column's width.
    connect(header(), &QHeaderView::sectionResized, this, [this](int column) {
        if (column == ActionColumn)
            scheduleDelayedItemsLayout();
    });
    setTextElideMode(Qt::ElideMiddle); // only a path too long for its column, keeping the file name
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    // Name and action share what the counts leave: on a small screen (200%)
    // a fixed action column squeezed the names to "Movie….tiff".
    header()->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(FilesColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(ToUploadColumn, QHeaderView::ResizeToContents);
}

void TestRunTreeView::showTree(const TestRunTree &tree)
{
    clear();
    const QStyle *st = style();
    int fileRows = 0;
    for (const TestRunOwner &o : tree.owners) {
        auto *owner = levelItem(invisibleRootItem(), o.folder.isEmpty() ? tr("(no owner folder)") : o.folder,
                                ownerText(o), o.counts);
        owner->setIcon(NameColumn, o.note.isEmpty() ? QIcon() : severityIcon(LogSeverity::Warning));
        for (const TestRunExperiment &e : o.experiments) {
            auto *experiment = levelItem(owner, e.title.isEmpty() ? tr("(no experiment)") : e.title,
                                         actionText(e.action, e.id), e.counts);
            for (const TestRunDataset &d : e.datasets) {
                auto *dataset = levelItem(experiment, d.name, actionText(d.action, d.id), d.counts);
                dataset->setIcon(NameColumn, st->standardIcon(QStyle::SP_DirIcon));
                dataset->setToolTip(NameColumn, d.path);
                for (const PlannedFile &f : d.files)
                    addFile(dataset, f, st);
                if (d.counts.alreadyVerified > 0)
                    addVerifiedFold(dataset, d.counts, st);
                fileRows += int(d.files.size());
            }
        }
    }
    // Owners and experiments open: the datasets with their counts are the
    // overview; their files too when there are few.
    if (fileRows <= kExpandFilesUpTo)
        expandAll();
    else
        expandToDepth(1);
}

} // namespace tardigrade::ui
