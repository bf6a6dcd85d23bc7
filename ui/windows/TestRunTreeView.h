#pragma once

#include <QTreeWidget>

namespace tardigrade {
struct TestRunTree;
}

namespace tardigrade::ui {

// The Test Run's plan as a tree: owner, experiment, dataset, files, each
// level with how many files it holds and how many would be uploaded. A
// dataset's already verified files are one "Already verified" row with
// their count, not a row each.
class TestRunTreeView : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, ActionColumn, FilesColumn, ToUploadColumn };

    explicit TestRunTreeView(QWidget *parent = nullptr);

    void showTree(const TestRunTree &tree);
};

} // namespace tardigrade::ui
