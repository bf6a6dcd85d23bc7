#pragma once

#include "ReadTally.h"

#include <QFile>

namespace tardigrade {

// A QFile whose reads from disk go into a run's ReadTally: for readers that
// hand Qt a device (the multipart body of a POST upload, read as the socket
// drains) instead of reading through LocalFile. No tally: a plain QFile.
class CountedFile : public QFile {
public:
    CountedFile(const QString &path, ReadTally *reads, QObject *parent = nullptr)
        : QFile(path, parent), m_reads(reads)
    {
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 got = QFile::readData(data, maxSize);
        if (m_reads)
            m_reads->add(got);
        return got;
    }

private:
    ReadTally *m_reads;
};

} // namespace tardigrade
