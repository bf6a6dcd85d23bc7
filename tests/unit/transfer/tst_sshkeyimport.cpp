// Taking over MyData's key pair as the installation's SSH identity: copied
// (not moved) with an owner-only private part, in either format MyData wrote
// (OpenSSH's on macOS and Linux, PEM from Python on Windows); every refusal
// one sentence, with nothing written; an installation's own different key
// never replaced.
#include "settings/ConfigPaths.h"
#include "transfer/SshKeyImport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace tardigrade;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// A key pair as MyData made it: `ssh-keygen -f ~/.ssh/MyData -N "" -C "MyData Key"`.
bool keygen(const QString &privateKey, const QStringList &extra = {})
{
    QDir().mkpath(QFileInfo(privateKey).absolutePath());
    QFile::remove(privateKey);
    QFile::remove(privateKey + QStringLiteral(".pub"));
    QProcess p;
    p.start(QStringLiteral("ssh-keygen"), QStringList{"-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "MyData Key",
                                                      "-f", privateKey} +
                                              extra);
    return p.waitForFinished(30000) && p.exitCode() == 0;
}

bool oneSentence(const QString &s)
{
    return !s.contains(QLatin1Char('\n')) && s.endsWith(QLatin1Char('.')) && !s.chopped(1).contains(QLatin1String(". "));
}

} // namespace

