#include "StandinProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace tardigrade::test {

StandinProcess::StandinProcess()
    : m_dir(std::make_unique<QTemporaryDir>()), m_apiKey(QUuid::createUuid().toString(QUuid::Id128)),
      m_uuid(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

StandinProcess::~StandinProcess()
{
    stop();
}

QString StandinProcess::binary()
{
    return QStringLiteral(TARDIGRADE_STANDIN_BIN);
}

void StandinProcess::setStagingDir(const QString &dir)
{
    m_stagingDir = dir;
}

QString StandinProcess::tempPath() const
{
    return m_dir->path();
}

QString StandinProcess::dbPath() const
{
    return m_dir->filePath(QStringLiteral("catalogue.sqlite"));
}

QString StandinProcess::stagingDir() const
{
    return m_stagingDir.isEmpty() ? m_dir->filePath(QStringLiteral("staging")) : m_stagingDir;
}

QString StandinProcess::storeDir() const
{
    return m_dir->filePath(QStringLiteral("store"));
}

QString StandinProcess::requestLogPath() const
{
    return m_dir->filePath(QStringLiteral("requests.jsonl"));
}

QString StandinProcess::dataDir() const
{
    return m_dir->filePath(QStringLiteral("data"));
}

QString StandinProcess::configPath() const
{
    return m_dir->filePath(QStringLiteral("config/MyData.cfg"));
}

QUrl StandinProcess::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(m_scheme).arg(m_port));
}

bool StandinProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool StandinProcess::start(const QStringList &extraArgs)
{
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("Cannot create a temporary directory.");
        return false;
    }
    stop();
    QDir().mkpath(dataDir());
    m_process = std::make_unique<QProcess>();
    // The server's stderr (verification mismatches, SQL errors) goes to the
    // test's output.
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{QStringLiteral("--port"),        QStringLiteral("0"),
                     QStringLiteral("--db"),          dbPath(),
                     QStringLiteral("--staging"),     stagingDir(),
                     QStringLiteral("--store"),       storeDir(),
                     QStringLiteral("--api-key"),     m_apiKey,
                     QStringLiteral("--request-log"), requestLogPath()};
    args += extraArgs;
    m_process->start(binary(), args);
    if (!m_process->waitForStarted(5000)) {
        m_error = QStringLiteral("Cannot start %1: %2").arg(binary(), m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (https?)://127\\.0\\.0\\.1:(\\d+)"));
    QByteArray output;
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(100)) {
            while (m_process->canReadLine()) {
                const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
                output += line.toUtf8() + '\n';
                const QRegularExpressionMatch m = listening.match(line);
                if (m.hasMatch()) {
                    m_scheme = m.captured(1);
                    m_port = static_cast<quint16>(m.captured(2).toUInt());
                    return true;
                }
            }
        }
        if (m_process->state() != QProcess::Running) {
            m_error = QStringLiteral("The stand-in server exited (code %1) before listening: %2")
                          .arg(m_process->exitCode())
                          .arg(QString::fromUtf8(output));
            return false;
        }
    }
    m_error = QStringLiteral("The stand-in server did not report listening within 15 s.");
    stop();
    return false;
}

void StandinProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
    }
    m_process.reset();
}

bool StandinProcess::runCommand(const QStringList &args, QByteArray *out) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(binary(), QStringList{QStringLiteral("--db"), dbPath()} + args);
    if (!p.waitForFinished(15000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return false;
    if (out)
        *out = p.readAllStandardOutput();
    return true;
}

QJsonObject StandinProcess::dump() const
{
    QByteArray out;
    if (!runCommand({QStringLiteral("dump")}, &out))
        return {};
    return QJsonDocument::fromJson(out).object();
}

bool StandinProcess::approveAll() const
{
    return runCommand({QStringLiteral("approve"), QStringLiteral("--all")}, nullptr);
}

QString StandinProcess::sql(const QString &statement, bool *ok) const
{
    QByteArray out;
    const bool done = runCommand({QStringLiteral("sql"), statement}, &out);
    if (ok)
        *ok = done;
    return QString::fromUtf8(out);
}

QList<QJsonObject> StandinProcess::requests() const
{
    QList<QJsonObject> lines;
    QFile f(requestLogPath());
    if (!f.open(QIODevice::ReadOnly))
        return lines;
    while (!f.atEnd()) {
        const QJsonDocument doc = QJsonDocument::fromJson(f.readLine());
        if (doc.isObject())
            lines.append(doc.object());
    }
    return lines;
}

StandinProcess::InjectedFaults StandinProcess::injectedFaults() const
{
    InjectedFaults faults;
    for (const QJsonObject &r : requests()) {
        const int status = r.value(QLatin1String("status")).toInt();
        faults.failed += status == 0 || status == 500;
        faults.lostCreates += status == 0 && r.value(QLatin1String("method")).toString() == QLatin1String("POST");
    }
    return faults;
}

bool StandinProcess::startWithConfig(const QStringList &extraArgs, const QMap<QString, QString> &overrides)
{
    if (!start(extraArgs))
        return false;
    if (!writeConfig(configPath(), overrides)) {
        m_error = QStringLiteral("Cannot write %1.").arg(configPath());
        return false;
    }
    return true;
}

bool StandinProcess::writeConfig(const QString &path, const QMap<QString, QString> &overrides) const
{
    // Plain INI text in MyData's own layout, so the test does not depend on
    // the settings code it may be testing.
    QList<QPair<QString, QString>> entries{
        {QStringLiteral("instrument_name"), QStringLiteral("Test Instrument")},
        {QStringLiteral("facility_name"), QStringLiteral("Test Facility")},
        {QStringLiteral("contact_name"), QStringLiteral("MyData Tester")},
        {QStringLiteral("contact_email"), QStringLiteral("mydata.tester@example.com")},
        {QStringLiteral("data_directory"), dataDir()},
        {QStringLiteral("mytardis_url"), urlString()},
        {QStringLiteral("username"), username()},
        {QStringLiteral("api_key"), m_apiKey},
        {QStringLiteral("folder_structure"), QStringLiteral("Username / Dataset")},
        {QStringLiteral("schedule_type"), QStringLiteral("Manually")},
        {QStringLiteral("uuid"), m_uuid},
    };
    QMap<QString, QString> rest = overrides;
    QByteArray text = "[MyData]\n";
    for (const auto &kv : entries) {
        const QString value = rest.contains(kv.first) ? rest.take(kv.first) : kv.second;
        text += (kv.first + QStringLiteral(" = ") + value).toUtf8() + '\n';
    }
    for (auto it = rest.cbegin(); it != rest.cend(); ++it)
        text += (it.key() + QStringLiteral(" = ") + it.value()).toUtf8() + '\n';
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(text) == text.size();
}

} // namespace tardigrade::test
