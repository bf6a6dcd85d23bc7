#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace tardigrade::standin {

// The stand-in's catalogue: one SQLite file in WAL mode, so that the
// `approve` and `dump` subcommands can open it from another process while the
// server runs. Thin helpers only; every resource writes its own SQL.
class CatalogueDb {
public:
    CatalogueDb() = default;
    ~CatalogueDb();
    CatalogueDb(const CatalogueDb &) = delete;
    CatalogueDb &operator=(const CatalogueDb &) = delete;

    // Opens (and creates the schema of) the file; false with a message on failure.
    bool open(const QString &path, QString *error);
    QSqlDatabase &db() { return m_db; }

    // Runs one statement with positional binds; logs and returns an inactive
    // query on failure.
    QSqlQuery exec(const QString &sql, const QVariantList &binds = {});
    // Runs a write often repeated (UPDATE, DELETE) through a kept statement;
    // false on failure.
    bool run(const QString &sql, const QVariantList &binds = {});
    // Runs an INSERT and returns the new row id (0 on failure).
    qint64 insert(const QString &sql, const QVariantList &binds = {});
    // First column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql, const QVariantList &binds = {});
    // The first row's values (empty when there is none), and the first column
    // of every row. Like scalar() they read what they need and reset the
    // statement before returning, so each SQL text is parsed once per server
    // (parsing was a third of the stand-in's CPU on small files) and no
    // caller can hold a statement another caller is about to reuse.
    QVariantList row(const QString &sql, const QVariantList &binds = {});
    QVariantList column(const QString &sql, const QVariantList &binds = {});
    // Every row's values one after another (row after row, each as wide as
    // the SELECT).
    QVariantList rows(const QString &sql, const QVariantList &binds = {});

    // One transaction for the statements of one request, as Django's
    // ATOMIC_REQUESTS: one commit for its writes (a commit, with its WAL write
    // and file locks, costs more than the statements it ends) and one read
    // lock and snapshot for its reads (without it every statement takes and
    // drops its own). Nested, it adds nothing. It commits when it ends,
    // whatever happened: the statements would have been committed one by one
    // without it.
    class Transaction {
    public:
        enum Kind {
            Read, // BEGIN: the request only reads
            Write // BEGIN IMMEDIATE: takes the write lock at once (see the .cpp)
        };
        explicit Transaction(CatalogueDb &db, Kind kind = Write);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;

    private:
        CatalogueDb &m_db;
        bool m_began = false;
    };

    // Server settings other processes need (staging root, scp host...).
    QString config(const QString &key, const QString &fallback = {});
    void setConfig(const QString &key, const QString &value);

    bool isEmpty();

private:
    void createSchema();
    QSqlQuery *cached(const QString &sql, const QVariantList &binds);
    static bool prepare(QSqlQuery &q, const QString &sql); // says on stderr why not
    static void bindAndRun(QSqlQuery &q, const QString &sql, const QVariantList &binds);

    QSqlDatabase m_db;
    QString m_connectionName;
    QHash<QString, QSqlQuery> m_statements; // prepared once, for scalar(), row(), column() and insert()
    bool m_inTransaction = false;
};

} // namespace tardigrade::standin
