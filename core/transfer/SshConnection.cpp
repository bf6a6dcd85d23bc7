#include "SshConnection.h"

#include "ExecChannel.h"
#include "HashAside.h"
#include "KnownHosts.h"
#include "Md5.h"
#include "ScpSink.h"
#include "SftpChannel.h"
#include "SftpFlagsPlatform.h"
#include "ShellQuote.h"
#include "util/LocalFile.h"
#include "util/Log.h"

#include <QElapsedTimer>
#include <QFile>
#include <algorithm>
#include <cstring>
#include <libssh/libssh.h>
#include <libssh/sftp.h>
#include <mutex>

namespace tardigrade {

namespace {
constexpr qint64 ResumeCheckWindow = 64 * 1024; // bytes before the resume point compared with the local file
constexpr qint64 HashAsideFrom = qint64(1) << 20;  // a send this large is hashed on a thread of its own
constexpr int kAsideBuffers = 2; // 4 measured no faster than 2 on 2 cores

QString display(const QByteArray &remotePath)
{
    return QString::fromUtf8(remotePath);
}

// A path starting with '-' would be read as an option by scp and cat.
QByteArray safeForCommands(const QByteArray &remotePath)
{
    return remotePath.startsWith('-') ? QByteArray("./") + remotePath : remotePath;
}

} // namespace

SshConnection::SshConnection(const SshEndpoint &endpoint) : m_endpoint(endpoint) {}

SshConnection::~SshConnection()
{
    m_sink.reset(); // its channel belongs to the session
    m_pipelineChannel.reset();
    if (m_sftp)
        sftp_free(m_sftp);
    if (m_session) {
        if (ssh_is_connected(m_session))
            ssh_disconnect(m_session);
        ssh_free(m_session);
    }
}

bool SshConnection::isConnected() const
{
    return m_session && !m_broken && ssh_is_connected(m_session);
}

Result<std::unique_ptr<SshConnection>> SshConnection::open(const SshEndpoint &endpoint)
{
    static std::once_flag initOnce;
    std::call_once(initOnce, [] { ssh_init(); });

    const QString where = KnownHosts::entryName(endpoint.host, endpoint.port);
    if (endpoint.host.isEmpty())
        return Error::user(QStringLiteral("No staging host is known yet: the uploader registration must be approved "
                                          "by the MyTardis administrator first."));
    if (endpoint.knownHostsPath.isEmpty() || endpoint.privateKeyPath.isEmpty())
        return Error::internal(QStringLiteral("The SSH key or known-hosts file of this installation is not set."));

    std::unique_ptr<SshConnection> c(new SshConnection(endpoint));
    c->m_session = ssh_new();
    if (!c->m_session)
        return Error::internal(QStringLiteral("Cannot create an SSH session."));
    ssh_session s = c->m_session;

    // Our own settings only: ~/.ssh/config and /etc/ssh/ssh_config could
    // redirect the connection or change ciphers behind the user's back.
    bool processConfig = false;
    const QByteArray host = endpoint.host.toUtf8();
    unsigned int port = unsigned(endpoint.port);
    long timeout = endpoint.timeoutSecs > 0 ? endpoint.timeoutSecs : 10;
    int noDelay = 1; // small SFTP requests wait 40 ms each for Nagle otherwise
    const QByteArray knownHosts = QFile::encodeName(endpoint.knownHostsPath);
    ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &processConfig);
    ssh_options_set(s, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    if (!endpoint.user.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_USER, endpoint.user.toUtf8().constData());
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
    ssh_options_set(s, SSH_OPTIONS_NODELAY, &noDelay);
    ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData());
    ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    if (!endpoint.ciphers.trimmed().isEmpty()) {
        const QByteArray ciphers = endpoint.ciphers.trimmed().toUtf8();
        if (ssh_options_set(s, SSH_OPTIONS_CIPHERS_C_S, ciphers.constData()) != SSH_OK ||
            ssh_options_set(s, SSH_OPTIONS_CIPHERS_S_C, ciphers.constData()) != SSH_OK)
            return Error::user(QStringLiteral("The cipher setting \"%1\" names no cipher this program supports: "
                                              "use for example aes128-gcm@openssh.com,aes128-ctr.")
                                   .arg(endpoint.ciphers));
    }

    if (ssh_connect(s) != SSH_OK)
        return Error::transient(QStringLiteral("Cannot connect to the staging host %1 (%2): check the host name and "
                                               "port and that the host is reachable; the upload will be tried again.")
                                    .arg(where, QString::fromUtf8(ssh_get_error(s))));

    const Status known = KnownHosts(endpoint.knownHostsPath).verify(s, endpoint.host, endpoint.port);
    if (!known.ok())
        return known.error();

