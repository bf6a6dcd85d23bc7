#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace tardigrade {
struct TestRunTree;
}

namespace tardigrade::ui {

class TestRunTreeView;

// Shows a Test Run: what was checked, the plan as a tree (owner,
// experiment, dataset, files) and, on its own tab, the text report that
// `tardigrade test-run` prints, which is what Save As… and Copy write.
// Save As… and Copy wait for the report; Close (Esc) is always there.
class TestRunWindow : public QDialog {
    Q_OBJECT
public:
    explicit TestRunWindow(QWidget *parent = nullptr);

    void setRunning(); // "Test Run in progress…"
    // The plan, grouped (the engine sends it just before the report).
    void setTree(const TestRunTree &tree);
    void setReport(const QString &text);
    // The run ended and no report came (it stopped before planning): say why.
    void setEndedWithoutReport(const QString &sentence);
    bool isWaiting() const { return m_waiting; }
    QString reportText() const;
    Status saveTo(const QString &path) const;

    // For tests: what the window shows.
    QString heading() const;
    QString checksText() const; // the lines above the tabs: problems, verdict, notes (rich text)
    TestRunTreeView *treeView() const { return m_tree; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *copyButton() const { return m_copy; }

private:
    void saveAs();
    void copy();
    void showChecks(const TestRunTree &tree);

    QLabel *m_heading;
    QLabel *m_checks;
    QTabWidget *m_tabs;
    TestRunTreeView *m_tree;
    QPlainTextEdit *m_text;
    QPushButton *m_save;
    QPushButton *m_copy;
    QDateTime m_when; // the run's time, from its tree: the heading says the report's time
    QString m_report;
    bool m_waiting = false;
};

} // namespace tardigrade::ui
