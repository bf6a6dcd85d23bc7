#include "FolderActions.h"

#include "EventTableView.h"
#include "models/DatasetTableModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QMenu>

namespace tardigrade::ui {

FolderActions::FolderActions(EventTableView *view) : QObject(view), m_view(view)
{
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_view->indexAt(at);
        if (!index.isValid())
            return;
        QMenu *menu = menuFor(index, m_view);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(at));
    });
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString path = index.data(DatasetTableModel::PathRole).toString();
        if (!path.isEmpty())
            emit openFolderRequested(path);
    });
}

QMenu *FolderActions::menuFor(const QModelIndex &index, QWidget *parent)
{
    // Read through the view's model (sorted and filtered), by role: the
    // columns show a relative path and no id.
    const QString path = index.data(DatasetTableModel::PathRole).toString();
    const qint64 datasetId = index.data(DatasetTableModel::DatasetIdRole).toLongLong();
    auto *menu = new QMenu(parent);
    QAction *open = menu->addAction(tr("Open Folder"), this, [this, path] { emit openFolderRequested(path); });
    open->setObjectName(QStringLiteral("openFolder"));
    QAction *dataset =
        menu->addAction(tr("Open Dataset in MyTardis"), this, [this, datasetId] { emit openDatasetRequested(datasetId); });
    dataset->setObjectName(QStringLiteral("openDataset"));
    // A dataset a Test Run would create has no page yet.
    dataset->setEnabled(datasetId > 0);
    if (datasetId <= 0)
        dataset->setToolTip(tr("This dataset is not on the server yet"));
    QAction *copy = menu->addAction(tr("Copy Path"), this,
                                    [path] { QGuiApplication::clipboard()->setText(QDir::toNativeSeparators(path)); });
    copy->setObjectName(QStringLiteral("copyPath"));
    return menu;
}

} // namespace tardigrade::ui
