#include "transfer/RetryPolicy.h"

#include <QtTest>

using namespace tardigrade;
using std::chrono::milliseconds;

class TestRetryPolicy : public QObject {
    Q_OBJECT

private slots:
    void onlyTransientIsRetried_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("attemptsMade");
        QTest::addColumn<bool>("retry");
        QTest::newRow("transient, 1 made") << int(ErrorKind::Transient) << 1 << true;
        QTest::newRow("transient, 4 made") << int(ErrorKind::Transient) << 4 << true;
        QTest::newRow("transient, 5 made (max)") << int(ErrorKind::Transient) << 5 << false;
        QTest::newRow("permanent") << int(ErrorKind::Permanent) << 1 << false;
        QTest::newRow("user") << int(ErrorKind::User) << 1 << false;
        QTest::newRow("cancelled") << int(ErrorKind::Cancelled) << 1 << false;
        QTest::newRow("internal") << int(ErrorKind::Internal) << 1 << false;
    }
    void onlyTransientIsRetried()
    {
        QFETCH(int, kind);
        QFETCH(int, attemptsMade);
        QFETCH(bool, retry);
        Error e;
        e.kind = ErrorKind(kind);
        QCOMPARE(RetryPolicy().shouldRetry(e, attemptsMade), retry);
    }

    void delays_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expectedMs");
        // base 1000, cap 10000, jitter 0.5
        QTest::newRow("2nd, middle") << 2 << 0.5 << qint64(1000);
        QTest::newRow("3rd, middle") << 3 << 0.5 << qint64(2000);
        QTest::newRow("4th, middle") << 4 << 0.5 << qint64(4000);
        QTest::newRow("2nd, lowest") << 2 << 0.0 << qint64(500);
        QTest::newRow("2nd, highest") << 2 << 1.0 << qint64(1500);
        QTest::newRow("5th, capped") << 5 << 0.5 << qint64(8000);
        QTest::newRow("6th, capped") << 6 << 0.5 << qint64(10000);
        QTest::newRow("6th, jitter stays under cap") << 6 << 1.0 << qint64(10000);
        QTest::newRow("6th, jitter below cap") << 6 << 0.0 << qint64(5000);
        QTest::newRow("huge attempt") << 1000 << 0.5 << qint64(10000);
        QTest::newRow("first attempt treated as 2nd") << 1 << 0.5 << qint64(1000);
    }
    void delays()
    {
        QFETCH(int, attempt);
        QFETCH(double, random);
        QFETCH(qint64, expectedMs);
        RetryPolicy::Options o;
        o.baseDelay = milliseconds(1000);
        o.maxDelay = milliseconds(10000);
        o.jitter = 0.5;
        QCOMPARE(RetryPolicy(o).delayBefore(attempt, random).count(), expectedMs);
    }

    void retryAfterIsHonouredUpToCap()
    {
        RetryPolicy::Options o;
        o.baseDelay = milliseconds(1000);
        o.maxDelay = milliseconds(10000);
        o.jitter = 0;
        const RetryPolicy p(o);
        QCOMPARE(p.delayBefore(2, 0.5, milliseconds(7000)).count(), qint64(7000));
        QCOMPARE(p.delayBefore(2, 0.5, milliseconds(70000)).count(), qint64(10000));
        QCOMPARE(p.delayBefore(3, 0.5, milliseconds(10)).count(), qint64(2000));
    }

    void randomDrawStaysInRange()
    {
        const RetryPolicy p;
        for (int i = 0; i < 200; ++i) {
            const auto d = p.delayBefore(3);
            QVERIFY(d.count() >= 3000 && d.count() <= 5000); // 4000 +/- 25 %
        }
    }

    void httpStatus_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("kind");
        const int T = int(ErrorKind::Transient), P = int(ErrorKind::Permanent);
        for (int s : {0, 408, 425, 429, 500, 502, 503, 504, 599})
            QTest::addRow("%d", s) << s << T;
        for (int s : {400, 401, 403, 404, 409, 413, 501, 505})
            QTest::addRow("%d", s) << s << P;
    }
    void httpStatus()
    {
        QFETCH(int, status);
        QFETCH(int, kind);
        QCOMPARE(int(RetryPolicy::classifyHttpStatus(status)), kind);
    }

    void networkError_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("kind");
        const int T = int(ErrorKind::Transient), P = int(ErrorKind::Permanent);
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << 0 << T;
        QTest::newRow("closed") << int(QNetworkReply::RemoteHostClosedError) << 0 << T;
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << 0 << T;
        QTest::newRow("dns") << int(QNetworkReply::HostNotFoundError) << 0 << T;
        QTest::newRow("503") << int(QNetworkReply::ServiceUnavailableError) << 503 << T;
        QTest::newRow("auth") << int(QNetworkReply::AuthenticationRequiredError) << 401 << P;
        QTest::newRow("404") << int(QNetworkReply::ContentNotFoundError) << 404 << P;
        QTest::newRow("409") << int(QNetworkReply::ContentConflictError) << 409 << P;
        QTest::newRow("429 via unknown content") << int(QNetworkReply::UnknownContentError) << 429 << T;
        QTest::newRow("tls cert") << int(QNetworkReply::SslHandshakeFailedError) << 0 << T;
        QTest::newRow("bad url") << int(QNetworkReply::ProtocolUnknownError) << 0 << P;
    }
    void networkError()
    {
        QFETCH(int, error);
        QFETCH(int, status);
        QFETCH(int, kind);
        QCOMPARE(int(RetryPolicy::classifyNetworkError(QNetworkReply::NetworkError(error), status)), kind);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
