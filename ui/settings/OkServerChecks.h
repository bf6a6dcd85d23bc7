#pragma once

#include "ServerCheckQuestions.h"
#include "settings/Settings.h"
#include "sync/SettingsReview.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <optional>

class QWidget;

namespace tardigrade::ui {

class BackgroundTask;

// What the Settings dialog's OK does between the offline checks and the
// save, as MyData's OK did: checks the settings against the server and
// counts the datasets (reviewSettings, on a worker thread), then asks what
// only the user can decide (a managed facility for an unknown one, creating
// a missing instrument, renaming the saved one, saving although the server
// cannot be reached, "N datasets found, continue?"). Only after the last
// yes does it make the agreed change on the server (again on a worker
// thread), so that a No or a Cancel leaves the server as the saved settings
// expect it (a rename made but not saved would have the next run create the
// old name again). It ends in exactly one of passed(), failed(),
// facilityChosen() or stopped(), unless cancelled.
class OkServerChecks : public QObject {
    Q_OBJECT
public:
    OkServerChecks(const QString &configFile, QWidget *dialog);
    ~OkServerChecks() override;

    void setQuestions(ServerCheckQuestions questions) { m_questions = std::move(questions); }

    // `savedInstrumentName` is what the settings file holds, to tell a rename;
    // `publicKeyFile` the staging key saving will bring along (MyData's), if
    // it is not the installation's own yet.
    void start(const Settings &fields, const QString &savedInstrumentName, const QString &publicKeyFile = {});
    // Drops the check where it is (a change already sent may still be made);
    // nothing follows.
    void cancel();
    bool isRunning() const { return m_running; }
    const std::optional<SettingsReview> &lastReview() const { return m_review; }

signals:
    void busy(const QString &doing);
    void passed(const tardigrade::Settings &settings); // save these
    void failed(const QStringList &problems);          // one sentence each, keys named
    void facilityChosen(const QString &facility);      // put it in the field and check again
    void stopped();                                    // the user said no: nothing to list, nothing saved

private:
    void reviewed(const SettingsReview &review);
    void askToContinue();
    void makeChangeThenPass();
    void end();

    // What the user agreed to have done on the server once the last question is answered.
    enum class InstrumentChange { None, Rename, Create };

    QString m_configFile;
    QPointer<QWidget> m_dialog;
    BackgroundTask *m_task;
    ServerCheckQuestions m_questions = ServerCheckQuestions::asked();
    Settings m_settings;
    std::optional<SettingsReview> m_review;
    InstrumentChange m_change = InstrumentChange::None;
    bool m_running = false;
};

} // namespace tardigrade::ui
