#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>
#include <atomic>

namespace tardigrade {

class CatalogueReader;
class Journal;
class Uploader;
struct Error;
struct JournalEntry;

// What one pass over the leftovers did (for the log and the tests).
struct LeftoverCount {
    int removed = 0; // copy and journal row gone
    int kept = 0;    // the server has a record, or the copy may still be wanted
    int failed = 0;  // a look-up, the removal or the journal failed: tried again in the next run
};

// A file is sent to staging before its datafile is registered (one
// read pass, FileWorker::sendThenRegister). If it then changes and goes
// away locally before it is registered (or a run is killed part way and
// the file deleted before the next), its copy stays on the staging host
// with no record pointing to it, and no local file will ever be sent to
// that path again: nobody would remove it. After a run's uploads, this
// removes such copies and then their journal rows.
//
// Only a file that is surely gone is handled: one that is still there, even
// changed, is sent again to the same path (the path follows from the
// dataset and the name, not the content), which replaces the copy. The
// catalogue is asked first; when it holds a record of the name, the copy
// stays (it is the record's) and only the row goes. A failure is logged as
// a warning and the row kept, to be tried again in the next run: it never fails the
// run. When the server or the staging host cannot be reached, the pass
// ends there (every other row would wait out the same timeouts).
class StagedLeftovers {
public:
    struct Where {
        QByteArray stagingLocation; // the run's staging root: the paths it predicts
        // data_directory: when it is gone (a drive unplugged), every file
        // looks deleted, so nothing is done.
        QString dataDirectory;
        const std::atomic_bool *cancel = nullptr;
    };

    // The journal's rows are of `uploader`'s method only (a copy another
    // upload method left waits for a run with that method).
    StagedLeftovers(Journal &journal, CatalogueReader &catalogue, Uploader &uploader, Where where);

    LeftoverCount removeAll();

private:
    enum class Verdict { Removed, Kept, Failed, Unreachable };
    Verdict removeOne(const JournalEntry &row, const QVector<JournalEntry> &unregistered);
    static Verdict failedBy(const Error &error);

    Journal &m_journal;
    CatalogueReader &m_catalogue;
    Uploader &m_uploader;
    Where m_where;
};

} // namespace tardigrade
