// Chunked HTTP upload (section 11c) against the real stand-in: a 25 MiB file
// goes up in 10 MiB chunks and is verified; an interrupted upload continues
// from the server's offset (only the missing chunks are sent); files below
// the threshold go by POST; a wrong checksum is refused with a sentence; a
// server without the chunk API is recognised.
#include "StandinProcess.h"
#include "UploadedFile.h"
#include "catalogue/ChunkChecksum.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/ServerSettingsCheck.h"
#include "transfer/ChunkedUploader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using tardigrade::test::StandinProcess;

class TestChunkedUpload : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    StandinProcess m_server;
    std::unique_ptr<MyTardisClient> m_client;
    Dataset m_dataset;

    QString writeFile(const QString &name, qint64 bytes, QString *md5)
    {
        const QString path = m_tmp.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        QCryptographicHash h(QCryptographicHash::Md5);
        QByteArray block(1 << 20, '\0');
        for (qint64 done = 0; done < bytes; done += block.size()) {
            for (int j = 0; j < block.size(); j += 997)
                block[j] = static_cast<char>(done / 4096 + j);
            const QByteArray part = block.left(static_cast<int>(std::min<qint64>(block.size(), bytes - done)));
            f.write(part);
            h.addData(part);
        }
        *md5 = QString::fromLatin1(h.result().toHex());
        return path;
    }
    NewDataFile describe(const QString &path, const QString &md5) const
    {
        return test::describeFile(m_dataset.uri(), path, md5);
    }
    bool waitVerified(qint64 id) { return test::waitVerified(*m_client, id, 30000); }
    Shipment registered(const QString &path, const QString &md5)
    {
        Shipment s;
        s.localPath = path;
        s.size = QFileInfo(path).size();
        s.description = describe(path, md5);
        auto reg = m_client->registerForStaging(s.description, QStringLiteral("uuid"), QStringLiteral("fp"));
        if (reg)
            s.datafileId = reg->datafileId;
        return s;
    }
    // Registrations and POST uploads alike.
    int datafilePosts() const
    {
        int n = 0;
        for (const QJsonObject &r : m_server.requests())
            n += r.value(QLatin1String("method")).toString() == QLatin1String("POST") &&
                 r.value(QLatin1String("path")).toString() == QLatin1String("/api/v1/mydata_dataset_file/");
        return n;
    }
    int chunkPosts() const
    {
        int n = 0;
        for (const QJsonObject &r : m_server.requests())
            n += r.value(QLatin1String("method")).toString() == QLatin1String("POST") &&
                 r.value(QLatin1String("path")).toString().endsWith(QLatin1String("/upload/"));
        return n;
    }

