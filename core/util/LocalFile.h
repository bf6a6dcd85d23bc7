#pragma once

#include <QString>

#include <memory>

namespace tardigrade {

class ReadTally;

// A local file opened for reading the way uploads read it: from start to end
// (the system is told, so it reads ahead), or at an offset (checking the
// bytes before a resume point). Closed on destruction. A platform seam:
// LocalFilePosix.cpp (open/pread/posix_fadvise) or LocalFilePortable.cpp
// (QFile; on Windows a file another program holds open is "busy").
class LocalFile {
public:
    enum class Failure {
        None,
        Missing,  // gone
        NotAFile, // a folder or a device
        Denied,   // no permission
        Busy,     // held open by another program (the instrument's software): try later
        Other,
    };

    // Null when it cannot be opened; `failure` and `why` say why. Every
    // byte read goes into `reads` when given (the run that reads it).
    static std::unique_ptr<LocalFile> open(const QString &path, Failure *failure = nullptr, QString *why = nullptr,
                                           ReadTally *reads = nullptr);
    ~LocalFile();
    LocalFile(const LocalFile &) = delete;
    LocalFile &operator=(const LocalFile &) = delete;

    qint64 size() const { return m_size; }
    // Up to `n` bytes from the current position: how many were read, 0 at
    // the end, -1 on an error (errorString()).
    qint64 read(char *buffer, qint64 n);
    // Exactly `n` bytes at `offset`; false on an error or a short file.
    bool readFullyAt(qint64 offset, char *buffer, qint64 n);
    QString errorString() const { return m_error; }

    // Tells the system that bytes [offset, offset + n) were sent and will not
    // be read again: their pages leave the page cache, so a 100 GB dataset
    // does not push out the acquisition software's working set. Advisory;
    // nothing on the portable build.
    void doneWith(qint64 offset, qint64 n);

private:
    void countRead(qint64 n);

    LocalFile() = default;
    // What open() returns when it cannot: null, with `failure` and `why` set.
    static std::unique_ptr<LocalFile> refused(Failure kind, const QString &text, Failure *failure, QString *why);

    struct Handle; // the platform's file handle
    std::unique_ptr<Handle> m_handle;
    qint64 m_size = 0;
    QString m_error;
    ReadTally *m_reads = nullptr;
};

} // namespace tardigrade
