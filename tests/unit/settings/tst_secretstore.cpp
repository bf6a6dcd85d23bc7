// The secret store: the 0600 file fallback, and falling back to it when the
// system keychain cannot be reached (no D-Bus session here).
#include "settings/SecretStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;

namespace {
QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT
private slots:
    void fileBackend()
    {
        QTemporaryDir dir;
        const QString cfg = dir.filePath(QStringLiteral("MyData.cfg"));
        const SecretStore store(cfg, SecretStore::Backend::File);
        QCOMPARE(store.read(QStringLiteral("api_key")).value(), QString());
        QVERIFY(store.write(QStringLiteral("api_key"), QStringLiteral("k1")).ok());
        QVERIFY(store.write(QStringLiteral("other"), QStringLiteral("k2")).ok());
        QCOMPARE(store.read(QStringLiteral("api_key")).value(), QStringLiteral("k1"));
        QCOMPARE(store.read(QStringLiteral("other")).value(), QStringLiteral("k2"));
        const QString secrets = dir.filePath(QStringLiteral("secrets"));
        QCOMPARE(store.secretsFilePath(), secrets);
        QCOMPARE(QFile::permissions(secrets) & 0xF0FF, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(store.describe().contains(QDir::toNativeSeparators(secrets)));

        // A second config file in the same folder has its own entries.
        const SecretStore second(dir.filePath(QStringLiteral("Second.cfg")), SecretStore::Backend::File);
        QCOMPARE(second.read(QStringLiteral("api_key")).value(), QString());

        QVERIFY(store.remove(QStringLiteral("api_key")).ok());
        QVERIFY(store.remove(QStringLiteral("api_key")).ok()); // not there: fine
        QCOMPARE(store.read(QStringLiteral("api_key")).value(), QString());
        QVERIFY(store.remove(QStringLiteral("other")).ok());
        QVERIFY(!QFile::exists(secrets)); // nothing left, no file
    }

    void damagedFileIsAnError()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("secrets")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not json");
        f.close();
        const SecretStore store(dir.filePath(QStringLiteral("MyData.cfg")), SecretStore::Backend::File);
        const Result<QString> r = store.read(QStringLiteral("api_key"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("is damaged")), qPrintable(r.error().message));
    }

    void keychainKeyIsPerConfigFile()
    {
        const SecretStore a(QStringLiteral("/srv/one/MyData.cfg"));
        const SecretStore b(QStringLiteral("/srv/two/MyData.cfg"));
        QVERIFY(a.keychainKey(QStringLiteral("api_key")) != b.keychainKey(QStringLiteral("api_key")));
        QVERIFY(a.keychainKey(QStringLiteral("api_key")).contains(QStringLiteral("/srv/one/MyData.cfg")));
    }

    void environmentSelectsFile()
    {
        qputenv("TARDIGRADE_SECRET_STORE", "file");
        QVERIFY(SecretStore::fileOnlyByEnvironment());
        QTemporaryDir dir;
        const SecretStore store(dir.filePath(QStringLiteral("MyData.cfg")));
        QVERIFY(store.write(QStringLiteral("api_key"), QStringLiteral("env")).ok());
        QVERIFY(readFile(dir.filePath(QStringLiteral("secrets"))).contains("env"));
    }

    void noSessionBusGoesStraightToFile()
    {
        qunsetenv("TARDIGRADE_SECRET_STORE");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        QTemporaryDir dir;
        qputenv("XDG_RUNTIME_DIR", dir.path().toUtf8());
        const SecretStore store(dir.filePath(QStringLiteral("MyData.cfg")));
        QElapsedTimer t;
        t.start();
        QVERIFY(store.write(QStringLiteral("api_key"), QStringLiteral("direct")).ok());
        QVERIFY(t.elapsed() < 500);
        QCOMPARE(store.read(QStringLiteral("api_key")).value(), QStringLiteral("direct"));
    }

    // The real QtKeychain is asked (a D-Bus address that leads nowhere), fails,
    // is asked once more, and the secret lands in the file.
    void unreachableKeychainFallsBackToFile()
    {
        qunsetenv("TARDIGRADE_SECRET_STORE");
        QTemporaryDir dir;
        qputenv("DBUS_SESSION_BUS_ADDRESS", QByteArray("unix:path=") + dir.filePath(QStringLiteral("no-bus")).toUtf8());
        const SecretStore store(dir.filePath(QStringLiteral("MyData.cfg")));
        QElapsedTimer t;
        t.start();
        QVERIFY(store.write(QStringLiteral("api_key"), QStringLiteral("fallback")).ok());
        QVERIFY2(t.elapsed() < 9000, "the keychain is given up on within the timeouts");
        QVERIFY(readFile(dir.filePath(QStringLiteral("secrets"))).contains("fallback"));
        QCOMPARE(store.read(QStringLiteral("api_key")).value(), QStringLiteral("fallback"));
        QVERIFY(store.describe().contains(QStringLiteral("secrets")));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