    ssh_key key = nullptr;
    const QByteArray keyPath = QFile::encodeName(endpoint.privateKeyPath);
    if (ssh_pki_import_privkey_file(keyPath.constData(), nullptr, nullptr, nullptr, &key) != SSH_OK)
        return Error::user(QStringLiteral("Cannot read this installation's SSH key %1: move it away so that a new "
                                          "one is created, and have the new public key approved.")
                               .arg(endpoint.privateKeyPath));
    const int auth = ssh_userauth_publickey(s, nullptr, key);
    ssh_key_free(key);
    if (auth == SSH_AUTH_ERROR)
        return Error::transient(QStringLiteral("The connection to the staging host %1 failed while logging in "
                                               "(%2); the upload will be tried again.")
                                    .arg(where, QString::fromUtf8(ssh_get_error(s))));
    if (auth != SSH_AUTH_SUCCESS) {
        const QString user = endpoint.user.isEmpty() ? QStringLiteral("the staging account") : endpoint.user;
        return Error::permanent(QStringLiteral("The staging host %1 refused this installation's SSH key for %2: the "
                                               "MyTardis administrator must approve this uploader and add its public "
                                               "key (%3.pub) to %2's authorized_keys on the staging host.")
                                    .arg(where, user, endpoint.privateKeyPath));
    }
    qCDebug(lcTransfer).noquote() << "SSH session to" << where << "cipher"
                                  << QString::fromLatin1(ssh_get_cipher_out(s));
    return c;
}

Result<sftp_session_struct *> SshConnection::sftp()
{
    if (m_sftp)
        return m_sftp;
    sftp_session sftp = sftp_new(m_session);
    if (!sftp)
        return failure(QStringLiteral("opening the SFTP subsystem"), {});
    if (sftp_init(sftp) != SSH_OK) {
        sftp_free(sftp);
        return failure(QStringLiteral("opening the SFTP subsystem"), {});
    }
    m_sftp = sftp;
    return m_sftp;
}

Error SshConnection::failure(const QString &doing, const QByteArray &remotePath) const
{
    const QString where = KnownHosts::entryName(m_endpoint.host, m_endpoint.port);
    const QString what = remotePath.isEmpty() ? doing : doing + QLatin1Char(' ') + display(remotePath);
    const QString detail = QString::fromUtf8(ssh_get_error(m_session));
    if (!isConnected())
        return Error::transient(QStringLiteral("Lost the connection to the staging host %1 while %2 (%3); the upload "
                                               "will be tried again.")
                                    .arg(where, what, detail));
    if (detail.contains(QLatin1String("No space left")) || detail.contains(QLatin1String("quota")))
        return diskFull(remotePath, detail);
    return Error::permanent(QStringLiteral("The staging host %1 failed while %2 (%3): ask the MyTardis administrator "
                                           "to check the staging account and location.")
                                .arg(where, what, detail));
}

Error SshConnection::hostRefused(const Error &said, const QByteArray &remotePath) const
{
    // What the remote scp or cat said; a lost connection says nothing useful.
    if (!isConnected() || (said.kind == ErrorKind::Transient && said.message.isEmpty()))
        return failure(QStringLiteral("sending"), remotePath);
    const QString where = KnownHosts::entryName(m_endpoint.host, m_endpoint.port);
    if (said.message.contains(QLatin1String("No space left")) || said.message.contains(QLatin1String("quota")))
        return diskFull(remotePath, said.message);
    if (said.kind == ErrorKind::Transient)
        return Error::transient(QStringLiteral("The staging host %1 stopped taking %2 (%3); the upload will be tried "
                                               "again.")
                                    .arg(where, display(remotePath), said.message));
    return Error::permanent(QStringLiteral("The staging host could not write %1 (%2): ask the MyTardis "
                                           "administrator to check the staging account and location.")
                                .arg(display(remotePath), said.message));
}

Error SshConnection::diskFull(const QByteArray &remotePath, const QString &detail) const
{
    return Error::transient(QStringLiteral("The staging host %1's disk is full (%2), so %3 could not be sent: ask the "
                                           "MyTardis administrator to free space there; the upload will be tried "
                                           "again.")
                                .arg(KnownHosts::entryName(m_endpoint.host, m_endpoint.port), detail,
                                     display(remotePath)));
}

