#pragma once

#include <QString>

namespace tardigrade::standin {

class CatalogueDb;

// Fills an empty catalogue with facilities, groups, users and API keys, from a
// seed JSON file or the built-in test facility (see the README text in the
// stand-in's report for the format).
class Seeder {
public:
    explicit Seeder(CatalogueDb &db) : m_db(db) {}

    // Seeds when the catalogue has no users yet. apiKey, when not empty,
    // becomes the facility account's key. Returns false with a message when
    // the seed file is unreadable.
    bool seed(const QString &seedFile, const QString &apiKey, QString *error);
    // The API key of the facility account (first member of the first
    // facility's manager group).
    QString facilityAccountKey(QString *username = nullptr);

private:
    qint64 groupId(const QString &name);
    bool seedJson(const QByteArray &json, const QString &apiKey, QString *error);
    void seedDefault(const QString &apiKey);

    CatalogueDb &m_db;
};

} // namespace tardigrade::standin
