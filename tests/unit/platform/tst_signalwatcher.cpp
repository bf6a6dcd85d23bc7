// SignalWatcher: SIGTERM and SIGINT arrive as a request to stop and SIGHUP
// as one to read the settings again, from the event loop; the previous
// handlers come back afterwards. Both implementations (POSIX and portable)
// run this test: the portable one in `scripts/test --portable`.
#include "platform/SignalWatcher.h"

#include <QSignalSpy>
#include <QtTest>
#include <csignal>

using namespace tardigrade;

namespace {
volatile std::sig_atomic_t g_plainHandlerRan = 0;
extern "C" void plainHandler(int)
{
    g_plainHandlerRan = 1;
}
} // namespace

class TestSignalWatcher : public QObject {
    Q_OBJECT
private slots:
    void stopSignalsAskToStop_data();
    void stopSignalsAskToStop();
    void hangupAsksToReload();
    void previousHandlerRestored();
    void onlyOnePerProcess();
};

void TestSignalWatcher::stopSignalsAskToStop_data()
{
    QTest::addColumn<int>("sig");
    QTest::addColumn<QString>("why");
    QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("SIGTERM");
#ifdef TARDIGRADE_PORTABLE_IO
    QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("Ctrl-C");
#else
    QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("SIGINT");
#endif
}

void TestSignalWatcher::stopSignalsAskToStop()
{
    QFETCH(int, sig);
    QFETCH(QString, why);
    SignalWatcher watcher;
    QVERIFY(watcher.isActive());
    QSignalSpy stop(&watcher, &SignalWatcher::stopRequested);
    QSignalSpy reload(&watcher, &SignalWatcher::reloadRequested);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("Received")));
    std::raise(sig); // without the watcher this would end the test process
    QVERIFY(stop.wait(3000));
    QCOMPARE(stop.at(0).at(0).toString(), why);
    QCOMPARE(reload.count(), 0);
}

void TestSignalWatcher::hangupAsksToReload()
{
#ifndef SIGHUP
    QSKIP("no SIGHUP on this system (Windows): settings are read again on restart");
#else
    SignalWatcher watcher;
    QSignalSpy stop(&watcher, &SignalWatcher::stopRequested);
    QSignalSpy reload(&watcher, &SignalWatcher::reloadRequested);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("Received")));
    std::raise(SIGHUP);
    QVERIFY(reload.wait(3000));
    QCOMPARE(stop.count(), 0);
#endif
}

void TestSignalWatcher::previousHandlerRestored()
{
    g_plainHandlerRan = 0;
    std::signal(SIGTERM, plainHandler);
    {
        SignalWatcher watcher;
        QSignalSpy spy(&watcher, &SignalWatcher::stopRequested);
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("Received")));
        std::raise(SIGTERM);
        QVERIFY(spy.wait(3000));
        QCOMPARE(int(g_plainHandlerRan), 0);
    }
    std::raise(SIGTERM);
    QCOMPARE(int(g_plainHandlerRan), 1);
    std::signal(SIGTERM, SIG_DFL);
}

void TestSignalWatcher::onlyOnePerProcess()
{
    SignalWatcher first;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Only one SignalWatcher")));
    SignalWatcher second;
    QVERIFY(first.isActive());
    QVERIFY(!second.isActive());
}

QTEST_GUILESS_MAIN(TestSignalWatcher)
#include "tst_signalwatcher.moc"