std::optional<Error> SshConnection::lacksSpace(const QByteArray &remotePath, qint64 needed)
{
    Result<sftp_session> sftp = this->sftp();
    if (!sftp.ok())
        return std::nullopt;
    const int slash = remotePath.lastIndexOf('/');
    const QByteArray folder = slash > 0 ? remotePath.left(slash) : QByteArray("/");
    sftp_statvfs_t space = sftp_statvfs(*sftp, folder.constData());
    if (!space)
        return std::nullopt; // a host without the statvfs extension: the transfer will tell
    const qint64 free = qint64(space->f_bavail) * qint64(space->f_frsize);
    sftp_statvfs_free(space);
    if (free >= needed)
        return std::nullopt;
    return diskFull(remotePath, QStringLiteral("%1 bytes free, %2 needed").arg(free).arg(needed));
}

Error SshConnection::unlessDiskFull(const Error &failed, const QByteArray &remotePath, qint64 needed)
{
    // A host that stopped reading may not answer anything else either (and
    // libssh's SFTP calls would wait for it for ever): the next attempt, on
    // a new connection, asks before it sends.
    if (failed.kind == ErrorKind::Cancelled || m_stalled || !isConnected() ||
        failed.message.contains(QLatin1String("disk is full")))
        return failed;
    if (std::optional<Error> full = lacksSpace(remotePath, needed))
        return *full;
    return failed;
}

Error SshConnection::sftpFailure(const QString &doing, const QByteArray &remotePath)
{
    if (!isConnected() || !m_sftp)
        return failure(doing, remotePath);
    return refusal(unsigned(sftp_get_error(m_sftp)), QString::fromUtf8(ssh_get_error(m_session)), doing, remotePath);
}

Error SshConnection::refusal(unsigned status, const QString &detail, const QString &doing,
                             const QByteArray &remotePath) const
{
    const QString where = KnownHosts::entryName(m_endpoint.host, m_endpoint.port);
    const QString what = doing + QLatin1Char(' ') + display(remotePath);
    switch (status) {
    case SSH_FX_PERMISSION_DENIED:
        return Error::permanent(QStringLiteral("The staging host %1 denied permission while %2: ask the MyTardis "
                                               "administrator to check that the staging account may write there.")
                                    .arg(where, what));
    case SSH_FX_NO_SUCH_FILE:
        return Error::permanent(QStringLiteral("The staging host %1 has no such file or folder while %2: ask the "
                                               "MyTardis administrator to check the staging location.")
                                    .arg(where, what));
    default:
        if (!isConnected())
            return failure(doing, remotePath);
        if (detail.contains(QLatin1String("No space left")) || detail.contains(QLatin1String("quota")))
            return diskFull(remotePath, detail);
        return Error::permanent(QStringLiteral("The staging host %1 failed while %2 (%3): ask the MyTardis "
                                               "administrator to check the staging account and location.")
                                    .arg(where, what, detail));
    }
}

Status SshConnection::makeDirectories(const QByteArray &remoteDir, int mode)
{
    QByteArray dir = remoteDir;
    while (dir.size() > 1 && dir.endsWith('/'))
        dir.chop(1);
    if (dir.isEmpty() || dir == "/" || dir == ".")
        return {};
    Result<sftp_session> sftp = this->sftp();
    if (!sftp.ok())
        return sftp.error();

    // Its parent is nearly always there (the staging location, or the
    // dataset's folder another file made): one mkdir then, not a look at
    // every level first. On a slow link each question is a round trip, and
    // this is on the way of every new dataset's first files.
    if (sftp_mkdir(*sftp, dir.constData(), mode_t(mode & 0777)) == SSH_OK)
        return fixFolderMode(dir, mode);

    // It exists already, or something on its way does not: look.
    const Result<RemoteEntry> there = statRemote(dir, QStringLiteral("looking up the folder"));
    if (!there.ok())
        return there.error();
    if (there->isFolder)
        return {};
    if (there->exists)
        return Error::permanent(QStringLiteral("%1 exists on the staging host but is not a folder: ask the MyTardis "
                                               "administrator to move it away.")
                                    .arg(display(dir)));

    const int slash = dir.lastIndexOf('/');
    if (slash > 0) {
        const Status parent = makeDirectories(dir.left(slash), mode);
        if (!parent.ok())
            return parent;
    }
    if (sftp_mkdir(*sftp, dir.constData(), mode_t(mode & 0777)) != SSH_OK) {
        // Another worker may have created it a moment ago.
        if (remoteIsFolder(dir))
            return {};
        return sftpFailure(QStringLiteral("creating the folder"), dir);
    }
    return fixFolderMode(dir, mode);
}

Status SshConnection::fixFolderMode(const QByteArray &dir, int mode)
{
    // mkdir honours neither the setgid bit nor group write under umask 022;
    // chmod does.
    if (sftp_chmod(m_sftp, dir.constData(), mode_t(mode)) != SSH_OK)
        return sftpFailure(QStringLiteral("setting the permissions of the folder"), dir);
    return {};
}

