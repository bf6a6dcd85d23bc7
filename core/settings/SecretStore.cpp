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
#include <memory>
#include <optional>
#include <qt6keychain/keychain.h>

namespace tardigrade {

namespace secret_store_detail {
enum class Outcome { Ok, NotFound, Unavailable, Failed };

struct JobResult {
    Outcome outcome = Outcome::Failed;
    QString text;  // the secret, for a read
    QString error; // QtKeychain's explanation (never holds the secret)
    bool timedOut = false;
};
} // namespace secret_store_detail

using secret_store_detail::JobResult;
using secret_store_detail::Outcome;

namespace {

const QString kService = QStringLiteral("tardigrade");
constexpr int kJobTimeoutMs = 3000;
constexpr int kRetryDelayMs = 1000;

// Once the keychain has failed twice in this process, later calls go to the
// file at once instead of waiting for it again.
std::atomic<bool> g_keychainDown{false};

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

JobResult resultOf(QKeychain::Job *job, bool isRead)
{
    JobResult r;
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
    return r;
}

// Calls `f` on `context`'s thread from its event loop: later, never now.
template <typename F>
void later(QObject *context, F f)
{
    QTimer::singleShot(0, context, std::move(f));
}

// One keychain operation, asynchronously on `context`'s thread: the job
// (which deletes itself when done), a time limit, and, as ownCloud's
// credential manager does, one more try after a pause when the keychain
// answers "no backend" or "other error": it may just not be up yet (a
// session that is still starting). `done` comes later, never before this
// returns, and not at all once `context` is gone.
void keychainAsync(Op op, const QString &key, const QString &secret, QObject *context,
                   std::function<void(const JobResult &)> done, int attempt = 1)
{
    if (g_keychainDown.load()) {
        later(context, [done] { done({Outcome::Unavailable, {}, QStringLiteral("unavailable earlier in this run"), false}); });
        return;
    }
    QKeychain::Job *job = makeJob(op, key, secret);
    auto answered = std::make_shared<bool>(false);
    const auto conclude = [=](const JobResult &r) {
        if (r.outcome == Outcome::Unavailable && !r.timedOut && attempt == 1) {
            qCInfo(lcSettings) << "Keychain not available (yet?), asking again:" << r.error;
            QTimer::singleShot(kRetryDelayMs, context,
                               [=] { keychainAsync(op, key, secret, context, done, attempt + 1); });
            return;
        }
        if (r.outcome == Outcome::Unavailable) {
            qCWarning(lcSettings) << "Keychain unavailable, using the secrets file instead:" << r.error;
            g_keychainDown.store(true);
        }
        done(r);
    };
    QObject::connect(job, &QKeychain::Job::finished, context, [=](QKeychain::Job *j) {
        if (*answered)
            return; // timed out before: already concluded
        *answered = true;
        conclude(resultOf(j, op == Op::Read));
    });
    QTimer::singleShot(kJobTimeoutMs, context, [=] {
        if (*answered)
            return;
        *answered = true; // the job finishes (and deletes itself) whenever it does
        conclude({Outcome::Unavailable, {}, QStringLiteral("no answer within %1 s").arg(kJobTimeoutMs / 1000), true});
    });
    job->start();
}

// The same, waited for in a local event loop (the command line and the
// engine's thread; the GUI thread uses the asynchronous calls).
JobResult keychainBlocking(Op op, const QString &key, const QString &secret = {})
{
    QObject context;
    QEventLoop loop;
    std::optional<JobResult> result;
    keychainAsync(op, key, secret, &context, [&](const JobResult &r) {
        result = r;
        loop.quit();
    });
    if (!result)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return *result;
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

Result<QString> SecretStore::finishRead(const JobResult *r, const QString &name) const
{
    if (r) {
        if (r->outcome == Outcome::Ok)
            return r->text;
        if (r->outcome == Outcome::Failed || m_backend == Backend::Keychain) {
            if (r->outcome == Outcome::NotFound)
                return QString();
            return Error::internal(
                QStringLiteral("The system keychain refused to give the %1 (%2): allow Tardigrade to use it.")
                    .arg(name, r->error));
        }
        // Not found or unavailable: it may have been saved to the file while
        // the keychain was down.
    }
    const Result<QJsonObject> all = readSecretsFile(secretsFilePath());
    if (!all)
        return all.error();
    return all->value(QFileInfo(m_configFile).fileName()).toObject().value(name).toString();
}

Result<bool> SecretStore::finishWrite(const JobResult *r, const QString &name, const QString &secret) const
{
    if (r) {
        if (r->outcome == Outcome::Ok) {
            // A copy left in the file from a time without keychain must go.
            if (!removeFromFile(name))
                qCWarning(lcSettings) << "Could not remove an old copy of" << name << "from the secrets file";
            return false;
        }
        if (r->outcome == Outcome::Failed || m_backend == Backend::Keychain)
            return Error::internal(
                QStringLiteral("The system keychain refused to store the %1 (%2): allow Tardigrade to use it.")
                    .arg(name, r->error));
    }
    const QString fileName = QFileInfo(m_configFile).fileName();
    ConfigPaths::stateDir(m_configFile); // the folder, made 0700 when new
    Result<QJsonObject> all = readSecretsFile(secretsFilePath());
    if (!all)
        return all.error();
    QJsonObject mine = all->value(fileName).toObject();
    mine.insert(name, secret);
    QJsonObject updated = all.value();
    updated.insert(fileName, mine);
    if (Status st = writeSecretsFile(secretsFilePath(), updated); !st)
        return st.error();
    qCDebug(lcSettings) << "Stored" << name << "in the secrets file" << secretsFilePath();
    return true;
}

Status SecretStore::finishRemove(const JobResult *r, const QString &name) const
{
    if (r && r->outcome == Outcome::Failed && m_backend == Backend::Keychain)
        return Error::internal(QStringLiteral("The system keychain refused to remove the %1 (%2).").arg(name, r->error));
    if (m_backend == Backend::Keychain)
        return {};
    return removeFromFile(name);
}

Result<QString> SecretStore::read(const QString &name) const
{
    if (!useKeychain())
        return finishRead(nullptr, name);
    const JobResult r = keychainBlocking(Op::Read, keychainKey(name));
    return finishRead(&r, name);
}

Status SecretStore::write(const QString &name, const QString &secret) const
{
    Result<bool> toFile = [&]() -> Result<bool> {
        if (!useKeychain())
            return finishWrite(nullptr, name, secret);
        const JobResult r = keychainBlocking(Op::Write, keychainKey(name), secret);
        return finishWrite(&r, name, secret);
    }();
    if (!toFile)
        return toFile.error();
    m_lastWentToFile = *toFile;
    return {};
}

Status SecretStore::remove(const QString &name) const
{
    if (!useKeychain())
        return finishRemove(nullptr, name);
    const JobResult r = keychainBlocking(Op::Delete, keychainKey(name));
    return finishRemove(&r, name);
}

void SecretStore::readAsync(const QString &name, QObject *context, std::function<void(Result<QString>)> done) const
{
    const SecretStore self = *this; // the caller's store may be gone by the time the keychain answers
    if (!useKeychain()) {
        later(context, [self, name, done] { done(self.finishRead(nullptr, name)); });
        return;
    }
    keychainAsync(Op::Read, keychainKey(name), {}, context,
                  [self, name, done](const JobResult &r) { done(self.finishRead(&r, name)); });
}

void SecretStore::writeAsync(const QString &name, const QString &secret, QObject *context,
                             std::function<void(Status)> done) const
{
    const SecretStore self = *this;
    const auto finish = [self, name, secret, done](const JobResult *r) {
        const Result<bool> toFile = self.finishWrite(r, name, secret);
        done(toFile ? Status{} : Status(toFile.error()));
    };
    if (!useKeychain()) {
        later(context, [finish] { finish(nullptr); });
        return;
    }
    keychainAsync(Op::Write, keychainKey(name), secret, context, [finish](const JobResult &r) { finish(&r); });
}

void SecretStore::removeAsync(const QString &name, QObject *context, std::function<void(Status)> done) const
{
    const SecretStore self = *this;
    if (!useKeychain()) {
        later(context, [self, name, done] { done(self.finishRemove(nullptr, name)); });
        return;
    }
    keychainAsync(Op::Delete, keychainKey(name), {}, context,
                  [self, name, done](const JobResult &r) { done(self.finishRemove(&r, name)); });
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
