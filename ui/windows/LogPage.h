#pragma once

#include "util/Result.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QListView;
class QSortFilterProxyModel;

namespace tardigrade::ui {

class LogModel;

// The Log tab: the engine's log lines, wrapped, warnings and errors coloured
// and marked, with a filter box, and "Save log for support…" which writes
// every line (not only the filtered ones) to a file.
class LogPage : public QWidget {
    Q_OBJECT
public:
    explicit LogPage(LogModel *model, QWidget *parent = nullptr);

    // Writes a short header (version, system) and all lines; what the save
    // button does once a file is chosen.
    Status saveTo(const QString &path) const;
    void setFilter(const QString &text);
    int visibleLines() const;
    QLineEdit *filterEdit() const { return m_filter; }
    QListView *view() const { return m_view; }
    QCheckBox *debugToggle() const { return m_debug; }
    QPushButton *clearButton() const { return m_clear; }

private:
    void saveForSupport();

    LogModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QListView *m_view;
    QCheckBox *m_debug = nullptr;
    QPushButton *m_clear = nullptr;
};

} // namespace tardigrade::ui
