#pragma once

#include <QObject>
#include <QPersistentModelIndex>

class QAction;
class QMenu;
class QModelIndex;

namespace tardigrade::ui {

class EventTableView;

// What a facility manager does with a row of the Folders tab, as MyData
// offered it: open the folder, open its dataset in MyTardis, copy the path.
// From the context menu, and a double click opens the folder. The window
// only asks; the controller opens (it knows the server and the browser).
class FolderActions : public QObject {
    Q_OBJECT
public:
    explicit FolderActions(EventTableView *view);

    // The menu for this row (the view's model index), as the context menu
    // shows it; its actions act on that row.
    QMenu *menuFor(const QModelIndex &index, QWidget *parent);

signals:
    void openFolderRequested(const QString &path);
    void openDatasetRequested(qint64 datasetId);

private:
    EventTableView *m_view;
};

} // namespace tardigrade::ui
