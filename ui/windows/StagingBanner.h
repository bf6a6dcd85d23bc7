#pragma once

#include "sync/StagingAccess.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace tardigrade::ui {

// The strip above the main window's tabs while uploads go by HTTP POST only
// because staging access is not approved yet: it says so, gives the key's
// fingerprint and what the MyTardis administrator must do, and offers
// "Request Staging Access…". Hidden otherwise, and as soon as approval is
// seen.
class StagingBanner : public QFrame {
    Q_OBJECT
public:
    explicit StagingBanner(QWidget *parent = nullptr);

    // What the last run (or request) found; Unknown changes nothing, since
    // a run that failed early knows nothing new.
    void setAccess(const tardigrade::StagingAccess &access);

    QString text() const;
    QPushButton *requestButton() const { return m_request; }

signals:
    void requestClicked();

private:
    QLabel *m_text;
    QPushButton *m_request;
};

} // namespace tardigrade::ui
