#pragma once

// What the Tasks tests share: a stand-in whose settings leave every run to
// Sync Now, and runs of the tray app started by clicking it.

#include "StandinProcess.h"
#include "app/AppActions.h"
#include "app/GuiController.h"
#include "app/RunStatus.h"

#include <QAction>
#include <QSignalSpy>
#include <QTest>

namespace tardigrade::test {

// Starts `server` with settings for runs started by hand only, taking files
// as soon as they are written (ignore_new_files off: the tests just wrote
// them) and asking for verification at once.
inline bool startForSyncNow(StandinProcess &server)
{
    return server.startWithConfig({}, {{QStringLiteral("schedule_type"), QStringLiteral("Manually")},
                                       {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                       {QStringLiteral("verification_delay"), QStringLiteral("0")}});
}

// Clicks Sync Now in a started app and waits for each run to end.
class SyncNowClicks {
public:
    explicit SyncNowClicks(ui::GuiController &app) : m_app(app), m_ended(app.status(), &ui::RunStatus::runEnded) {}

    // One more run, to its end; false when it has not ended within a minute.
    bool runToEnd()
    {
        const int before = m_ended.count();
        m_app.actions()->syncNow->trigger();
        return QTest::qWaitFor([&] { return m_ended.count() > before; }, 60000);
    }

private:
    ui::GuiController &m_app;
    QSignalSpy m_ended;
};

} // namespace tardigrade::test
