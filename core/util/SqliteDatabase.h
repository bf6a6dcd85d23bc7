#pragma once

#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace tardigrade {

// One SQLite file of an installation's state (the journal, the lookup
// cache), opened as both need it: WAL, so a kill -9 at any point loses
// nothing committed; NORMAL sync; a busy timeout, since another process of
// the same installation may hold it for a moment; statements prepared once
// and kept, because preparing cost more than running them (profiled in the
// 10,000-file bench). Not thread-safe by itself: the journal serialises its
// calls, the lookup cache is one per thread.
class SqliteDatabase {
public:
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    // `what` names the file in sentences ("upload journal"); `schema` (run
    // at every open) makes its tables. A file that is not a database or
    // fails SQLite's own check is damaged: it is moved aside, never deleted
    // (someone may want to look at it), and a fresh one is made in its place
    // (damageNote() then says so). A folder that cannot be written is named.
    static Result<std::unique_ptr<SqliteDatabase>> open(const QString &file, const QString &what,
                                                        const char *schema = nullptr);

    // When open() found the file damaged and replaced it: the start of a
    // sentence (what was wrong, where the damaged file went) that the caller
    // ends with how the fresh file is filled again, and tells the user once.
    // Empty otherwise.
    QString damageNote() const { return m_damageNote; }

    // Runs statements that return no rows.
    Status exec(const char *sql);
    // `body` in one transaction (BEGIN IMMEDIATE ... COMMIT), rolled back
    // when it fails; its own error is the one returned.
    template <typename Body>
    Status transaction(Body body)
    {
        if (Status s = exec("BEGIN IMMEDIATE"); !s)
            return s;
        if (Status s = body(); !s) {
            rollback();
            return s;
        }
        return exec("COMMIT");
    }
    // One sentence for the last failure while `doing` (a verb phrase).
    Error failure(const QString &doing) const;

    // A kept statement; leaving the scope resets it for the next use.
    class Statement {
    public:
        Statement(SqliteDatabase &db, const char *sql);
        ~Statement();
        Statement(const Statement &) = delete;
        Statement &operator=(const Statement &) = delete;

        bool ok() const { return m_stmt != nullptr; }
        void bind(int i, const QString &s);
        void bind(int i, const QByteArray &b);
        void bind(int i, qint64 v);
        bool step();        // true while a row is there
        bool run();         // a statement without rows: true when done
        QString text(int col) const;
        QByteArray blob(int col) const;
        qint64 integer(int col) const;

    private:
        sqlite3_stmt *m_stmt = nullptr;
    };

private:
    SqliteDatabase() = default;
    // Opens and checks the file; *code is SQLite's answer to what failed.
    static Result<std::unique_ptr<SqliteDatabase>> openChecked(const QString &file, const QString &what,
                                                               const char *schema, int *code);
    void rollback(); // logs a failure to roll back

    sqlite3 *m_db = nullptr;
    QString m_file;
    QString m_what;
    QString m_damageNote;
    int m_lastCode = 0; // of the last exec()
    QHash<QByteArray, sqlite3_stmt *> m_statements;
};

} // namespace tardigrade
