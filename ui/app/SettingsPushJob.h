#pragma once

#include "sync/PushSettings.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace tardigrade::ui {

// pushSettingsFromFile() on a thread of its own, after the settings dialog
// has saved: it waits for the keychain and the server, which the GUI thread
// may not. A save while a push still runs pushes again when it ends, so the
// server ends up with the last saved settings. The answer comes back as
// finished() on the thread that owns the job.
class SettingsPushJob : public QObject {
    Q_OBJECT
public:
    explicit SettingsPushJob(const QString &configFile, QObject *parent = nullptr);
    ~SettingsPushJob() override; // cancels a push still going

    void start();
    bool isRunning() const { return !m_thread.isNull(); }

signals:
    void finished(const tardigrade::Result<tardigrade::SettingsPush> &result);

private:
    struct Shared {
        std::atomic_bool cancel{false};
        std::optional<Result<SettingsPush>> result;
    };

    QString m_configFile;
    std::shared_ptr<Shared> m_shared;
    QPointer<QThread> m_thread;
    bool m_again = false;
};

} // namespace tardigrade::ui
