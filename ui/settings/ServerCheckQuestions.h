#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <functional>

class QWidget;

namespace tardigrade::ui {

// What OK asks the user while it checks the settings against the server,
// as MyData's OK did. Each is a function so that tests can answer; the
// defaults (asked()) are message boxes over the settings dialog.
struct ServerCheckQuestions {
    // facility_name is not among the facilities the account manages: one of
    // these instead? The sentence says what is wrong. Empty: none chosen.
    std::function<QString(QWidget *parent, const QString &sentence, const QStringList &facilities)> pickFacility;
    // The instrument is not in the facility: create it there?
    std::function<bool(QWidget *parent, const QString &instrument, const QString &facility)> createInstrument;
    // The saved instrument name is on the server and the new one is not:
    // rename the server's record (its datasets go with it)?
    std::function<bool(QWidget *parent, const QString &from, const QString &to)> renameInstrument;
    // No MyTardis answered at the URL (the sentence says why): save anyway?
    std::function<bool(QWidget *parent, const QString &sentence)> saveAnyway;
    // "N datasets found": save and go on? `details` says where staging
    // access stands and what the check made on the server.
    std::function<bool(QWidget *parent, int datasets, const QString &details)> continueWithDatasets;

    static ServerCheckQuestions asked();

    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::ServerCheckQuestions)
};

} // namespace tardigrade::ui
