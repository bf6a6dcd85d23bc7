#include "StagingRegistrationJob.h"

#include <QThread>

namespace tardigrade::ui {

StagingRegistrationJob::StagingRegistrationJob(const QString &configFile, QObject *parent)
    : QObject(parent), m_configFile(configFile)
{
}

StagingRegistrationJob::~StagingRegistrationJob()
{
    if (m_shared)
        m_shared->cancel = true;
    // Cancelled, it ends at its next network wait: waited for (briefly), so
    // a quit does not tear the app down under a thread still using the
    // network and the keychain. It deletes itself when done (below) and
    // only holds the shared state, so one that outlives the wait is safe.
    if (m_thread)
        m_thread->wait(3000);
}

void StagingRegistrationJob::start()
{
    if (isRunning())
        return;
    auto shared = std::make_shared<Shared>();
    m_shared = shared;
    const QString configFile = m_configFile;
    QThread *thread =
        QThread::create([shared, configFile] { shared->result = registerFromSettings(configFile, &shared->cancel); });
    thread->setObjectName(QStringLiteral("tardigrade-register"));
    // Queued to this object's thread; a deleted job is simply not told.
    connect(thread, &QThread::finished, this, [this, shared] {
        if (shared != m_shared || !shared->result)
            return;
        m_thread = nullptr; // not running any more, for whoever handles finished()
        const Result<RegisteredInstallation> result = *shared->result;
        emit finished(result);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    thread->start();
}

} // namespace tardigrade::ui
