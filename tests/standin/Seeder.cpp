#include "Seeder.h"

#include "CatalogueDb.h"
#include "IsoTime.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace tardigrade::standin {

namespace {
const char *const kDefaultSeed = R"({
  "facilities": [{"name": "Test Facility", "manager_group": "Test Facility Managers",
                  "account": "testfacility"}],
  "groups": ["Test Facility Managers", "TestFacility-Group1"],
  "users": [
    {"username": "testfacility", "first_name": "Test", "last_name": "Facility",
     "email": "testfacility@example.com", "groups": ["Test Facility Managers"]},
    {"username": "testuser1", "first_name": "Test", "last_name": "User1",
     "email": "testuser1@example.com", "groups": ["TestFacility-Group1"]},
    {"username": "testuser2", "first_name": "Test", "last_name": "User2",
     "email": "testuser2@example.com", "groups": []}
  ]
})";

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}
} // namespace

qint64 Seeder::groupId(const QString &name)
{
    QVariant id = m_db.scalar(QStringLiteral("SELECT id FROM groups WHERE name = ?"), {name});
    if (id.isValid())
        return id.toLongLong();
    return m_db.insert(QStringLiteral("INSERT INTO groups (name) VALUES (?)"), {name});
}

bool Seeder::seed(const QString &seedFile, const QString &apiKey, QString *error)
{
    if (!m_db.isEmpty()) {
        if (!apiKey.isEmpty()) { // a restart with a given key: make it valid
            QString user;
            facilityAccountKey(&user);
            m_db.exec(QStringLiteral("INSERT INTO api_keys (user_id, key) SELECT id, ? FROM users WHERE username = ?"),
                      {apiKey, user});
        }
        return true;
    }
    if (seedFile.isEmpty()) {
        seedDefault(apiKey);
        return true;
    }
    QFile f(seedFile);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Cannot read the seed file %1.").arg(seedFile);
        return false;
    }
    return seedJson(f.readAll(), apiKey, error);
}

void Seeder::seedDefault(const QString &apiKey)
{
    seedJson(QByteArray(kDefaultSeed), apiKey, nullptr);
}

bool Seeder::seedJson(const QByteArray &json, const QString &apiKey, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("The seed file is not a JSON object: %1.").arg(pe.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    m_db.db().transaction();
    for (const QJsonValue &g : root.value(QLatin1String("groups")).toArray())
        groupId(g.toString());

    QJsonArray facilities = root.value(QLatin1String("facilities")).toArray();
    if (root.contains(QLatin1String("facility")))
        facilities.prepend(root.value(QLatin1String("facility")));
    const QString now = isoNow();
    QString accountName;
    for (const QJsonValue &fv : facilities) {
        const QJsonObject f = fv.toObject();
        const QString managers = f.value(QLatin1String("manager_group"))
                                     .toString(f.value(QLatin1String("name")).toString() + QStringLiteral(" Managers"));
        const qint64 gid = groupId(managers);
        const qint64 fid = m_db.insert(QStringLiteral("INSERT INTO facilities (name, manager_group_id, created_time, "
                                                      "modified_time) VALUES (?, ?, ?, ?)"),
                                       {f.value(QLatin1String("name")).toString(), gid, now, now});
        for (const QJsonValue &iv : f.value(QLatin1String("instruments")).toArray())
            m_db.insert(QStringLiteral("INSERT INTO instruments (facility_id, name, created_time, modified_time) "
                                       "VALUES (?, ?, ?, ?)"),
                        {fid, iv.toString(), now, now});
        if (accountName.isEmpty())
            accountName = f.value(QLatin1String("account")).toString();
    }

    for (const QJsonValue &uv : root.value(QLatin1String("users")).toArray()) {
        const QJsonObject u = uv.toObject();
        const QString username = u.value(QLatin1String("username")).toString();
        const qint64 uid = m_db.insert(
            QStringLiteral("INSERT INTO users (username, first_name, last_name, email) VALUES (?, ?, ?, ?)"),
            {username, u.value(QLatin1String("first_name")).toString(), u.value(QLatin1String("last_name")).toString(),
             u.value(QLatin1String("email")).toString()});
        for (const QJsonValue &g : u.value(QLatin1String("groups")).toArray())
            m_db.exec(QStringLiteral("INSERT OR IGNORE INTO user_groups (user_id, group_id) VALUES (?, ?)"),
                      {uid, groupId(g.toString())});
        const QString key = u.value(QLatin1String("api_key")).toString();
        if (!key.isEmpty())
            m_db.exec(QStringLiteral("INSERT INTO api_keys (user_id, key) VALUES (?, ?)"), {uid, key});
    }
    const QJsonObject keys = root.value(QLatin1String("api_keys")).toObject();
    for (auto it = keys.begin(); it != keys.end(); ++it)
        m_db.exec(QStringLiteral("INSERT INTO api_keys (user_id, key) SELECT id, ? FROM users WHERE username = ?"),
                  {it.value().toString(), it.key()});
    const QJsonObject renamed = root.value(QLatin1String("renamed_users")).toObject();
    for (auto it = renamed.begin(); it != renamed.end(); ++it)
        m_db.exec(QStringLiteral("INSERT OR REPLACE INTO renamed_users (old_username, user_id) "
                                 "SELECT ?, id FROM users WHERE username = ?"),
                  {it.key(), it.value().toString()});
    m_db.db().commit();

    // The facility account gets the key from the command line, or a fresh one
    // when it has none.
    if (!accountName.isEmpty())
        m_db.setConfig(QStringLiteral("facility_account"), accountName);
    QString user;
    const QString existing = facilityAccountKey(&user);
    if (!user.isEmpty() && (!apiKey.isEmpty() || existing.isEmpty())) {
        m_db.exec(QStringLiteral("INSERT INTO api_keys (user_id, key) SELECT id, ? FROM users WHERE username = ?"),
                  {apiKey.isEmpty() ? newKey() : apiKey, user});
    }
    return true;
}

QString Seeder::facilityAccountKey(QString *username)
{
    QString user = m_db.config(QStringLiteral("facility_account"));
    if (user.isEmpty()) {
        user = m_db.scalar(QStringLiteral("SELECT u.username FROM users u JOIN user_groups ug ON ug.user_id = u.id "
                                          "JOIN facilities f ON f.manager_group_id = ug.group_id "
                                          "ORDER BY f.id, u.id LIMIT 1"))
                   .toString();
    }
    if (username)
        *username = user;
    return m_db
        .scalar(QStringLiteral("SELECT k.key FROM api_keys k JOIN users u ON u.id = k.user_id "
                               "WHERE u.username = ? ORDER BY k.rowid DESC LIMIT 1"),
                {user})
        .toString();
}

} // namespace tardigrade::standin
