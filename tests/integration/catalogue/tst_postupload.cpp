// HTTP POST upload (section 11a) against the real stand-in: a 210 MiB file is
// streamed from disk (this process's peak memory stays far below the file's
// size), progress reaches the end, the server verifies it; two uploads run
// at once from two threads with a client each; cancel stops an upload.
#include "MemoryBounds.h"
#include "StandinProcess.h"
#include "UploadedFile.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/ServerSettingsCheck.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <array>
#include <atomic>

using namespace tardigrade;
using tardigrade::test::StandinProcess;

namespace {

// Peak resident memory of this process, in KiB (VmHWM).
qint64 peakRssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Writes `mib` MiB of varied bytes and answers their MD5.
QString writeFile(const QString &path, int mib)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QCryptographicHash md5(QCryptographicHash::Md5);
    QByteArray block(1 << 20, '\0');
    for (int i = 0; i < mib; ++i) {
        for (int j = 0; j < block.size(); j += 4096)
            block[j] = static_cast<char>(i + j / 4096);
        f.write(block);
        md5.addData(block);
    }
    return QString::fromLatin1(md5.result().toHex());
}

} // namespace

class TestPostUpload : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    StandinProcess m_server;
    std::unique_ptr<MyTardisClient> m_client;
    Dataset m_dataset;

    ClientConfig config() const
    {
        ClientConfig c;
        c.url = m_server.urlString();
        c.username = m_server.username();
        c.apiKey = m_server.apiKey();
        c.backoffMs = 50;
        c.timeoutSecs = 20;
        return c;
    }
    NewDataFile describe(const QString &path, const QString &md5) const
    {
        return test::describeFile(m_dataset.uri(), path, md5);
    }
    bool waitVerified(qint64 id, int ms) { return test::waitVerified(*m_client, id, ms); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_client = std::make_unique<MyTardisClient>(config());
        const ServerCheckResult check = ServerSettingsCheck(*m_client, *m_client).run(
            {QStringLiteral("Test Facility"), QStringLiteral("Test Instrument"), QString(), QString()});
        QVERIFY2(check.ok(), qPrintable(check.failures.join(QLatin1Char(' '))));
        NewExperiment ne;
        ne.key = {QStringLiteral("Uploads"), QStringLiteral("Username / Dataset"), QStringLiteral("testuser1"),
                  QString()};
        auto e = m_client->createExperiment(ne);
        QVERIFY(e.ok());
        auto d =
            m_client->createDataset({check.instrument->resourceUri, QStringLiteral("Upload Set"), e->uri(), false});
        QVERIFY(d.ok());
        m_dataset = *d;
    }

    void bigFileIsStreamed()
    {
        const QString path = m_tmp.filePath(QStringLiteral("big.bin"));
        const QString md5 = writeFile(path, 210);
        QVERIFY(!md5.isEmpty());
        const qint64 size = QFileInfo(path).size();
        const qint64 before = peakRssKiB();
        QVERIFY(before > 0);
        qint64 lastSent = 0, lastTotal = 0;
        int calls = 0;
        auto r = m_client->uploadFile(describe(path, md5), path, [&](qint64 sent, qint64 total) {
            lastSent = sent;
            lastTotal = total;
            ++calls;
        });
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QVERIFY(r->datafileId > 0);
        const qint64 grewKiB = peakRssKiB() - before;
        qInfo() << "peak RSS grew by" << grewKiB / 1024 << "MiB for a" << size / (1 << 20) << "MiB upload";
        if (tardigrade::test::kPeakMemoryIsMeasurable)
            QVERIFY2(grewKiB < 64 * 1024, qPrintable(QStringLiteral("peak RSS grew by %1 MiB").arg(grewKiB / 1024)));
        QVERIFY(calls > 1);
        QVERIFY(lastTotal > size); // multipart framing included
        QCOMPARE(lastSent, lastTotal);
        QVERIFY(waitVerified(r->datafileId, 60000));
        auto record = m_client->dataFile(r->datafileId);
        QCOMPARE(record->size, size);
        QCOMPARE(record->md5sum, md5);
    }

    void twoAtOnce()
    {
        const QString a = m_tmp.filePath(QStringLiteral("a.bin"));
        const QString b = m_tmp.filePath(QStringLiteral("b.bin"));
        const QString md5a = writeFile(a, 8);
        const QString md5b = writeFile(b, 8);
        // Atomic: QThread::wait() orders nothing that ThreadSanitizer can see.
        std::array<std::atomic<qint64>, 2> ids{};
        const ClientConfig c = config();
        auto work = [&](int i, const QString &path, const QString &md5) {
            MyTardisClient client(c); // one client (and connection) per thread
            auto r = client.uploadFile(describe(path, md5), path);
            if (r)
                ids[i] = r->datafileId;
        };
        QThread *ta = QThread::create(work, 0, a, md5a);
        QThread *tb = QThread::create(work, 1, b, md5b);
        ta->start();
        tb->start();
        QVERIFY(ta->wait(60000) && tb->wait(60000));
        delete ta;
        delete tb;
        QVERIFY(ids[0] > 0 && ids[1] > 0 && ids[0] != ids[1]);
        QVERIFY(waitVerified(ids[0], 20000));
        QVERIFY(waitVerified(ids[1], 20000));
    }

    void cancelStopsAnUpload()
    {
        const QString path = m_tmp.filePath(QStringLiteral("cancel.bin"));
        const QString md5 = writeFile(path, 64);
        std::atomic_bool cancel{false};
        ClientConfig c = config();
        c.cancel = &cancel;
        MyTardisClient client(c);
        QElapsedTimer t;
        t.start();
        qint64 cancelledAt = -1;
        auto r = client.uploadFile(describe(path, md5), path, [&](qint64 sent, qint64) {
            if (sent > 0 && !cancel) {
                cancel = true;
                cancelledAt = t.elapsed();
            }
        });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Cancelled);
        QVERIFY(cancelledAt >= 0);
        QVERIFY2(t.elapsed() - cancelledAt < 1000, qPrintable(QString::number(t.elapsed() - cancelledAt)));
        // Nothing was registered for it.
        auto found = m_client->findDataFile(m_dataset.id, QString(), QStringLiteral("cancel.bin"));
        QVERIFY(found.ok());
        QVERIFY(!found->has_value());
    }
};

QTEST_GUILESS_MAIN(TestPostUpload)
#include "tst_postupload.moc"
