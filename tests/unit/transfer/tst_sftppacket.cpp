// The SFTP v3 packets of the pipelined writer (SftpPacket), without a host:
// requests byte for byte as draft-ietf-secsh-filexfer-02 lays them out, and
// answers read back whole however the stream is cut, with what cannot be
// SFTP refused rather than read past.
#include "transfer/SftpPacket.h"

#include <QtEndian>
#include <QtTest>

using namespace tardigrade;

namespace {

QByteArray u32(quint32 v)
{
    QByteArray b(4, Qt::Uninitialized);
    qToBigEndian(v, b.data());
    return b;
}

QByteArray str(const QByteArray &s)
{
    return u32(quint32(s.size())) + s;
}

QByteArray packet(quint8 type, const QByteArray &body)
{
    return u32(quint32(body.size() + 1)) + char(type) + body;
}

} // namespace

class TestSftpPacket : public QObject {
    Q_OBJECT

private slots:
    void requestsAreLaidOutAsTheDraftSays()
    {
        QCOMPARE(sftp::init(), packet(1, u32(3)));
        // A name with a newline, a quote and UTF-8 goes as the bytes it is.
        const QByteArray path("/st/a b\n'\xc3\xbc");
        QCOMPARE(sftp::open(7, path, 0x02 | 0x08 | 0x10, 0660),
                 packet(3, u32(7) + str(path) + u32(0x1a) + u32(0x04) + u32(0660)));
        QCOMPARE(sftp::setPermissions(8, "h1", 0660), packet(10, u32(8) + str("h1") + u32(0x04) + u32(0660)));
        QCOMPARE(sftp::close(9, "h1"), packet(4, u32(9) + str("h1")));
    }

    void writeLeavesRoomForItsBytes()
    {
        char *data = nullptr;
        QByteArray w = sftp::write(5, "hh", (quint64(1) << 32) + 3, 4, &data);
        QVERIFY(data);
        std::memcpy(data, "abcd", 4);
        QCOMPARE(w, packet(6, u32(5) + str("hh") + u32(1) + u32(3) + str("abcd")));
    }

    void answersAreReadWholeHoweverCut()
    {
        const QByteArray stream = packet(102, u32(1) + str("handle-1")) +
                                  packet(101, u32(2) + u32(0) + str("Success") + str("")) +
                                  packet(101, u32(3) + u32(3) + str("Permission denied") + str("en")) +
                                  packet(101, u32(4) + u32(4)) + // version 3 may leave out the text
                                  packet(2, u32(3) + str("posix-rename@openssh.com") + str("1"));
        for (int cut = 1; cut <= stream.size(); ++cut) {
            sftp::ReplyReader reader;
            QVector<sftp::Reply> replies;
            for (int at = 0; at < stream.size(); at += cut) {
                reader.feed(stream.constData() + at, qMin(cut, int(stream.size()) - at));
                sftp::Reply r;
                while (reader.next(&r))
                    replies.append(r);
            }
            QVERIFY(!reader.malformed());
            QCOMPARE(replies.size(), 5);
            QCOMPARE(replies[0].type, quint8(sftp::HandleReply));
            QCOMPARE(replies[0].handle, QByteArray("handle-1"));
            QCOMPARE(replies[1].id, 2u);
            QCOMPARE(replies[1].status, quint32(sftp::Ok));
            QCOMPARE(replies[2].status, quint32(sftp::PermissionDenied));
            QCOMPARE(replies[2].message, QByteArray("Permission denied"));
            QCOMPARE(replies[3].status, quint32(sftp::Failure));
            QCOMPARE(replies[4].type, quint8(sftp::Version));
            QCOMPARE(replies[4].extensions, QVector<QByteArray>{"posix-rename@openssh.com"});
        }
    }

    void whatIsNotSftpIsRefused()
    {
        // A shell greeting where the VERSION belongs: a "length" far too large.
        sftp::ReplyReader greeting;
        greeting.feed("Welcome to the staging host\n", 28);
        sftp::Reply r;
        QVERIFY(!greeting.next(&r));
        QVERIFY(greeting.malformed());

        // A string that claims more bytes than its packet holds.
        sftp::ReplyReader overrun;
        const QByteArray bad = packet(102, u32(1) + u32(1000) + "abc");
        overrun.feed(bad.constData(), int(bad.size()));
        QVERIFY(!overrun.next(&r));
        QVERIFY(overrun.malformed());
    }
};

QTEST_GUILESS_MAIN(TestSftpPacket)
#include "tst_sftppacket.moc"