Result<SshConnection::RemoteEntry> SshConnection::statRemote(const QByteArray &remotePath, const QString &doing)
{
    Result<sftp_session> sftp = this->sftp();
    if (!sftp.ok())
        return sftp.error();
    RemoteEntry entry;
    sftp_attributes a = sftp_stat(*sftp, remotePath.constData());
    if (!a) {
        if (sftp_get_error(*sftp) == SSH_FX_NO_SUCH_FILE)
            return entry;
        return sftpFailure(doing, remotePath);
    }
    entry.exists = true;
    entry.isFolder = a->type == SSH_FILEXFER_TYPE_DIRECTORY;
    entry.size = qint64(a->size);
    sftp_attributes_free(a);
    return entry;
}

Result<qint64> SshConnection::remoteSize(const QByteArray &remotePath)
{
    const Result<RemoteEntry> there = statRemote(remotePath, QStringLiteral("looking up"));
    if (!there.ok())
        return there.error();
    if (there->isFolder)
        return folderInTheWay(remotePath);
    return there->exists ? there->size : qint64(-1);
}

bool SshConnection::remoteIsFolder(const QByteArray &remotePath)
{
    const Result<RemoteEntry> there = statRemote(remotePath, QStringLiteral("looking up"));
    return there.ok() && there->isFolder;
}

Error SshConnection::folderInTheWay(const QByteArray &remotePath)
{
    return Error::permanent(QStringLiteral("%1 is a folder on the staging host, where a file should go: ask the "
                                           "MyTardis administrator to move it away.")
                                .arg(display(remotePath)));
}

Result<qint64> SshConnection::usableResumeOffset(LocalFile &localFile, qint64 localSize, const QByteArray &remotePath,
                                                 qint64 wanted)
{
    if (wanted == 0) // a fresh upload: no round trip to ask what is there
        return qint64(0);
    const Result<qint64> remote = remoteSize(remotePath);
    if (!remote.ok())
        return remote.error();
    if (*remote < ResumeThreshold)
        return qint64(0);
    const qint64 offset = std::min({wanted < 0 ? *remote : wanted, *remote, localSize});
    if (offset < ResumeThreshold)
        return qint64(0);

    // The bytes just before the resume point must be the local file's: a
    // partial file from another version of the file is sent again whole.
    const qint64 window = std::min(offset, ResumeCheckWindow);
    QByteArray local(int(window), Qt::Uninitialized);
    if (!localFile.readFullyAt(offset - window, local.data(), window))
        return qint64(0);
    QByteArray theirs(int(window), Qt::Uninitialized);
    sftp_file file = sftp_open(m_sftp, remotePath.constData(), sftp_flags::Read, 0);
    if (!file)
        return sftpFailure(QStringLiteral("reading back"), remotePath);
    qint64 got = 0;
    if (sftp_seek64(file, uint64_t(offset - window)) == 0) {
        while (got < window) {
            const ssize_t n = sftp_read(file, theirs.data() + got, size_t(window - got));
            if (n <= 0)
                break;
            got += n;
        }
    }
    sftp_close(file);
    if (got != window || theirs != local) {
        qCInfo(lcTransfer).noquote() << "The partial file" << display(remotePath)
                                     << "does not match the local file; sending it again whole";
        if (!isConnected())
            return failure(QStringLiteral("reading back"), remotePath);
        return qint64(0);
    }
    return offset;
}

Status SshConnection::move(const QByteArray &from, const QByteArray &to)
{
    if (from == to)
        return {};
    const int slash = to.lastIndexOf('/');
    if (slash > 0)
        if (const Status made = makeDirectories(to.left(slash)); !made.ok())
            return made;
    Result<sftp_session> sftp = this->sftp();
    if (!sftp.ok())
        return sftp.error();
    // libssh uses posix-rename@openssh.com when the server has it, which
    // replaces an existing file; a plain SFTP rename refuses to.
    if (sftp_rename(*sftp, from.constData(), to.constData()) == SSH_OK)
        return {};
    if (!isConnected())
        return failure(QStringLiteral("moving"), from);
    auto started = ExecChannel::start(m_session, QByteArray("mv -f ") + shellQuote(safeForCommands(from)) + ' ' +
                                                     shellQuote(safeForCommands(to)));
    if (!started.ok())
        return failure(QStringLiteral("moving"), from);
    QByteArray errors;
    if ((*started)->finish(&errors) != 0)
        return hostRefused(Error::permanent(QString::fromUtf8(errors.trimmed())), to);
    return {};
}

