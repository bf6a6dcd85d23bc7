#pragma once

#include "sync/RegisterFromSettings.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace tardigrade::ui {

// registerFromSettings() on a thread of its own: it waits for the keychain,
// makes the SSH key the first time (about a second) and talks to the
// server, none of which the GUI thread may wait for. The answer comes back
// as finished() on the thread that owns the job.
class StagingRegistrationJob : public QObject {
    Q_OBJECT
public:
    explicit StagingRegistrationJob(const QString &configFile, QObject *parent = nullptr);
    // Cancels a request still going; it ends at its next network wait.
    ~StagingRegistrationJob() override;

    void start(); // ignored while running
    bool isRunning() const { return !m_thread.isNull(); }

signals:
    void finished(const tardigrade::Result<tardigrade::RegisteredInstallation> &result);

private:
    // What the worker thread writes and the job reads once it has finished;
    // shared, so a job deleted meanwhile leaves the thread nothing dangling.
    struct Shared {
        std::atomic_bool cancel{false};
        std::optional<Result<RegisteredInstallation>> result;
    };

    QString m_configFile;
    std::shared_ptr<Shared> m_shared;
    QPointer<QThread> m_thread;
};

} // namespace tardigrade::ui
