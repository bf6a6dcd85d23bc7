// SignalWatcher: a Unix signal arrives as a Qt signal from the event loop,
// and the previous handler comes back afterwards.
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
    void signalWakesTheEventLoop_data();
    void signalWakesTheEventLoop();
    void previousHandlerRestored();
    void onlyOnePerProcess();
};

void TestSignalWatcher::signalWakesTheEventLoop_data()
{
    QTest::addColumn<int>("sig");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGHUP") << int(SIGHUP);
}

void TestSignalWatcher::signalWakesTheEventLoop()
{
    QFETCH(int, sig);
    SignalWatcher watcher({SIGTERM, SIGINT, SIGHUP});
    QVERIFY(watcher.isActive());
    QSignalSpy spy(&watcher, &SignalWatcher::received);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("Received signal")));
    std::raise(sig); // without the watcher this would end the test process
    QVERIFY(spy.wait(3000));
    QCOMPARE(spy.at(0).at(0).toInt(), sig);
}

void TestSignalWatcher::previousHandlerRestored()
{
    std::signal(SIGUSR1, plainHandler);
    {
        SignalWatcher watcher({SIGUSR1});
        QSignalSpy spy(&watcher, &SignalWatcher::received);
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("Received signal")));
        std::raise(SIGUSR1);
        QVERIFY(spy.wait(3000));
        QCOMPARE(int(g_plainHandlerRan), 0);
    }
    std::raise(SIGUSR1);
    QCOMPARE(int(g_plainHandlerRan), 1);
    std::signal(SIGUSR1, SIG_DFL);
}

void TestSignalWatcher::onlyOnePerProcess()
{
    SignalWatcher first({SIGUSR2});
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Only one SignalWatcher")));
    SignalWatcher second({SIGUSR2});
    QVERIFY(first.isActive());
    QVERIFY(!second.isActive());
}

QTEST_GUILESS_MAIN(TestSignalWatcher)
#include "tst_signalwatcher.moc"
