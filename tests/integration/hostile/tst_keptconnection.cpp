// The kept-connection path of the catalogue client (KeepAliveClient) as the
// upload's workers use it, over plain http: the cases http and https share
// (KeptConnectionCases: one connection per thread and no Qt network thread,
// the timeout, the 64 MiB cap, redirects returned unfollowed, a connection
// the server says it closes), and those of plain http: the answer's
// deadline, cancel within a fraction of a second, and an answer cut off
// mid-body. (The test's own thread waits in an event loop instead:
// tst_hostilecatalogue and tst_apijob cover that.)
#include "KeptConnectionCases.h"

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

const QString kUsers = QStringLiteral("^GET /api/v1/user/");

} // namespace

class TestKeptConnection : public KeptConnectionCases {
    Q_OBJECT
private slots:
    void aServerDrippingBytesEndsAtTheDeadline()
    {
        HostileServer server;
        server.on(kUsers, HostileAnswer::drip(200, userPage(), 1000));
        const LookUps o = lookUp(configFor(server.url(), 3, 2));
        QVERIFY2(o.message.contains(QStringLiteral("sent its answer too slowly (it was still coming after 6 s)")),
                 qPrintable(o.message));
        QVERIFY2(o.ms >= 5900 && o.ms < 7500, qPrintable(QString::number(o.ms)));
        QCOMPARE(server.requests(), 1);
    }

    void cancelIsPrompt()
    {
        HostileServer server;
        server.on(QStringLiteral("."), HostileAnswer::hang());
        const CancelledLookUp o = lookUpCancelledMidway(configFor(server.url(), 3, 30));
        QVERIFY(o.cancelled);
        QVERIFY2(o.afterCancel >= 0 && o.afterCancel < 1000, qPrintable(QString::number(o.afterCancel)));
    }

    void anAnswerCutOffIsNoAnswer()
    {
        // The stand-in's "drop": a 200 announcing 1000 bytes, cut off after
        // nine. Never read as an answer; a look-up is asked again.
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-first"), QStringLiteral("2"), QStringLiteral("--fail-mode"),
                               QStringLiteral("drop")}),
                 qPrintable(server.errorString()));
        const LookUps o = lookUp(configFor(server), 1, QStringLiteral("testuser1"));
        QCOMPARE(o.found, 1);
        QCOMPARE(o.requests, 3);
        QCOMPARE(o.opened, 3); // a connection that broke off is not used again
    }
};

QTEST_GUILESS_MAIN(TestKeptConnection)
#include "moc_KeptConnectionCases.cpp"
#include "tst_keptconnection.moc"