class TestSshKeyImport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_cfg; // a fresh installation per test
    QString m_key; // MyData's key pair per test

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
            QSKIP("ssh-keygen (OpenSSH) makes the MyData key pairs");
    }

    void init()
    {
        ++m_case;
        m_cfg = m_dir.filePath(QStringLiteral("case%1/tardigrade/MyData.cfg").arg(m_case));
        m_key = m_dir.filePath(QStringLiteral("case%1/home/.ssh/MyData").arg(m_case));
    }

    void copiesThePairOwnerOnly_data()
    {
        QTest::addColumn<QStringList>("format");
        QTest::newRow("OpenSSH format (MyData on macOS, Linux)") << QStringList{};
        QTest::newRow("PEM (MyData on Windows)") << QStringList{"-m", "PEM"};
    }

    void copiesThePairOwnerOnly()
    {
        QFETCH(QStringList, format);
        QVERIFY(keygen(m_key, format));
        const QByteArray privateBytes = readAll(m_key);
        const QByteArray publicLine = readAll(m_key + ".pub");

        const auto checked = SshKeyImport::check(m_key, m_cfg);
        QVERIFY2(checked.ok(), qPrintable(checked.error().message));
        QVERIFY(!checked->alreadyInPlace());
        QVERIFY(!QFile::exists(checked->targetPath())); // checking writes nothing
        const auto identity = checked->install();
        QVERIFY2(identity.ok(), qPrintable(identity.error().message));

        const QString target = ConfigPaths::stateFilePath(m_cfg, StateFile::IdentityKey);
        QCOMPARE(identity->privateKeyPath(), target);
        QCOMPARE(readAll(target), privateBytes); // byte for byte, its format kept
        const QFileDevice::Permissions mode = QFile::permissions(target);
        QVERIFY(mode.testFlag(QFileDevice::ReadOwner));
        QVERIFY2(!(mode & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                           QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther)),
                 "the private key is readable by others");
        QCOMPARE(readAll(target + ".pub"), publicLine); // as the administrator saw it
        QCOMPARE(identity->fingerprintMd5(), SshIdentity::fingerprintMd5Of(publicLine));
        // Copied, not moved: MyData's pair is as it was.
        QCOMPARE(readAll(m_key), privateBytes);
        QCOMPARE(readAll(m_key + ".pub"), publicLine);

        // The installation now uses that key instead of making its own.
        const auto later = SshIdentity::loadOrCreate(m_cfg);
        QVERIFY(later.ok());
        QVERIFY(!later->wasCreated());
        QCOMPARE(later->fingerprintSha256(), SshIdentity::fingerprintSha256Of(publicLine));

        // Importing the same pair again is no change.
        const auto again = SshKeyImport::check(m_key, m_cfg);
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QVERIFY(again->alreadyInPlace());
        QVERIFY(again->install().ok());
    }

    void withoutItsPub()
    {
        QVERIFY(keygen(m_key));
        const QByteArray publicLine = readAll(m_key + ".pub");
        QVERIFY(QFile::remove(m_key + ".pub")); // MyData itself accepted a lone private key
        const auto checked = SshKeyImport::check(m_key, m_cfg);
        QVERIFY2(checked.ok(), qPrintable(checked.error().message));
        const auto identity = checked->install();
        QVERIFY(identity.ok());
        QCOMPARE(identity->fingerprintMd5(), SshIdentity::fingerprintMd5Of(publicLine));
    }

    void refused_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("says");
        QTest::newRow("missing") << "missing" << "does not exist";
        QTest::newRow("a folder") << "folder" << "is a folder";
        QTest::newRow("unreadable") << "unreadable" << "cannot be read";
        QTest::newRow("the public key given") << "public" << "is a public key";
        QTest::newRow("not a key") << "garbage" << "is not an SSH private key";
        QTest::newRow("passphrase") << "passphrase" << "protected by a passphrase";
        QTest::newRow("another key's .pub") << "mismatch" << "does not belong to";
    }

    void refused()
    {
        QFETCH(QString, problem);
        QFETCH(QString, says);
        QString given = m_key;
        if (problem == "folder") {
            QVERIFY(QDir().mkpath(m_key));
        } else if (problem == "unreadable") {
            QVERIFY(keygen(m_key));
            QVERIFY(QFile::setPermissions(m_key, QFileDevice::WriteOwner));
            QFile probe(m_key);
            if (probe.open(QIODevice::ReadOnly))
                QSKIP("this user reads every file (root)");
        } else if (problem == "public") {
            QVERIFY(keygen(m_key));
            given = m_key + ".pub";
        } else if (problem == "garbage") {
            QVERIFY(writeAll(m_key, "[MyData]\ninstrument_name = not a key\n"));
        } else if (problem == "passphrase") {
            QVERIFY(keygen(m_key, {"-N", "secret words"})); // the later -N wins
        } else if (problem == "mismatch") {
            const QString other = m_dir.filePath(QStringLiteral("case%1/other").arg(m_case));
            QVERIFY(keygen(other));
            QVERIFY(keygen(m_key));
            QVERIFY(QFile::remove(m_key + ".pub"));
            QVERIFY(QFile::copy(other + ".pub", m_key + ".pub"));
        }
        const auto checked = SshKeyImport::check(given, m_cfg);
        QVERIFY(!checked.ok());
        QCOMPARE(checked.error().kind, ErrorKind::User);
        QVERIFY2(checked.error().message.contains(says), qPrintable(checked.error().message));
        QVERIFY2(oneSentence(checked.error().message), qPrintable(checked.error().message));
        QVERIFY(!QFile::exists(ConfigPaths::stateFilePath(m_cfg, StateFile::IdentityKey)));
    }

    void neverReplacesADifferentKey()
    {
        const auto own = SshIdentity::loadOrCreate(m_cfg); // the installation made its own earlier
        QVERIFY(own.ok());
        const QByteArray ownBytes = readAll(own->privateKeyPath());
        QVERIFY(keygen(m_key));

        const auto checked = SshKeyImport::check(m_key, m_cfg);
        QVERIFY(!checked.ok());
        const QString message = checked.error().message;
        QVERIFY2(message.contains("already has a different SSH key") && message.contains(own->fingerprintSha256()),
                 qPrintable(message));
        QVERIFY2(oneSentence(message), qPrintable(message));
        QCOMPARE(readAll(own->privateKeyPath()), ownBytes);
    }
};

QTEST_GUILESS_MAIN(TestSshKeyImport)
#include "tst_sshkeyimport.moc"