Status SshConnection::remove(const QByteArray &remotePath)
{
    Result<sftp_session> sftp = this->sftp();
    if (!sftp.ok())
        return sftp.error();
    if (sftp_unlink(*sftp, remotePath.constData()) == SSH_OK)
        return {};
    if (isConnected() && sftp_get_error(*sftp) == SSH_FX_NO_SUCH_FILE)
        return {}; // gone already (an earlier run removed it, then failed to say so in its journal)
    return sftpFailure(QStringLiteral("deleting"), remotePath);
}

Status SshConnection::truncateRemote(const QByteArray &remotePath, qint64 size)
{
    sftp_attributes_struct attributes;
    std::memset(&attributes, 0, sizeof attributes);
    attributes.flags = SSH_FILEXFER_ATTR_SIZE;
    attributes.size = uint64_t(size);
    if (sftp_setstat(m_sftp, remotePath.constData(), &attributes) != SSH_OK)
        return sftpFailure(QStringLiteral("truncating"), remotePath);
    return {};
}

Status SshConnection::sendLocalBlocks(LocalFile &localFile, qint64 from, qint64 total, const QByteArray &remotePath,
                                      const Progress &progress, const std::atomic_bool *cancel,
                                      const BlockSender &send)
{
    const qint64 block = std::min(BlockSize, std::max<qint64>(total - from, 1));
    // Hashed from the very buffers that are sent: the digest covers exactly
    // the bytes the host gets, even if the file changes meanwhile. A large
    // file is hashed on a thread of its own, a block or so behind the
    // sending, so while one buffer is sent (and maybe still hashed) the next
    // is read into the other. Both only read a buffer; it is refilled once
    // its block is sent and hashed. The buffers outlive the hasher (declared
    // first), which finishes what it was given on every way out.
    struct Buffer {
        std::unique_ptr<char[]> bytes;
        std::uint64_t ticket = 0; // its block's turn at the hasher; 0: none
    };
    const bool aside = m_digest && total - from >= HashAsideFrom;
    Buffer buffers[kAsideBuffers]; // each made when first needed (a one-block file needs one)
    std::optional<HashAside> hasher;
    if (aside)
        hasher.emplace(*m_digest);
    if (progress)
        progress(from, total);
    for (qint64 done = from, turn = 0; done < total; ++turn) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return Error::cancelled(); // the caller closes; what arrived stays for a resume
        Buffer &buffer = buffers[aside ? turn % kAsideBuffers : 0];
        if (!buffer.bytes)
            buffer.bytes.reset(new char[size_t(block)]);
        if (buffer.ticket)
            hasher->hashed(buffer.ticket);
        const qint64 n = std::min(block, total - done);
        if (!localFile.readFullyAt(done, buffer.bytes.get(), n))
            return Error::permanent(QStringLiteral("Cannot read the local file while sending it to %1 (%2): check "
                                                   "that it was not truncated or moved.")
                                        .arg(display(remotePath), localFile.errorString()));
        if (hasher)
            buffer.ticket = hasher->give(buffer.bytes.get(), std::size_t(n));
        else if (m_digest)
            m_digest->update(buffer.bytes.get(), std::size_t(n));
        const Status sent = send(buffer.bytes.get(), n, done);
        if (!sent.ok())
            return sent;
        localFile.doneWith(done, n); // never read again: out of the page cache
        done += n;
    }
    if (hasher)
        hasher->drain();
    return {};
}

Status SshConnection::hashLocalPrefix(LocalFile &localFile, qint64 upTo, const QByteArray &remotePath,
                                      const std::atomic_bool *cancel)
{
    const qint64 block = std::min(BlockSize, std::max<qint64>(upTo, 1));
    std::unique_ptr<char[]> buffer(new char[size_t(block)]);
    for (qint64 done = 0; done < upTo;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return Error::cancelled();
        const qint64 n = std::min(block, upTo - done);
        if (!localFile.readFullyAt(done, buffer.get(), n))
            return Error::permanent(QStringLiteral("Cannot read the local file while resuming it to %1 (%2): check "
                                                   "that it was not truncated or moved.")
                                        .arg(display(remotePath), localFile.errorString()));
        m_digest->update(buffer.get(), std::size_t(n));
        localFile.doneWith(done, n);
        done += n;
    }
    return {};
}

