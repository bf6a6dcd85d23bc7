// SingleInstance: one primary per configuration folder, a second start
// activates it, a lock left by a dead process does not block.
#include "platform/SingleInstance.h"

#include <QFile>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace tardigrade;

class TestSingleInstance : public QObject {
    Q_OBJECT
private slots:
    void secondStartActivatesFirst();
    void secondStartReadsWhoHoldsIt();
    void releasedOnExit();
    void separateFoldersAreSeparate();
    void staleLockFromDeadProcess();
    void noPrimaryToActivate();
};

void TestSingleInstance::secondStartActivatesFirst()
{
    QTemporaryDir dir;
    SingleInstance first(dir.path());
    QVERIFY(first.claim());
    QVERIFY(first.isPrimary());
    QVERIFY(QFile::exists(first.lockFilePath()));

    SingleInstance second(dir.path());
    QVERIFY(!second.claim());
    QVERIFY(!second.isPrimary());

    QSignalSpy spy(&first, &SingleInstance::activationRequested);
    QVERIFY(second.activatePrimary({QStringLiteral("--config"), QStringLiteral("/x y/MyData.cfg")},
                                   QStringLiteral("/x y/MyData.cfg")));
    QVERIFY(spy.wait(3000));
    QCOMPARE(spy.at(0).at(0).toStringList(),
             (QStringList{QStringLiteral("--config"), QStringLiteral("/x y/MyData.cfg")}));
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("/x y/MyData.cfg"));
}

// A second start learns whose settings the running one uses before it asks
// anything: enough to say "already running with other settings".
void TestSingleInstance::secondStartReadsWhoHoldsIt()
{
    QTemporaryDir dir;
    SingleInstance first(dir.path());
    QVERIFY(first.claim(QStringLiteral("/etc/tardigrade/MyData.cfg")));
    SingleInstance second(dir.path());
    QVERIFY(!second.claim(QStringLiteral("/home/me/MyData.cfg")));
    QCOMPARE(second.primaryIdentity(), QStringLiteral("/etc/tardigrade/MyData.cfg"));
}

void TestSingleInstance::releasedOnExit()
{
    QTemporaryDir dir;
    auto first = std::make_unique<SingleInstance>(dir.path());
    QVERIFY(first->claim());
    SingleInstance second(dir.path());
    QVERIFY(!second.claim());
    first.reset();
    QVERIFY(second.claim());
}

void TestSingleInstance::separateFoldersAreSeparate()
{
    QTemporaryDir a;
    QTemporaryDir b;
    SingleInstance first(a.path());
    SingleInstance other(b.path());
    QVERIFY(first.claim());
    QVERIFY(other.claim());
    QVERIFY(first.serverName() != other.serverName());
}

void TestSingleInstance::staleLockFromDeadProcess()
{
    QTemporaryDir dir;
    SingleInstance instance(dir.path());
    {
        // QLockFile's format: pid, application name, host name.
        QFile lock(instance.lockFilePath());
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("2147480000\ntardigrade\n" + QSysInfo::machineHostName().toUtf8() + "\n");
    }
    QVERIFY(instance.claim());
}

void TestSingleInstance::noPrimaryToActivate()
{
    QTemporaryDir dir;
    SingleInstance lone(dir.path());
    QVERIFY(!lone.activatePrimary({}, {}, 200));
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
