#include "DatasetWalker.h"

namespace tardigrade {

void DatasetWalker::start(bool topOnly, const FolderNameFilter *topFilter)
{
    m_topOnly = topOnly;
    m_topFilter = topFilter;
    m_openFolders.clear();
    m_anyFile = m_anyTime = false;
}

void DatasetWalker::finish(ScannedDataset &ds)
{
    if (m_anyFile)
        m_oldest = m_oldestFile;
    ds.newestMtime = m_anyTime ? QDateTime::fromMSecsSinceEpoch(m_newest, Qt::UTC) : QDateTime();
}

void DatasetWalker::noteMtime(qint64 ms, bool isFile)
{
    if (!m_anyTime || ms > m_newest)
        m_newest = ms;
    if (!m_anyTime || ms < m_oldest)
        m_oldest = ms;
    m_anyTime = true;
    if (isFile) {
        if (!m_anyFile || ms < m_oldestFile)
            m_oldestFile = ms;
        m_anyFile = true;
    }
}

void DatasetWalker::takeFile(ScannedDataset &ds, const QString &relDir, const QString &prefix, const char *utf8Name,
                             const QString &name, bool validName, qint64 size, qint64 mtimeMsecs,
                             const QString &denied)
{
    if (m_topOnly && (utf8Name[0] == '.' || (m_topFilter && !m_topFilter->matches(name))))
        return;
    noteMtime(mtimeMsecs, true);
    if (!validName) {
        ds.skipped.push_back({prefix + name, QStringLiteral("the name is not valid UTF-8; rename the file")});
        return;
    }
    if (!denied.isEmpty()) {
        ds.skipped.push_back(SkippedEntry::unreadableFile(prefix + name, denied));
        return;
    }
    const QString reason = m_rules.skipReason(utf8Name, mtimeMsecs);
    if (!reason.isEmpty()) {
        ds.skipped.push_back({prefix + name, reason});
        return;
    }
    ScannedFile f;
    f.directory = relDir;
    f.size = size;
    f.mtime = QDateTime::fromMSecsSinceEpoch(mtimeMsecs, Qt::UTC);
    f.absolutePath = prefix + name;
    f.name = name;
    ds.bytes += f.size;
    ds.files.push_back(std::move(f));
}

} // namespace tardigrade
