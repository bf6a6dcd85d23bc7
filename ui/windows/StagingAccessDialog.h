#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace tardigrade {
struct RegisteredInstallation;
}

namespace tardigrade::ui {

// What "Request staging access…" answers: the installation's public key
// (to copy and send), its fingerprint, what the MyTardis administrator must
// do and where approval stands; or the one sentence that says why the
// request failed. It only shows: StagingApproval runs the request and
// feeds it.
class StagingAccessDialog : public QDialog {
    Q_OBJECT
public:
    explicit StagingAccessDialog(QWidget *parent = nullptr);

    // The request is under way: an indeterminate bar, nothing else to read.
    void showBusy();
    void showRegistration(const tardigrade::RegisteredInstallation &registered);
    void showError(const QString &sentence);

    bool isBusy() const;
    QString publicKey() const;
    QString fingerprint() const; // "SHA256:..."
    QString stateText() const;
    QString errorText() const;
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *checkAgainButton() const { return m_checkAgain; }

signals:
    // Ask the server again (e.g. after the administrator says it is done).
    void checkAgainClicked();

private:
    void copyKey();
    void fitHeight();

    QWidget *m_busy;
    QProgressBar *m_busyBar;
    QWidget *m_error;
    QLabel *m_errorText;
    QWidget *m_answer;
    QLabel *m_heading;
    QLabel *m_state;
    QPlainTextEdit *m_key;
    QPushButton *m_copy;
    QLabel *m_fingerprint;
    QLabel *m_md5;
    QLabel *m_adminSteps;
    QPushButton *m_checkAgain;
};

} // namespace tardigrade::ui