Status SshConnection::streamSftp(LocalFile &localFile, qint64 from, qint64 total, const QByteArray &remotePath,
                                 const Progress &progress, const std::atomic_bool *cancel)
{
    // libssh 0.10's sftp_write is synchronous and fails above about 32 KiB.
    constexpr qint64 WriteSize = 32 * 1024;
    Result<sftp_session> sftp = this->sftp();
    if (!sftp.ok())
        return sftp.error();
    const int flags = sftp_flags::Write | sftp_flags::Create | (from == 0 ? sftp_flags::Truncate : 0);
    sftp_file file = sftp_open(*sftp, remotePath.constData(), flags, mode_t(FileMode));
    if (!file)
        return sftpFailure(QStringLiteral("creating"), remotePath);
    struct Closer {
        sftp_file f;
        ~Closer()
        {
            if (f)
                sftp_close(f);
        }
    } closer{file};
    if (from > 0 && sftp_seek64(file, uint64_t(from)) != 0)
        return sftpFailure(QStringLiteral("seeking in"), remotePath);

    const Status sent = sendLocalBlocks(
        localFile, from, total, remotePath, progress, cancel, [&](const char *data, qint64 n, qint64 offset) -> Status {
            for (qint64 at = 0; at < n;) {
                const ssize_t w = sftp_write(file, data + at, size_t(std::min(WriteSize, n - at)));
                if (w <= 0)
                    return sftpFailure(QStringLiteral("writing"), remotePath);
                at += w;
            }
            if (progress)
                progress(offset + n, total);
            return {};
        });
    if (!sent.ok())
        return sent;
    closer.f = nullptr;
    if (sftp_close(file) != SSH_OK)
        return sftpFailure(QStringLiteral("closing"), remotePath);
    return {};
}

Status SshConnection::stream(LocalFile &localFile, qint64 from, qint64 total, const QByteArray &remotePath, bool append,
                             const Progress &progress, const std::atomic_bool *cancel)
{
    if (sendsBySftp(total - from))
        return streamSftp(localFile, from, total, remotePath, progress, cancel);
    const qint64 stallMs = qint64(m_endpoint.timeoutSecs > 0 ? m_endpoint.timeoutSecs : 10) * 1000;
    // A fresh file goes to this connection's long-lived SCP sink; resuming
    // (and a path the sink cannot name) streams through `cat` instead.
    const bool viaSink = !append && ScpSink::canCarry(remotePath);
    std::unique_ptr<ExecChannel> exec;
    // The sink is mid-file until endFile() answers: any way out before that
    // leaves it unusable, so it is dropped (and made again for the next file).
    struct SinkInUse {
        std::unique_ptr<ScpSink> *sink;
        bool finished = false;
        ~SinkInUse()
        {
            if (sink && !finished)
                sink->reset();
        }
    } sinkInUse{viaSink ? &m_sink : nullptr};
    if (viaSink) {
        if (!m_sink) {
            auto opened = ScpSink::open(m_session, int(stallMs));
            if (!opened.ok())
                return hostRefused(opened.error(), remotePath);
            m_sink = std::move(opened).value();
        }
        const Status begun = m_sink->beginFile(remotePath, total, FileMode);
        if (!begun.ok())
            return hostRefused(begun.error(), remotePath);
    } else {
        const QByteArray target = safeForCommands(remotePath);
        auto started = ExecChannel::start(m_session, QByteArray(append ? "cat >> " : "cat > ") + shellQuote(target));
        if (!started.ok())
            return failure(QStringLiteral("starting to send"), remotePath);
        exec = std::move(started).value();
    }

    const Status sent = sendLocalBlocks(
        localFile, from, total, remotePath, progress, cancel, [&](const char *data, qint64 n, qint64 offset) -> Status {
            // Slices keep a cancel prompt on slow links; each one that takes
            // the whole timeout means the host stopped taking data (libssh
            // then returns without having sent it all and without saying so).
            for (qint64 at = 0; at < n;) {
                if (at > 0 && cancel && cancel->load(std::memory_order_relaxed))
                    return Error::cancelled();
                const qint64 slice = std::min(SliceSize, n - at);
                QElapsedTimer timer;
                timer.start();
                const bool written =
                    viaSink ? m_sink->write(data + at, size_t(slice)) : exec->write(data + at, size_t(slice));
                if (timer.elapsed() >= stallMs) {
                    m_stalled = true;
                    return stalled(remotePath, stallMs);
                }
                if (!written) {
                    // A write that failed (often a timeout) leaves a host that
                    // may answer nothing more: no space query on this session.
                    m_stalled = true;
                    return failure(QStringLiteral("sending"), remotePath);
                }
                at += slice;
                if (progress)
                    progress(offset + at, total);
            }
            return {};
        });
    if (!sent.ok())
        return sent;
    if (viaSink) {
        const Status ended = m_sink->endFile();
        if (!ended.ok())
            return hostRefused(ended.error(), remotePath);
        sinkInUse.finished = true;
    } else {
        QByteArray errors;
        const int status = exec->finish(&errors);
        if (status != 0) {
            if (!isConnected())
                return failure(QStringLiteral("finishing"), remotePath);
            return hostRefused(Error::permanent(QString::fromUtf8(errors.trimmed())), remotePath);
        }
    }
    return {};
}

