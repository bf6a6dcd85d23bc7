#include "SettingsPushJob.h"

#include <QThread>

namespace tardigrade::ui {

SettingsPushJob::SettingsPushJob(const QString &configFile, QObject *parent)
    : QObject(parent), m_configFile(configFile)
{
}

SettingsPushJob::~SettingsPushJob()
{
    if (m_shared)
        m_shared->cancel = true;
    // As StagingRegistrationJob: waited for briefly; the thread holds only
    // the shared state, so one that outlives the wait is safe.
    if (m_thread)
        m_thread->wait(3000);
}

void SettingsPushJob::start()
{
    if (isRunning()) {
        m_again = true; // what this push read may be older than the file now
        return;
    }
    auto shared = std::make_shared<Shared>();
    m_shared = shared;
    const QString configFile = m_configFile;
    QThread *thread =
        QThread::create([shared, configFile] { shared->result = pushSettingsFromFile(configFile, &shared->cancel); });
    thread->setObjectName(QStringLiteral("tardigrade-push-settings"));
    connect(thread, &QThread::finished, this, [this, shared] {
        if (shared != m_shared || !shared->result)
            return;
        m_thread = nullptr;
        if (m_again) {
            m_again = false;
            start();
            return;
        }
        const Result<SettingsPush> result = *shared->result;
        emit finished(result);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    thread->start();
}

} // namespace tardigrade::ui
