#include "SecretStore.h"

#include "ConfigPaths.h"
#include "util/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>
#include <atomic>
#include <qt6keychain/keychain.h>

namespace tardigrade {

namespace {

const QString kService = QStringLiteral("tardigrade");
constexpr int kJobTimeoutMs = 3000;
constexpr int kRetryDelayMs = 1000;

// Once the keychain has failed twice in this process, later calls go to the
// file at once instead of waiting for it again.
std::atomic<bool> g_keychainDown{false};

enum class Outcome { Ok, NotFound, Unavailable, Failed };

struct JobResult {
    Outcome outcome = Outcome::Failed;
    QString text;  // the secret, for a read
    QString error; // QtKeychain's explanation (never holds the secret)
    bool timedOut = false;
};

// No D-Bus session, no Secret Service and no KWallet: QtKeychain could only
// fail (or hang until the timeout), so do not ask it.
bool sessionBusLikely()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return true;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return !runtime.isEmpty() && QFileInfo::exists(runtime + QStringLiteral("/bus"));
#else
    return true;
#endif
}

// Runs a started-to-be job to its end in a local event loop, at most
// kJobTimeoutMs. A job that times out is left to delete itself when it
// finishes.
JobResult runJob(QKeychain::Job *job, bool isRead)
{
    job->setAutoDelete(false);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    job->start();
    timer.start(kJobTimeoutMs);
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);

    JobResult r;
    if (!finished) {
        QObject::disconnect(job, nullptr, &loop, nullptr);
        QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
        r.outcome = Outcome::Unavailable;
        r.timedOut = true;
        r.error = QStringLiteral("no answer within %1 s").arg(kJobTimeoutMs / 1000);
        return r;
    }
    r.error = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        r.outcome = Outcome::Ok;
        if (isRead)
            r.text = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        break;
    case QKeychain::EntryNotFound:
        r.outcome = Outcome::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        r.outcome = Outcome::Unavailable;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::CouldNotDeleteEntry:
        r.outcome = Outcome::Failed;
        break;
    }
    delete job;
    return r;
}

enum class Op { Read, Write, Delete };

QKeychain::Job *makeJob(Op op, const QString &key, const QString &secret)
{
    switch (op) {
    case Op::Read: {
        auto *job = new QKeychain::ReadPasswordJob(kService);
        job->setKey(key);
        return job;
    }
    case Op::Write: {
        auto *job = new QKeychain::WritePasswordJob(kService);
        job->setKey(key);
        job->setTextData(secret);
        return job;
    }
    case Op::Delete: {
        auto *job = new QKeychain::DeletePasswordJob(kService);
        job->setKey(key);
        return job;
    }
    }
    return nullptr;
}

// As ownCloud's credential manager does: a keychain that answers "no
// backend" or "other error" may just not be up yet (a session that is still
// starting), so ask once more after a pause before giving up on it.
JobResult keychain(Op op, const QString &key, const QString &secret = {})
{
    if (g_keychainDown.load())
        return {Outcome::Unavailable, {}, QStringLiteral("unavailable earlier in this run"), false};
    JobResult r = runJob(makeJob(op, key, secret), op == Op::Read);
    if (r.outcome == Outcome::Unavailable && !r.timedOut) {
        qCInfo(lcSettings) << "Keychain not available (yet?), asking again:" << r.error;
        // Pause with events flowing (a GUI caller keeps painting).
        QEventLoop pause;
        QTimer::singleShot(kRetryDelayMs, &pause, &QEventLoop::quit);
        pause.exec(QEventLoop::ExcludeUserInputEvents);
        r = runJob(makeJob(op, key, secret), op == Op::Read);
    }
    if (r.outcome == Outcome::Unavailable) {
        qCWarning(lcSettings) << "Keychain unavailable, using the secrets file instead:" << r.error;
        g_keychainDown.store(true);
    }
    return r;
}

// --- the file fallback: {"<config file name>": {"<secret name>": "<value>"}}

Result<QJsonObject> readSecretsFile(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return QJsonObject{};
    if (!f.open(QIODevice::ReadOnly))
        return Error::internal(QStringLiteral("The secrets file %1 cannot be read (%2): check its owner and "
                                              "permissions.")
                                   .arg(QDir::toNativeSeparators(path), f.errorString()));
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::internal(QStringLiteral("The secrets file %1 is damaged: remove it and set the API key "
                                              "again with 'tardigrade config set api_key -'.")
                                   .arg(QDir::toNativeSeparators(path)));
    return doc.object();
}

Status writeSecretsFile(const QString &path, const QJsonObject &all)
{
    if (all.isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path))
            return Error::internal(QStringLiteral("The secrets file %1 cannot be removed: check its permissions.")
                                       .arg(QDir::toNativeSeparators(path)));
        return {};
    }
    QSaveFile f(path);
    const auto mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!f.open(QIODevice::WriteOnly))
        return Error::internal(QStringLiteral("The secrets file %1 cannot be written (%2): check the folder's "
                                              "permissions.")
                                   .arg(QDir::toNativeSeparators(path), f.errorString()));
    f.setPermissions(mode);
    f.write(QJsonDocument(all).toJson(QJsonDocument::Indented));
    if (!f.commit())
        return Error::internal(QStringLiteral("The secrets file %1 cannot be written (%2): check the free space "
                                              "and the folder's permissions.")
                                   .arg(QDir::toNativeSeparators(path), f.errorString()));
    QFile::setPermissions(path, mode);
    return {};
}

} // namespace