Status SshConnection::upload(const QString &localPath, const QByteArray &remotePath, qint64 resumeOffset,
                             const Progress &progress, const std::atomic_bool *cancel, Md5 *digest)
{
    struct DigestInUse {
        Md5 *&slot;
        ~DigestInUse() { slot = nullptr; }
    } digestInUse{m_digest};
    m_digest = digest;
    if (remotePath.isEmpty() || remotePath.endsWith('/') || remotePath.contains('\0'))
        return Error::internal(
            QStringLiteral("The staging path \"%1\" does not name a file.").arg(display(remotePath)));
    const Result<std::shared_ptr<LocalFile>> opened = openLocal(localPath);
    if (!opened.ok())
        return opened.error();
    const std::shared_ptr<LocalFile> local = *opened;
    const qint64 total = local->size();

    const Result<qint64> offset = usableResumeOffset(*local, total, remotePath, resumeOffset);
    if (!offset.ok())
        return offset.error();
    if (m_digest) {
        m_digest->reset();
        // What the host holds already is hashed from the local file: its
        // last 64 KiB were just compared with the host's.
        if (const Status hashed = hashLocalPrefix(*local, *offset, remotePath, cancel); !hashed.ok())
            return hashed;
    }
    if (*offset > 0) {
        qCInfo(lcTransfer).noquote() << "Resuming" << display(remotePath) << "after" << *offset << "of" << total
                                     << "bytes";
        const Status truncated = truncateRemote(remotePath, *offset);
        if (!truncated.ok())
            return truncated;
    }
    // A file that cannot fit is not begun (a full staging disk stalls the
    // SCP sink rather than saying so): one round trip, for large files and
    // for what an earlier attempt left, where it costs nothing to speak of.
    if (*offset < total && !sendsBySftp(total - *offset) && (*offset > 0 || total - *offset >= SpaceCheckAbove))
        if (std::optional<Error> full = lacksSpace(remotePath, total - *offset))
            return *full;
    if (*offset < total || total == 0) {
        m_stalled = false;
        Status sent = stream(*local, *offset, total, remotePath, *offset > 0, progress, cancel);
        if (!sent.ok())
            sent = unlessDiskFull(sent.error(), remotePath, total - *offset);
        if (!sent.ok()) {
            // A channel abandoned half way (stall, drop, cancel) can leave
            // libssh's session in an unknown state: callers reconnect.
            if (sent.error().kind == ErrorKind::Transient || sent.error().kind == ErrorKind::Cancelled) {
                m_broken = true;
                return sent;
            }
            // A fresh upload does not look first; when the host refuses the
            // file, a folder in its place is the likely cause, and its
            // sentence says what to do. Any other answer keeps the refusal.
            if (remoteIsFolder(remotePath))
                return folderInTheWay(remotePath);
            return sent;
        }
    } else if (progress) {
        progress(total, total);
    }

    // libssh does not pass on the SCP sink's final word: the size tells
    // whether everything arrived (a full disk shows here). SFTP acknowledged
    // every write and the close one by one, so it needs no second look.
    const Result<qint64> arrived = sendsBySftp(total - *offset) ? Result<qint64>(total) : remoteSize(remotePath);
    if (!arrived.ok())
        return arrived.error();
    if (*arrived != total)
        return unlessDiskFull(Error::transient(QStringLiteral("The staging host holds %1 of the %2 bytes of %3 after sending it; it "
                                               "will be sent again.")
                                    .arg(*arrived)
                                    .arg(total)
                                    .arg(display(remotePath))),
                              remotePath, total - *arrived);
    if (sftp_chmod(m_sftp, remotePath.constData(), mode_t(FileMode)) != SSH_OK)
        return sftpFailure(QStringLiteral("setting the permissions of"), remotePath);
    return {};
}


Error SshConnection::stalled(const QByteArray &remotePath, qint64 stallMs) const
{
    return Error::transient(QStringLiteral("The staging host %1 stopped taking data for %2 s while receiving %3; the "
                                           "upload will be tried again.")
                                .arg(KnownHosts::entryName(m_endpoint.host, m_endpoint.port))
                                .arg(stallMs / 1000)
                                .arg(display(remotePath)));
}

Result<std::shared_ptr<LocalFile>> SshConnection::openLocal(const QString &localPath)
{
    LocalFile::Failure failure = LocalFile::Failure::None;
    QString why;
    std::shared_ptr<LocalFile> local = LocalFile::open(localPath, &failure, &why, m_reads);
    if (!local && failure == LocalFile::Failure::Busy) // the instrument still writes it
        return Error::transient(QStringLiteral("%1 is open in another program; it is sent once it is free.")
                                    .arg(localPath));
    if (!local)
        return Error::permanent(QStringLiteral("Cannot read %1 (%2): check that the file still exists and is "
                                               "readable.")
                                    .arg(localPath, why));
    return local;
}

