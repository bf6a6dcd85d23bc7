#pragma once

#include "cleanup/CleanupTypes.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>

class QThread;

namespace tardigrade::ui {

// Runs Cleanup's Find and Delete on a thread of their own (the GUI thread
// never waits for the disk, the keychain or the server) and answers on
// the thread that made the job. One piece of work at a time; destroying
// the job stops the work and waits for its thread.
class CleanupJob : public QObject {
    Q_OBJECT
public:
    explicit CleanupJob(QString configFile, QObject *parent = nullptr);
    ~CleanupJob() override;

    bool isBusy() const { return m_thread != nullptr; }

    void find(int olderThanDays, std::function<void(const Result<CleanupFindings> &)> done);
    void remove(const QVector<CleanupCandidate> &files, std::function<void(const Result<CleanupOutcome> &)> done);
    // Asks the work under way to stop soon (between files, within a hash).
    void cancel() { m_cancel = true; }

signals:
    // From Delete: how far it is (files checked, of those deleted, of all).
    void progress(int done, int deleted, int total);

private:
    void start(std::function<void()> work);

    QString m_configFile;
    QThread *m_thread = nullptr;
    std::function<void()> m_deliver; // set by the thread before it ends, called here after
    std::atomic_bool m_cancel{false};
};

} // namespace tardigrade::ui
