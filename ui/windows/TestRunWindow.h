#pragma once

#include "util/Result.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace tardigrade::ui {

// Shows the Test Run report (the same text `tardigrade test-run` prints):
// monospace and selectable, with Save As…, Copy and Close (Esc).
class TestRunWindow : public QDialog {
    Q_OBJECT
public:
    explicit TestRunWindow(QWidget *parent = nullptr);

    void setRunning(); // "Test Run in progress…"
    void setReport(const QString &text);
    // The run ended and no report came (it stopped before planning): say why.
    void setEndedWithoutReport(const QString &sentence);
    bool isWaiting() const { return m_waiting; }
    QString reportText() const;
    Status saveTo(const QString &path) const;

private:
    void saveAs();
    void copy();

    QLabel *m_heading;
    QPlainTextEdit *m_text;
    bool m_waiting = false;
};

} // namespace tardigrade::ui
