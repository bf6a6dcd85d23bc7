// What the staging host's `scp -t` sink answers, read without a host
// (ScpAnswer, which ScpSink feeds byte by byte): the three status codes, a
// message cut at its bound, an answer cut off, and text where a status
// belongs (a shell start-up file that prints a greeting). The inputs of the
// fuzz target fuzz_scp that found something are kept here too.
#include "transfer/ScpAnswer.h"

#include <QtTest>

using namespace tardigrade;

namespace {

// Feeds `bytes` until the answer is complete; returns how many it took.
qsizetype feedAll(ScpAnswer &answer, const QByteArray &bytes)
{
    qsizetype used = 0;
    while (used < bytes.size())
        if (answer.feed(bytes.at(used++)))
            break;
    return used;
}

} // namespace

class TestScpAnswer : public QObject {
    Q_OBJECT

private slots:
    void zeroIsFineAtOnce()
    {
        ScpAnswer answer;
        QCOMPARE(feedAll(answer, QByteArray("\0\0", 2)), 1); // the next answer is not eaten
        QVERIFY(answer.complete());
        QVERIFY(answer.status().ok());
    }

    void oneFailsTheFileTwoTheSink()
    {
        ScpAnswer file;
        const QByteArray said = "\001scp: /st/a.tif: No space left on device\n";
        QCOMPARE(feedAll(file, said + '\0'), said.size()); // up to its newline, not the next answer
        QVERIFY(!file.status().ok());
        QCOMPARE(file.status().error().kind, ErrorKind::Permanent);
        QCOMPARE(file.status().error().message, QStringLiteral("scp: /st/a.tif: No space left on device"));

        ScpAnswer sink;
        feedAll(sink, "\002scp: protocol error\n");
        QCOMPARE(sink.status().error().kind, ErrorKind::Transient);
        QCOMPARE(sink.status().error().message, QStringLiteral("scp: protocol error"));
    }

    void messageIsCutAtItsBound()
    {
        ScpAnswer answer;
        const QByteArray endless = '\001' + QByteArray(5000, 'x');
        QCOMPARE(feedAll(answer, endless), 1 + ScpAnswer::MaxMessage);
        QVERIFY(answer.complete());
        QCOMPARE(answer.status().error().message.size(), ScpAnswer::MaxMessage);
    }

    void answerCutOffKeepsWhatCame()
    {
        ScpAnswer answer;
        feedAll(answer, "\001scp: disk");
        QVERIFY(!answer.complete());
        QCOMPARE(answer.status().error().message, QStringLiteral("scp: disk"));

        ScpAnswer nothing;
        QVERIFY(!nothing.status().ok());
        QVERIFY(!nothing.status().error().message.isEmpty());
    }

    // A greeting from the account's .bashrc arrives before the sink speaks:
    // its first byte is not a status, and the user is told what to fix
    // instead of seeing the greeting's tail as the host's error.
    void textInsteadOfStatusIsNamed()
    {
        ScpAnswer answer;
        feedAll(answer, "Welcome to the staging host!\n");
        const Status status = answer.status();
        QVERIFY(!status.ok());
        QCOMPARE(status.error().kind, ErrorKind::Transient);
        QVERIFY2(status.error().message.contains(QStringLiteral("\"Welcome to the staging host!\"")),
                 qPrintable(status.error().message));
        QVERIFY2(status.error().message.contains(QStringLiteral("shell start-up files")),
                 qPrintable(status.error().message));
    }
};

QTEST_APPLESS_MAIN(TestScpAnswer)
#include "tst_scpanswer.moc"
