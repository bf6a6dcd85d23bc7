#include "transfer/HashAside.h"
#include "transfer/Md5.h"

#include <QRandomGenerator>
#include <QtTest>
#include <optional>

using namespace tardigrade;

// The hash of a large staged file is made on a thread of its own while its
// blocks are sent: the digest must be exactly that of the blocks in the
// order given, and a buffer may be refilled only once its block is in.
class TestHashAside : public QObject {
    Q_OBJECT

    static QByteArray randomBytes(int size, quint32 seed)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator(seed).fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
        return bytes;
    }

private slots:
    void blocksAreHashedInTheOrderGiven()
    {
        // Blocks of different sizes (one empty), each kept until drained.
        QVector<QByteArray> blocks;
        for (int i = 0; i < 40; ++i)
            blocks.append(randomBytes(i == 3 ? 0 : (i % 7) * 64 * 1024 + 4, quint32(i) + 1));
        Md5 digest;
        {
            HashAside aside(digest);
            for (const QByteArray &b : blocks)
                aside.give(b.constData(), std::size_t(b.size()));
            aside.drain();
        }
        QCOMPARE(digest.finalHex(), Md5::hex(blocks.join()));
    }

    void aBufferMayBeRefilledOnceItsBlockIsHashed()
    {
        // Two buffers taking turns, as a send does: each is overwritten
        // right after hashed() of its last block returns. Were hashed() to
        // return early, the new bytes would be hashed in place of the old.
        const int blockSize = 8 << 20;
        QByteArray buffers[2] = {QByteArray(blockSize, Qt::Uninitialized), QByteArray(blockSize, Qt::Uninitialized)};
        std::uint64_t tickets[2] = {0, 0};
        QByteArray all;
        Md5 digest;
        HashAside aside(digest);
        for (int turn = 0; turn < 12; ++turn) {
            const int b = turn % 2;
            if (tickets[b])
                aside.hashed(tickets[b]);
            // In place, as a read into the buffer is (and faster than MD5).
            QRandomGenerator(quint32(100 + turn))
                .fillRange(reinterpret_cast<quint32 *>(buffers[b].data()), blockSize / 4);
            all += buffers[b];
            tickets[b] = aside.give(buffers[b].constData(), std::size_t(blockSize));
        }
        aside.drain();
        QCOMPARE(digest.finalHex(), Md5::hex(all));
    }

    void whatWasGivenIsHashedBeforeTheHasherEnds()
    {
        // A send that fails or is cancelled leaves without drain(): the
        // buffers are freed after the hasher, which must not still read them.
        const QByteArray block = randomBytes(16 << 20, 7);
        Md5 digest;
        {
            HashAside aside(digest);
            aside.give(block.constData(), std::size_t(block.size()));
            aside.give(block.constData(), std::size_t(block.size()));
        }
        QCOMPARE(digest.finalHex(), Md5::hex(block + block));
    }

    void nothingGivenLeavesTheDigestEmpty()
    {
        Md5 digest;
        std::optional<HashAside> aside;
        aside.emplace(digest);
        aside->drain();
        aside.reset();
        QCOMPARE(digest.finalHex(), Md5::hex(QByteArray()));
    }
};

QTEST_APPLESS_MAIN(TestHashAside)
#include "tst_hashaside.moc"
