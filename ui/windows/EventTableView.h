#pragma once

#include <QTableView>
#include <QVector>

namespace tardigrade::ui {

// A read-only table for one tab: uniform row heights (cheap with 10,000
// rows), given starting column widths, the last column stretched, and it
// follows the newest row while the user has not scrolled away. A click on
// a header sorts by that column (a third click goes back to the run's
// order), when the model sorts (TableSortFilter).
class EventTableView : public QTableView {
public:
    explicit EventTableView(QWidget *parent = nullptr);
    // Widths in average character widths, so they follow the font.
    void setColumnChars(const QVector<int> &chars);
    void setModel(QAbstractItemModel *model) override;
    // Shown in the empty table, so an empty tab says why it is empty.
    void setPlaceholder(const QString &text) { m_placeholder = text; }
    // Shown instead when rows exist but the filter hides them all.
    void setNoMatchText(const QString &text) { m_noMatch = text; }
    // The column that takes the spare width (default: the last one); call
    // before setModel.
    void setStretchColumn(int column) { m_stretch = column; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QVector<int> m_chars;
    QString m_placeholder;
    QString m_noMatch;
    int m_stretch = -1;
    bool m_follow = true;
};

} // namespace tardigrade::ui
