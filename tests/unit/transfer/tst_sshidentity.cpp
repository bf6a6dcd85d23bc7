#include "settings/ConfigPaths.h"
#include "transfer/SshIdentity.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_WIN
QT_BEGIN_NAMESPACE
extern Q_CORE_EXPORT int qt_ntfs_permission_lookup; // Qt 6.4's switch for ACL-based permissions
QT_END_NAMESPACE
#endif

using namespace tardigrade;

class TestSshIdentity : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cfg;

    // The file's mode as POSIX octal, read through Qt so that the test
    // compiles everywhere (on Windows, with NTFS permission lookup on, Qt
    // reports the file's ACL as owner / group / other bits).
    static int modeOf(const QString &path)
    {
        if (!QFileInfo::exists(path))
            return -1;
        const QFileDevice::Permissions p = QFile::permissions(path);
        const std::pair<QFileDevice::Permission, int> bits[] = {
            {QFileDevice::ReadOwner, 0400}, {QFileDevice::WriteOwner, 0200}, {QFileDevice::ExeOwner, 0100},
            {QFileDevice::ReadGroup, 040},  {QFileDevice::WriteGroup, 020},  {QFileDevice::ExeGroup, 010},
            {QFileDevice::ReadOther, 04},   {QFileDevice::WriteOther, 02},   {QFileDevice::ExeOther, 01}};
        int mode = 0;
        for (const auto &[permission, bit] : bits)
            if (p.testFlag(permission))
                mode |= bit;
        return mode;
    }

private slots:
    void initTestCase()
    {
#ifdef Q_OS_WIN
        ++qt_ntfs_permission_lookup;
#endif
        QVERIFY(m_dir.isValid());
        m_cfg = m_dir.filePath(QStringLiteral("conf/MyData.cfg"));
    }

    void createdOnceWithPrivateMode()
    {
        const auto first = SshIdentity::loadOrCreate(m_cfg);
        QVERIFY2(first.ok(), qPrintable(first.error().message));
        QVERIFY(first->wasCreated());
        QCOMPARE(first->privateKeyPath(), ConfigPaths::stateFile(m_cfg, StateFile::IdentityKey));
        QCOMPARE(modeOf(first->privateKeyPath()), 0600);
        QVERIFY(QFile::exists(first->publicKeyPath()));

        const auto second = SshIdentity::loadOrCreate(m_cfg);
        QVERIFY(second.ok());
        QVERIFY(!second->wasCreated());
        QCOMPARE(second->publicKeyLine(), first->publicKeyLine());
        QCOMPARE(second->fingerprintMd5(), first->fingerprintMd5());
    }

    void publicKeyLineFormat()
    {
        const auto id = SshIdentity::loadOrCreate(m_cfg);
        QVERIFY(id.ok());
        const QByteArray line = id->publicKeyLine();
        QVERIFY2(QRegularExpression(QStringLiteral("^ssh-rsa AAAA[A-Za-z0-9+/]+=* tardigrade@\\S+$"))
                     .match(QString::fromLatin1(line))
                     .hasMatch(),
                 line.constData());
        QFile pub(id->publicKeyPath());
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QCOMPARE(pub.readAll().trimmed(), line);
        // ssh-keygen agrees it is a 4096-bit RSA key.
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-l"), QStringLiteral("-f"), id->publicKeyPath()});
        QVERIFY(keygen.waitForFinished(10000));
        QVERIFY(keygen.readAllStandardOutput().startsWith("4096 "));
    }

    void fingerprintMatchesSshKeygen()
    {
        const auto id = SshIdentity::loadOrCreate(m_cfg);
        QVERIFY(id.ok());
        const QByteArray fp = id->fingerprintMd5();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{2}(:[0-9a-f]{2}){15}$"))
                     .match(QString::fromLatin1(fp))
                     .hasMatch(),
                 fp.constData());
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("md5"),
                                                    QStringLiteral("-f"), id->publicKeyPath()});
        QVERIFY(keygen.waitForFinished(10000));
        const QList<QByteArray> fields = keygen.readAllStandardOutput().split(' ');
        QVERIFY(fields.size() > 2);
        QVERIFY(fields.at(1).startsWith("MD5:"));
        QCOMPARE(fp, fields.at(1).mid(4));
    }

    void privateKeyUsableBySshKeygen()
    {
        // ssh-keygen -y derives the public key from the private file: proves
        // the file is a valid private key of the same pair.
        const auto id = SshIdentity::loadOrCreate(m_cfg);
        QVERIFY(id.ok());
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-y"), QStringLiteral("-f"), id->privateKeyPath()});
        QVERIFY(keygen.waitForFinished(10000));
        const QList<QByteArray> derived = keygen.readAllStandardOutput().trimmed().split(' ');
        const QList<QByteArray> ours = id->publicKeyLine().split(' ');
        QVERIFY(derived.size() >= 2);
        QCOMPARE(derived.at(1), ours.at(1));
    }

    void loosenedModeIsRepairedAndPubRewritten()
    {
        const auto id = SshIdentity::loadOrCreate(m_cfg);
        QVERIFY(id.ok());
        QVERIFY(QFile::setPermissions(id->privateKeyPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                                QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QCOMPARE(modeOf(id->privateKeyPath()), 0644);
        QVERIFY(QFile::remove(id->publicKeyPath()));
        const auto again = SshIdentity::loadOrCreate(m_cfg);
        QVERIFY(again.ok());
        QVERIFY(!again->wasCreated());
        QCOMPARE(modeOf(again->privateKeyPath()), 0600);
        QFile pub(again->publicKeyPath());
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QCOMPARE(pub.readAll().trimmed(), id->publicKeyLine());
    }

    void corruptKeyIsAUserError()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken_id"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a key\n");
        f.close();
        const auto id = SshIdentity::loadOrCreateAt(path);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind, ErrorKind::User);
        QVERIFY(id.error().message.contains(path));
    }

    void fingerprintOfKnownLine()
    {
        // The blob "AAAAC3NzaC1lZDI1NTE5AAAAI..." of a fixed ed25519 key,
        // checked once against ssh-keygen -E md5.
        const QByteArray line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x";
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("md5"),
                                                    QStringLiteral("-f"), QStringLiteral("-")});
        QVERIFY(keygen.waitForStarted());
        keygen.write(line + '\n');
        keygen.closeWriteChannel();
        QVERIFY(keygen.waitForFinished(10000));
        const QList<QByteArray> fields = keygen.readAllStandardOutput().split(' ');
        QVERIFY(fields.size() > 1);
        QCOMPARE(SshIdentity::fingerprintMd5Of(line), fields.at(1).mid(4));
    }
};

QTEST_GUILESS_MAIN(TestSshIdentity)
#include "tst_sshidentity.moc"
