#include "ConfigFolderWatcher.h"

#include "Engine.h"
#include "PauseFlag.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>

namespace tardigrade {

ConfigFolderWatcher::ConfigFolderWatcher(const QString &configFile, Engine *engine, QObject *parent)
    : QObject(parent), m_configFile(QFileInfo(configFile).absoluteFilePath()), m_engine(engine)
{
    // The settings file is replaced on save (temporary file + rename), which
    // a watch on the file alone misses: watch its folder too. The engine
    // compares the content, so unrelated changes in the folder cost a read.
    // Editors and savers touch a file several times: act once they settle.
    m_settle.setSingleShot(true);
    m_settle.setInterval(300);
    connect(&m_settle, &QTimer::timeout, this, &ConfigFolderWatcher::settled);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_settle, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_settle, qOverload<>(&QTimer::start));
    const QString folder = QFileInfo(m_configFile).absolutePath();
    QDir().mkpath(folder);
    m_watcher.addPath(folder);
    if (QFile::exists(m_configFile))
        m_watcher.addPath(m_configFile);
}

void ConfigFolderWatcher::applyPauseFlag()
{
    // Direct: pause() and resume() reach the engine even while a run keeps
    // its thread busy.
    if (PauseFlag::isSet(m_configFile))
        m_engine->pause();
    else
        m_engine->resume();
}

void ConfigFolderWatcher::settled()
{
    if (QFile::exists(m_configFile) && !m_watcher.files().contains(m_configFile))
        m_watcher.addPath(m_configFile);
    applyPauseFlag();
    QMetaObject::invokeMethod(m_engine, &Engine::settingsFileChanged, Qt::QueuedConnection);
}

} // namespace tardigrade
