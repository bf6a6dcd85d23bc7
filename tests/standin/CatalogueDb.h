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
    // Runs an INSERT and returns the new row id (0 on failure).
    qint64 insert(const QString &sql, const QVariantList &binds = {});
    // First column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql, const QVariantList &binds = {});

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
    QHash<QString, QSqlQuery> m_statements; // prepared once, for scalar() and insert()
};

} // namespace tardigrade::standin
