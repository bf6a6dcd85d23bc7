#include "ContentCheck.h"

#include "Journal.h"
#include "RunEventSink.h"
#include "transfer/Md5Hasher.h"

namespace tardigrade {

ContentCheck::ContentCheck(const RunContext &context, RunEventSink &events) : m_context(context), m_events(events) {}

Result<QString> ContentCheck::localMd5(const ScannedFile &file, const QString &dataset,
                                       const JournalEntry &known) const
{
    if (known.size == file.size && known.mtimeMs == file.mtime.toMSecsSinceEpoch() && !known.md5.isEmpty())
        return known.md5; // hashed for exactly these bytes' size and time
    if (m_context.fakeMd5)
        return QString::fromLatin1(Md5Hasher::fakeSum());
    const bool showProgress = m_context.journal != nullptr; // an upload run, not a Test Run
    auto report = [&](qint64 done) {
        if (showProgress)
            m_events.fileChanged(FileEvent{file.absolutePath, dataset, FileState::Hashing, file.size, done, {}});
    };
    report(0);
    auto sum = Md5Hasher().hashFile(
        file.absolutePath, [&](qint64 done, qint64) { report(done); }, m_context.cancel, m_context.localReads());
    if (!sum)
        return sum.error();
    return QString::fromLatin1(*sum);
}

bool sameMd5(const QString &a, const QString &b)
{
    return !a.isEmpty() && a.compare(b, Qt::CaseInsensitive) == 0;
}

QString conflictReason(const QString &serverMd5, const QString &localMd5, qint64 serverSize, qint64 localSize)
{
    const QString there = serverMd5.isEmpty() ? QStringLiteral("none recorded") : serverMd5.toLower();
    QString sizes;
    if (serverSize >= 0 && serverSize != localSize)
        sizes = QStringLiteral(", %1 bytes there, %2 here").arg(serverSize).arg(localSize);
    return QStringLiteral("MyTardis holds another file under this name (MD5 %1 there, %2 here%3)")
        .arg(there, localMd5.toLower(), sizes);
}

} // namespace tardigrade
