#include "transfer/Md5.h"
#include "transfer/Md5Hasher.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace tardigrade;

// MD5 must equal what MyTardis computes; `openssl dgst -md5` is the reference.
class TestMd5 : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString makeFile(const QString &name, qint64 size)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        QRandomGenerator rng(quint32(size) ^ 0x5eed);
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        for (qint64 left = size; left > 0;) {
            const qint64 n = qMin<qint64>(left, chunk.size());
            rng.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
            f.write(chunk.constData(), n);
            left -= n;
        }
        return path;
    }

    static QByteArray opensslMd5(const QString &path)
    {
        QProcess p;
        p.start(QStringLiteral("openssl"),
                {QStringLiteral("dgst"), QStringLiteral("-md5"), QStringLiteral("-r"), path});
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return {};
        return p.readAllStandardOutput().left(32);
    }

private slots:
    void matchesOpenssl_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("blockSize");
        const qint64 MiB = 1 << 20;
        QTest::newRow("empty") << qint64(0) << Md5Hasher::DefaultBlockSize;
        QTest::newRow("one byte") << qint64(1) << Md5Hasher::DefaultBlockSize;
        QTest::newRow("md5 block 64") << qint64(64) << Md5Hasher::DefaultBlockSize;
        QTest::newRow("read block - 1") << MiB - 1 << Md5Hasher::DefaultBlockSize;
        QTest::newRow("read block") << MiB << Md5Hasher::DefaultBlockSize;
        QTest::newRow("read block + 1") << MiB + 1 << Md5Hasher::DefaultBlockSize;
        QTest::newRow("odd blocks") << 3 * MiB + 7 << qint64(4097);
        QTest::newRow("50 MiB") << 50 * MiB << Md5Hasher::DefaultBlockSize;
    }
    void matchesOpenssl()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, blockSize);
        const QString path = makeFile(QStringLiteral("f%1").arg(size), size);
        QVERIFY(!path.isEmpty());
        qint64 lastDone = -1, lastTotal = -1;
        const auto r = Md5Hasher(blockSize).hashFile(path, [&](qint64 done, qint64 total) {
            QVERIFY(done > lastDone);
            lastDone = done;
            lastTotal = total;
        });
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value(), opensslMd5(path));
        QCOMPARE(r.value(), r.value().toLower());
        if (size > 0) {
            QCOMPARE(lastDone, size);
            QCOMPARE(lastTotal, size);
        }
    }

    void incrementalEqualsWhole()
    {
        QByteArray data(100000, Qt::Uninitialized);
        for (int i = 0; i < data.size(); ++i)
            data[i] = char(i * 7 + 3);
        Md5 md5;
        for (int pos = 0; pos < data.size(); pos += 333)
            md5.update(data.mid(pos, 333));
        QCOMPARE(md5.finalHex(), Md5::hex(data));
        // After final the object starts afresh.
        md5.update(QByteArray("abc"));
        QCOMPARE(md5.finalHex(), QByteArray("900150983cd24fb0d6963f7d28e17f72"));
        QCOMPARE(Md5::hex(QByteArray()), QByteArray("d41d8cd98f00b204e9800998ecf8427e"));
    }

    void cancelBeforeStart()
    {
        const QString path = makeFile(QStringLiteral("c1"), 1024);
        std::atomic_bool cancel{true};
        const auto r = Md5Hasher().hashFile(path, {}, &cancel);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Cancelled);
    }

    void cancelMidway()
    {
        const QString path = makeFile(QStringLiteral("c2"), 8 << 20);
        std::atomic_bool cancel{false};
        int calls = 0;
        const auto r = Md5Hasher(1 << 20).hashFile(
            path,
            [&](qint64, qint64) {
                ++calls;
                cancel = true;
            },
            &cancel);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Cancelled);
        QCOMPARE(calls, 1); // stopped within one block
    }

    void missingFile()
    {
        const auto r = Md5Hasher().hashFile(m_dir.filePath(QStringLiteral("nope")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Permanent);
        QVERIFY(r.error().message.contains(QLatin1String("nope")));
    }

    void directoryIsRefused()
    {
        const auto r = Md5Hasher().hashFile(m_dir.path());
        QVERIFY(!r.ok());
    }

    void fakeSum() { QCOMPARE(Md5Hasher::fakeSum(), QByteArray(32, '0')); }
};

QTEST_GUILESS_MAIN(TestMd5)
#include "tst_md5.moc"