private slots:
    void initTestCase()
    {
        if (!chunks::available())
            QSKIP("built without xxhash");
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        ClientConfig c;
        c.url = m_server.urlString();
        c.username = m_server.username();
        c.apiKey = m_server.apiKey();
        c.backoffMs = 50;
        m_client = std::make_unique<MyTardisClient>(c);
        const ServerCheckResult check = ServerSettingsCheck(*m_client, *m_client).run(
            {QStringLiteral("Test Facility"), QStringLiteral("Test Instrument"), QString(), QString()});
        QVERIFY(check.ok());
        NewExperiment ne;
        ne.key = {QStringLiteral("Chunks"), QStringLiteral("Username / Dataset"), QStringLiteral("testuser1"),
                  QString()};
        auto e = m_client->createExperiment(ne);
        QVERIFY(e.ok());
        auto d = m_client->createDataset({check.instrument->resourceUri, QStringLiteral("Chunk Set"), e->uri(), false});
        QVERIFY(d.ok());
        m_dataset = *d;
    }

    void chunkSizes_data()
    {
        QTest::addColumn<qint64>("fileSize");
        QTest::addColumn<qint64>("chunk");
        const qint64 mib = 1024 * 1024;
        QTest::newRow("small") << qint64(15) << 10 * mib;
        QTest::newRow("990 MiB") << 990 * mib << 10 * mib;
        QTest::newRow("1000 MiB") << 1000 * mib << 20 * mib;
        QTest::newRow("5 GiB") << 5120 * mib << 60 * mib;
        QTest::newRow("huge: at most 100 MiB") << 100000 * mib << 100 * mib;
    }

    void chunkSizes()
    {
        QFETCH(qint64, fileSize);
        QFETCH(qint64, chunk);
        QCOMPARE(chunks::sizeFor(fileSize), chunk);
    }

    void offeredByTheStandin()
    {
        auto offered = m_client->offersChunkedUpload();
        QVERIFY2(offered.ok(), qPrintable(offered.error().message));
        QVERIFY(*offered);
        // A server whose mydata app has no chunk API answers 404 there.
        StandinProcess old;
        QVERIFY2(old.start({QStringLiteral("--fail-rate"), QStringLiteral("1"), QStringLiteral("--fail-path"),
                            QStringLiteral("mydata_upload"), QStringLiteral("--fail-mode"), QStringLiteral("404")}),
                 qPrintable(old.errorString()));
        ClientConfig c = m_client->config();
        c.url = old.urlString();
        c.apiKey = old.apiKey();
        MyTardisClient client(c);
        auto none = client.offersChunkedUpload();
        QVERIFY2(none.ok(), qPrintable(none.error().message));
        QVERIFY(!*none);
    }

    void wholeFile()
    {
        QString md5;
        const QString path = writeFile(QStringLiteral("whole.bin"), 25 * 1024 * 1024 + 3, &md5);
        ChunkedUploader uploader(*m_client, 1024 * 1024);
        const Shipment s = registered(path, md5);
        QVERIFY(s.datafileId > 0);
        QVERIFY(uploader.registersFirst(s.size));
        const int before = chunkPosts();
        qint64 first = -1, last = 0;
        auto r = uploader.send(s, [&](qint64 done, qint64) {
            if (first < 0)
                first = done;
            last = done;
        });
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->datafileId, s.datafileId);
        QCOMPARE(chunkPosts() - before, 3);
        QCOMPARE(first, 0);
        QCOMPARE(last, QFileInfo(path).size());
        QVERIFY(waitVerified(r->datafileId));
    }

    void smallFilesGoByPost()
    {
        QString md5;
        const QString path = writeFile(QStringLiteral("small.bin"), 4096, &md5);
        ChunkedUploader uploader(*m_client, 1024 * 1024);
        QVERIFY(!uploader.registersFirst(4096));
        Shipment s;
        s.localPath = path;
        s.size = 4096;
        s.description = describe(path, md5);
        const int chunksBefore = chunkPosts(), postsBefore = datafilePosts();
        auto r = uploader.send(s, {});
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QVERIFY(r->datafileId > 0);
        QCOMPARE(chunkPosts(), chunksBefore);
        QCOMPARE(datafilePosts(), postsBefore + 1); // one request: registered with its bytes
        QVERIFY(waitVerified(r->datafileId));
    }

    void resumesFromTheServersOffset()
    {
        QString md5;
        const QString path = writeFile(QStringLiteral("resume.bin"), 25 * 1024 * 1024, &md5);
        // An earlier attempt registered the file and sent the first chunk only.
        const Shipment s = registered(path, md5);
        QVERIFY(s.datafileId > 0);
        const qint64 replica = m_client->dataFile(s.datafileId)->replicas.first().id;
        auto st = m_client->chunkStatus(replica);
        QVERIFY2(st.ok(), qPrintable(st.error().message));
        QVERIFY(!st->completed);
        QCOMPARE(st->offset, 0);
        QCOMPARE(st->checksum, QStringLiteral("xxh3_64"));
        QFile in(path);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QVERIFY(m_client->sendChunk(replica, in.read(st->chunkSize), 0, in.size()).ok());
        QCOMPARE(m_client->chunkStatus(replica)->offset, st->chunkSize);

        const int before = chunkPosts();
        ChunkedUploader uploader(*m_client, 1024 * 1024);
        qint64 first = -1;
        auto r = uploader.send(s, [&](qint64 done, qint64) {
            if (first < 0)
                first = done;
        });
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->datafileId, s.datafileId);
        QCOMPARE(chunkPosts() - before, 2); // the two missing chunks only
        QCOMPARE(first, st->chunkSize);      // where it started: the bytes there were not sent again
        QVERIFY(waitVerified(r->datafileId));
    }

    void wrongChecksumIsRefused()
    {
        QString md5;
        const QString path = writeFile(QStringLiteral("bad.bin"), 1000, &md5);
        const Shipment s = registered(path, md5);
        QVERIFY(s.datafileId > 0);
        const qint64 replica = m_client->dataFile(s.datafileId)->replicas.first().id;
        ApiRequest req;
        req.method = "POST";
        req.url = m_client->transport().urlFor(QStringLiteral("/api/v1/mydata_upload/%1/upload/").arg(replica), {}, false);
        req.body = QByteArray(1000, 'x');
        req.headers = {{"Checksum", "0000000000000000"}, {"Content-Range", "0-1000/1000"}};
        auto raw = m_client->transport().send(req);
        QVERIFY(raw.ok());
        QCOMPARE(raw->status, 200);
        QVERIFY(raw->json()
                    .object()
                    .value(QLatin1String("error"))
                    .toString()
                    .startsWith(QStringLiteral("Checksum does not match")));
        // Through the class the right checksum goes along; a repeat counts as sent.
        QFile in(path);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray data = in.readAll();
        QVERIFY(m_client->sendChunk(replica, data, 0, 1000).ok());
        QVERIFY(m_client->sendChunk(replica, data, 0, 1000).ok());
        // The API's own errors (HTTP 200, success false) become a sentence.
        auto none = m_client->chunkStatus(999999);
        QVERIFY(!none.ok());
        QVERIFY2(none.error().message.contains(QStringLiteral("Invalid object or access denied.")),
                 qPrintable(none.error().message));
    }
};

QTEST_GUILESS_MAIN(TestChunkedUpload)
#include "tst_chunkedupload.moc"
