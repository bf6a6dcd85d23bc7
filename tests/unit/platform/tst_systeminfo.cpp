// SystemInfo: the pure formatters by table, and a real collect() on this host.
#include "platform/SystemInfo.h"

#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace tardigrade;

class TestSystemInfo : public QObject {
    Q_OBJECT
private slots:
    void humanBytes_data();
    void humanBytes();
    void defaultRoute_data();
    void defaultRoute();
    void collect();
};

void TestSystemInfo::humanBytes_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0.0B";
    QTest::newRow("bytes") << qint64(512) << "512.0B";
    QTest::newRow("one K") << qint64(1024) << "1.0K";
    QTest::newRow("K and a half") << qint64(1536) << "1.5K";
    QTest::newRow("golden memory") << qint64(24684092) * 1024 << "23.5G"; // the transcripts' VM
    QTest::newRow("one T") << (qint64(1) << 40) << "1.0T";
}

void TestSystemInfo::humanBytes()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(SystemInfo::humanBytes(bytes), text);
}

void TestSystemInfo::defaultRoute_data()
{
    const QString header =
        QStringLiteral("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("iface");
    QTest::newRow("one default") << header +
                                        QStringLiteral("eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                                                       "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n")
                                 << "eth0";
    QTest::newRow("lowest metric") << header + QStringLiteral(
                                                   "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
                                                   "enp3s0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n")
                                   << "enp3s0";
    QTest::newRow("no default") << header +
                                       QStringLiteral("eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n")
                                << "";
    QTest::newRow("empty") << QString() << "";
}

void TestSystemInfo::defaultRoute()
{
    QFETCH(QString, table);
    QFETCH(QString, iface);
    QCOMPARE(SystemInfo::defaultRouteInterface(table), iface);
}

void TestSystemInfo::collect()
{
    QTemporaryDir data;
    QVERIFY(data.isValid());
    const SystemInfo info = SystemInfo::collect(data.path());

    QCOMPARE(info.hostname, QSysInfo::machineHostName());
    QVERIFY(!info.username.isEmpty());
    QVERIFY(!info.osRelease.isEmpty());
    QVERIFY(!info.machine.isEmpty());
#ifdef Q_OS_LINUX
    QCOMPARE(info.osPlatform, QStringLiteral("linux"));
    QCOMPARE(info.osSystem, QStringLiteral("Linux"));
    QCOMPARE(info.architecture, QStringLiteral("('%1bit', 'ELF')").arg(QSysInfo::WordSize));
#endif
    QVERIFY(info.cpus >= 1);
    QVERIFY(info.memoryBytes > 0);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d[BKMGTPE]$")).match(info.memory).hasMatch(),
             qPrintable(info.memory));
    QCOMPARE(info.dataPath, data.path());
    QVERIFY(info.diskTotalBytes > 0);
    QVERIFY(info.diskFreeBytes <= info.diskTotalBytes);
    QVERIFY2(info.diskUsage.contains(QStringLiteral(" used of ")), qPrintable(info.diskUsage));

    QFile route(QStringLiteral("/proc/net/route"));
    if (!route.open(QIODevice::ReadOnly))
        QSKIP("no /proc/net/route on this system");
    const QString expected = SystemInfo::defaultRouteInterface(QString::fromUtf8(route.readAll()));
    if (expected.isEmpty())
        QSKIP("this host has no default route");
    QCOMPARE(info.interfaceName, expected);
    QVERIFY2(QRegularExpression(QStringLiteral("^([0-9a-f]{2}:){5}[0-9a-f]{2}$")).match(info.macAddress).hasMatch(),
             qPrintable(info.macAddress));
    QCOMPARE(QHostAddress(info.ipv4Address).protocol(), QAbstractSocket::IPv4Protocol);
    QCOMPARE(QHostAddress(info.subnetMask).protocol(), QAbstractSocket::IPv4Protocol);
    QVERIFY(!info.ipv6Address.contains(QLatin1Char('%')));
}

QTEST_GUILESS_MAIN(TestSystemInfo)
#include "tst_systeminfo.moc"