QVector<Status> SshConnection::uploadMany(const QVector<PipelinedFile> &files, const ManyProgress &progress,
                                          const std::atomic_bool *cancel)
{
    QVector<Status> answers(files.size());
    QVector<PipelinedFile> sendable;
    QVector<int> indexOf; // in `files`, of each sendable one
    for (int i = 0; i < files.size(); ++i) {
        const QByteArray &path = files.at(i).remotePath;
        if (path.isEmpty() || path.endsWith('/') || path.contains('\0')) {
            answers[i] = Error::internal(
                QStringLiteral("The staging path \"%1\" does not name a file.").arg(display(path)));
            continue;
        }
        sendable.append(files.at(i));
        indexOf.append(i);
    }
    if (sendable.isEmpty())
        return answers;
    if (cancel && cancel->load())
        return QVector<Status>(files.size(), Error::cancelled());
    if (!m_pipelineChannel) {
        auto opened = SftpChannel::open(m_session, int(stallMs()));
        if (!opened.ok()) {
            qCInfo(lcTransfer).noquote() << "Cannot open an SFTP channel:" << opened.error().message;
            m_broken = true; // a channel half open: start again on a new connection
            for (int i : indexOf)
                answers[i] = failure(QStringLiteral("opening the SFTP subsystem for"), files.at(i).remotePath);
            return answers;
        }
        m_pipelineChannel = std::move(opened).value();
    }

    SftpPipeline::Limits limits = m_pipelineLimits;
    limits.stallMs = int(stallMs());
    limits.permissions = FileMode;
    SftpPipeline pipeline(
        *m_pipelineChannel, sendable, [this](const PipelinedFile &f) { return openLocal(f.localPath); }, limits,
        [&](int index, qint64 done, qint64 total) {
            if (progress)
                progress(indexOf.at(index), done, total);
        },
        cancel);
    QElapsedTimer timer;
    timer.start();
    const SftpPipeline::Ending ending = pipeline.run();
    qCDebug(lcTransfer).noquote() << "Sent a batch of" << sendable.size() << "files in" << timer.elapsed() << "ms,"
                                  << pipeline.requestsSent() << "SFTP requests, at most" << pipeline.mostInFlight()
                                  << "in flight";
    if (ending != SftpPipeline::Ending::Finished) {
        // The channel is mid-conversation, and libssh's session may be too.
        m_broken = true;
        m_pipelineChannel.reset();
    }
    std::optional<bool> diskFullSeen;
    for (int k = 0; k < sendable.size(); ++k) {
        const SftpPipeline::Outcome &outcome = pipeline.outcomes().at(k);
        if (outcome.state != SftpPipeline::Outcome::State::Sent)
            answers[indexOf.at(k)] = batchFailure(outcome, ending, sendable.at(k).remotePath, &diskFullSeen);
    }
    return answers;
}

Error SshConnection::batchFailure(const SftpPipeline::Outcome &outcome, SftpPipeline::Ending ending,
                                  const QByteArray &remotePath, std::optional<bool> *diskFullSeen)
{
    using State = SftpPipeline::Outcome::State;
    switch (outcome.state) {
    case State::Sent: // not a failure; not asked
    case State::LocalFailure:
        return outcome.localError;
    case State::Unfinished:
        if (ending == SftpPipeline::Ending::Cancelled)
            return Error::cancelled();
        if (ending == SftpPipeline::Ending::Stalled)
            return stalled(remotePath, stallMs());
        return failure(QStringLiteral("sending"), remotePath); // not connected any more: "lost the connection"
    case State::Refused:
        break;
    }
    const Error refused = refusal(outcome.status, QString::fromUtf8(outcome.message), outcome.doing, remotePath);
    // As upload(): a plain "Failure" has two likely causes, which the
    // host's own answers tell apart (only on a channel still in order).
    if (outcome.status != sftp::Failure || ending != SftpPipeline::Ending::Finished ||
        refused.message.contains(QLatin1String("disk is full")))
        return refused;
    if (outcome.doing == QLatin1String("creating"))
        return remoteIsFolder(remotePath) ? folderInTheWay(remotePath) : refused;
    // The first such file asks for the host's free space; the others
    // of the batch take its word.
    if (!diskFullSeen->has_value()) {
        const std::optional<Error> full = lacksSpace(remotePath, outcome.size);
        *diskFullSeen = full.has_value();
        if (full)
            return *full;
    } else if (**diskFullSeen) {
        return diskFull(remotePath, QString::fromUtf8(outcome.message));
    }
    return refused;
}

} // namespace tardigrade
