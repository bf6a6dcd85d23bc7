#pragma once

#include <QStyledItemDelegate>

namespace tardigrade::ui {

// Draws a cell with its own elide mode: sentences cut at the end ("the
// server's copy has a…"), where the table's default cuts paths in the
// middle to keep the file name.
class ElideDelegate : public QStyledItemDelegate {
public:
    ElideDelegate(Qt::TextElideMode mode, QObject *parent = nullptr) : QStyledItemDelegate(parent), m_mode(mode) {}

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = m_mode;
    }

private:
    Qt::TextElideMode m_mode;
};

} // namespace tardigrade::ui
