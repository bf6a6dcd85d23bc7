#pragma once

#include <QStyledItemDelegate>

namespace tardigrade::ui {

// Paints a cell as a progress bar from an integer 0..100 in the given role.
class ProgressBarDelegate : public QStyledItemDelegate {
public:
    explicit ProgressBarDelegate(int percentRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace tardigrade::ui
