#include "ScpSink.h"

#include "ExecChannel.h"
#include "ScpAnswer.h"

#include <QString>

namespace tardigrade {

namespace {

QList<QByteArray> partsOf(const QByteArray &remotePath)
{
    QList<QByteArray> parts = remotePath.split('/');
    parts.removeAll(QByteArray()); // "//" and the leading "/"
    return parts;
}

} // namespace

bool ScpSink::canCarry(const QByteArray &remotePath)
{
    if (!remotePath.startsWith('/') || remotePath.endsWith('/') || remotePath.contains('\n') ||
        remotePath.contains('\0'))
        return false;
    for (const QByteArray &part : partsOf(remotePath))
        if (part == "." || part == "..")
            return false;
    return true;
}

ScpSink::ScpSink(std::unique_ptr<ExecChannel> channel, int timeoutMs)
    : m_channel(std::move(channel)), m_timeoutMs(timeoutMs)
{
}

// Closing the channel ends the sink's input: it leaves every folder and
// exits. Not waited for, so a hung host cannot hold up a reconnect.
ScpSink::~ScpSink() = default;

Result<std::unique_ptr<ScpSink>> ScpSink::open(ssh_session_struct *session, int timeoutMs)
{
    auto started = ExecChannel::start(session, QByteArrayLiteral("scp -r -t /"));
    if (!started.ok())
        return started.error();
    std::unique_ptr<ScpSink> sink(new ScpSink(std::move(started).value(), timeoutMs));
    Status ready = sink->answer(); // the sink says it is ready before the first line
    if (!ready.ok())
        return ready.error();
    return sink;
}

Status ScpSink::beginFile(const QByteArray &remotePath, qint64 size, int mode)
{
    QList<QByteArray> folder = partsOf(remotePath);
    const QByteArray name = folder.takeLast();
    qsizetype same = 0;
    while (same < folder.size() && same < m_folder.size() && folder.at(same) == m_folder.at(same))
        ++same;
    while (m_folder.size() > same) {
        Status left = command(QByteArrayLiteral("E\n"));
        if (!left.ok())
            return left;
        m_folder.removeLast();
    }
    // The folders exist already (made over SFTP with their modes); a D line
    // only moves the sink into one.
    for (qsizetype i = same; i < folder.size(); ++i) {
        Status entered = command("D2770 0 " + folder.at(i) + '\n');
        if (!entered.ok())
            return entered;
        m_folder.append(folder.at(i));
    }
    return command('C' + QByteArray::number(mode, 8).rightJustified(4, '0') + ' ' + QByteArray::number(size) + ' ' +
                   name + '\n');
}

bool ScpSink::write(const char *data, std::size_t size)
{
    return m_channel->write(data, size);
}

Status ScpSink::endFile()
{
    if (!m_channel->write("", 1)) // the source's "all sent"
        return Error::transient(lastError());
    // The host answers once it has written and closed the file; closing a
    // large file on a network filesystem waits for all of it to be written
    // out, far longer than a stalled link would be given.
    return answer(qMax(m_timeoutMs, FinalAnswerMs));
}

Status ScpSink::command(const QByteArray &line)
{
    if (!m_channel->write(line.constData(), std::size_t(line.size())))
        return Error::transient(lastError());
    return answer();
}

Status ScpSink::answer(int timeoutMs)
{
    if (timeoutMs < 0)
        timeoutMs = m_timeoutMs;
    ScpAnswer said;
    char byte = 0;
    const int n = m_channel->read(&byte, 1, timeoutMs);
    if (n <= 0)
        return Error::transient(n == 0 && !m_channel->atEnd()
                                    ? QStringLiteral("the staging host did not answer for %1 s").arg(timeoutMs / 1000)
                                    : QStringLiteral("the staging host's scp ended (%1)").arg(lastError()));
    // The rest of a message, if any: what arrived counts when the host stops.
    while (!said.feed(byte) && m_channel->read(&byte, 1, timeoutMs) == 1) {
    }
    return said.status();
}

QString ScpSink::lastError() const
{
    return m_channel->lastError();
}

} // namespace tardigrade