SecretStore::SecretStore(QString configFile, Backend backend)
    : m_configFile(QFileInfo(configFile).absoluteFilePath()), m_backend(backend)
{
    m_lastWentToFile = !useKeychain();
}

bool SecretStore::fileOnlyByEnvironment()
{
    return qEnvironmentVariable("TARDIGRADE_SECRET_STORE").compare(QLatin1String("file"), Qt::CaseInsensitive) == 0;
}

bool SecretStore::useKeychain() const
{
    switch (m_backend) {
    case Backend::File:
        return false;
    case Backend::Keychain:
        return true;
    case Backend::Automatic:
        break;
    }
    return !fileOnlyByEnvironment() && QCoreApplication::instance() && sessionBusLikely() && !g_keychainDown.load();
}

QString SecretStore::keychainKey(const QString &name) const
{
    return m_configFile + QLatin1Char(':') + name;
}

QString SecretStore::secretsFilePath() const
{
    return ConfigPaths::stateFilePath(m_configFile, StateFile::Secrets);
}

QString SecretStore::describe() const
{
    return m_lastWentToFile ? QStringLiteral("the secrets file %1").arg(QDir::toNativeSeparators(secretsFilePath()))
                            : QStringLiteral("the system keychain");
}

Result<QString> SecretStore::read(const QString &name) const
{
    if (useKeychain()) {
        const JobResult r = keychain(Op::Read, keychainKey(name));
        if (r.outcome == Outcome::Ok)
            return r.text;
        if (r.outcome == Outcome::Failed || m_backend == Backend::Keychain) {
            if (r.outcome == Outcome::NotFound)
                return QString();
            return Error::internal(
                QStringLiteral("The system keychain refused to give the %1 (%2): allow Tardigrade to use it.")
                    .arg(name, r.error));
        }
        // Not found or unavailable: it may have been saved to the file while
        // the keychain was down.
    }
    const QString fileName = QFileInfo(m_configFile).fileName();
    const Result<QJsonObject> all = readSecretsFile(secretsFilePath());
    if (!all)
        return all.error();
    return all->value(fileName).toObject().value(name).toString();
}

Status SecretStore::write(const QString &name, const QString &secret) const
{
    const QString fileName = QFileInfo(m_configFile).fileName();
    if (useKeychain()) {
        const JobResult r = keychain(Op::Write, keychainKey(name), secret);
        if (r.outcome == Outcome::Ok) {
            m_lastWentToFile = false;
            // A copy left in the file from a time without keychain must go.
            if (!removeFromFile(name))
                qCWarning(lcSettings) << "Could not remove an old copy of" << name << "from the secrets file";
            return {};
        }
        if (r.outcome == Outcome::Failed || m_backend == Backend::Keychain)
            return Error::internal(
                QStringLiteral("The system keychain refused to store the %1 (%2): allow Tardigrade to use it.")
                    .arg(name, r.error));
    }
    ConfigPaths::stateDir(m_configFile); // the folder, made 0700 when new
    Result<QJsonObject> all = readSecretsFile(secretsFilePath());
    if (!all)
        return all.error();
    QJsonObject mine = all->value(fileName).toObject();
    mine.insert(name, secret);
    QJsonObject updated = all.value();
    updated.insert(fileName, mine);
    const Status st = writeSecretsFile(secretsFilePath(), updated);
    if (st) {
        m_lastWentToFile = true;
        qCDebug(lcSettings) << "Stored" << name << "in the secrets file" << secretsFilePath();
    }
    return st;
}

Status SecretStore::remove(const QString &name) const
{
    if (useKeychain()) {
        const JobResult r = keychain(Op::Delete, keychainKey(name));
        if (r.outcome == Outcome::Failed && m_backend == Backend::Keychain)
            return Error::internal(
                QStringLiteral("The system keychain refused to remove the %1 (%2).").arg(name, r.error));
    }
    if (m_backend == Backend::Keychain)
        return {};
    return removeFromFile(name);
}

Status SecretStore::removeFromFile(const QString &name) const
{
    const QString fileName = QFileInfo(m_configFile).fileName();
    Result<QJsonObject> all = readSecretsFile(secretsFilePath());
    if (!all)
        return all.error();
    if (!all->value(fileName).toObject().contains(name))
        return {};
    QJsonObject mine = all->value(fileName).toObject();
    mine.remove(name);
    QJsonObject updated = all.value();
    if (mine.isEmpty())
        updated.remove(fileName);
    else
        updated.insert(fileName, mine);
    return writeSecretsFile(secretsFilePath(), updated);
}

} // namespace tardigrade
