#include "LogFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>

#include <cstdio>

namespace tardigrade {

namespace {

struct LogState {
    QMutex mutex;
    QString path;
    QFile file;
    QtMsgType stderrLevel = QtWarningMsg;
    QtMsgType fileLevel = QtInfoMsg;
    QtMsgType installedFileLevel = QtInfoMsg;
    bool debug = false;
    LogFile::Sink sink;
};

LogState &state()
{
    static LogState s;
    return s;
}

// Qt's message types are not ordered by severity (QtInfoMsg is 4).
int severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 0;
}

const char *typeName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "";
}

void rotateIfLarge(LogState &s)
{
    if (s.file.size() < LogFile::RotateBytes)
        return;
    s.file.close();
    QFile::remove(s.path + QStringLiteral(".3"));
    QFile::rename(s.path + QStringLiteral(".2"), s.path + QStringLiteral(".3"));
    QFile::rename(s.path + QStringLiteral(".1"), s.path + QStringLiteral(".2"));
    QFile::rename(s.path, s.path + QStringLiteral(".1"));
    s.file.open(QIODevice::WriteOnly | QIODevice::Append);
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogState &s = state();
    const QString line = LogFile::format(type, context.category, message);
    QMutexLocker lock(&s.mutex);
    if (severity(type) >= severity(s.stderrLevel)) {
        // What a person at the terminal reads: the sentence, not the category.
        const QByteArray text = (severity(type) >= severity(QtWarningMsg) ? message : line).toLocal8Bit();
        std::fprintf(stderr, "%s\n", text.constData());
        std::fflush(stderr);
    }
    if (s.file.isOpen() && severity(type) >= severity(s.fileLevel)) {
        s.file.write(line.toUtf8() + '\n');
        s.file.flush();
        rotateIfLarge(s);
    }
    if (s.sink)
        s.sink(type, context.category, message);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

QString LogFile::format(QtMsgType type, const char *category, const QString &message)
{
    return QStringLiteral("%1 %2 %3: %4")
        .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
             QLatin1String(typeName(type)), QLatin1String(category ? category : "default"), message);
}

void LogFile::install(const QString &path, QtMsgType stderrLevel, QtMsgType fileLevel)
{
    LogState &s = state();
    {
        QMutexLocker lock(&s.mutex);
        s.path = path;
        s.stderrLevel = stderrLevel;
        s.fileLevel = fileLevel;
        s.installedFileLevel = fileLevel;
        s.debug = severity(fileLevel) == severity(QtDebugMsg) || severity(stderrLevel) == severity(QtDebugMsg);
        if (s.file.isOpen())
            s.file.close();
        if (!path.isEmpty()) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            s.file.setFileName(path);
            if (s.file.open(QIODevice::WriteOnly | QIODevice::Append))
                s.file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }
    // Debug lines reach the handler only when asked for; said both ways, so
    // a second install (tests make one per case) undoes the first.
    const bool debug = severity(fileLevel) == severity(QtDebugMsg) || severity(stderrLevel) == severity(QtDebugMsg);
    QLoggingCategory::setFilterRules(debug ? QStringLiteral("tardigrade.*.debug=true")
                                           : QStringLiteral("tardigrade.*.debug=false"));
    qInstallMessageHandler(handler);
}

void LogFile::setSink(Sink sink)
{
    LogState &s = state();
    QMutexLocker lock(&s.mutex);
    s.sink = std::move(sink);
}

QString LogFile::path() { return state().path; }

void LogFile::setDebug(bool on)
{
    LogState &s = state();
    {
        QMutexLocker lock(&s.mutex);
        s.debug = on;
        s.fileLevel = on ? QtDebugMsg : s.installedFileLevel;
    }
    QLoggingCategory::setFilterRules(on ? QStringLiteral("tardigrade.*.debug=true")
                                        : QStringLiteral("tardigrade.*.debug=false"));
}

std::optional<QtMsgType> LogFile::levelNamed(const QString &name)
{
    // Fatal is left out: a fatal line aborts, so "only fatal" would mean an
    // empty file until a crash.
    for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg}) {
        if (name == QLatin1String(typeName(type)))
            return type;
    }
    return std::nullopt;
}

bool LogFile::isDebug()
{
    LogState &s = state();
    QMutexLocker lock(&s.mutex);
    return s.debug;
}

} // namespace tardigrade
