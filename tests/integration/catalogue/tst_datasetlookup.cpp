// Section 10 at scale against the real stand-in: a dataset of 1,001 files
// uploaded and verified; the per-dataset listing pages past the server's
// 1000 cap, deciding all of them takes a handful of requests (counted by the
// client and by the server's request log), and with the lookup cache a
// second run asks nothing for verified files while a touched file is looked
// up again.
#include "StandinProcess.h"
#include "catalogue/DataFileLookup.h"
#include "catalogue/DataFileLookupCache.h"
#include "catalogue/ExperimentDatasetResolver.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/OwnerResolver.h"
#include "catalogue/ServerSettingsCheck.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace tardigrade;
using tardigrade::test::StandinProcess;

namespace {
constexpr int kFiles = 1001;
}

class TestDatasetLookup : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    StandinProcess m_server;
    std::unique_ptr<MyTardisClient> m_client;
    Dataset m_dataset;
    QVector<ScannedFile> m_files;

    int listingRequests() const
    {
        int n = 0;
        for (const QJsonObject &r : m_server.requests())
            n += r.value(QLatin1String("method")).toString() == QLatin1String("GET") &&
                 r.value(QLatin1String("path")).toString() == QLatin1String("/api/v1/mydata_dataset_file/");
        return n;
    }

    ScannedFile scanned(const QString &absolute, const QString &directory) const
    {
        const QFileInfo fi(absolute);
        return {directory, fi.fileName(), fi.size(), fi.lastModified().toUTC(), absolute};
    }

    // Uploads files[from, to) by HTTP POST on a client of this thread.
    static bool uploadRange(const ClientConfig &config, const QString &datasetUri, const QVector<ScannedFile> &files,
                            int from, int to)
    {
        MyTardisClient client(config);
        for (int i = from; i < to; ++i) {
            const ScannedFile &f = files[i];
            QFile in(f.absolutePath);
            if (!in.open(QIODevice::ReadOnly))
                return false;
            NewDataFile nf;
            nf.datasetUri = datasetUri;
            nf.filename = f.name;
            nf.directory = f.directory;
            nf.md5sum = QString::fromLatin1(QCryptographicHash::hash(in.readAll(), QCryptographicHash::Md5).toHex());
            nf.size = f.size;
            nf.modificationTime = f.mtime;
            auto r = client.uploadFile(nf, f.absolutePath);
            if (!r || r->alreadyExists)
                return false;
        }
        return true;
    }

    ClientConfig config() const
    {
        ClientConfig c;
        c.url = m_server.urlString();
        c.username = m_server.username();
        c.apiKey = m_server.apiKey();
        c.backoffMs = 50;
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_client = std::make_unique<MyTardisClient>(config());
        const ServerCheckResult check = ServerSettingsCheck(*m_client, *m_client).run(
            {QStringLiteral("Test Facility"), QStringLiteral("Test Instrument"), QString(), QString()});
        QVERIFY2(check.ok(), qPrintable(check.failures.join(QLatin1Char(' '))));

        ScannedDataset ds;
        ds.owner = ds.userFolder = QStringLiteral("testuser1");
        ds.ownerKind = OwnerKind::Username;
        ds.datasetName = QStringLiteral("Big");
        ds.path = m_tmp.filePath(QStringLiteral("testuser1/Big"));
        OwnerResolver owners(*m_client, {true, *check.account});
        ExperimentDatasetContext ctx;
        ctx.folderStructure = QStringLiteral("Username / Dataset");
        ctx.facility = *check.facility;
        ctx.instrument = *check.instrument;
        ctx.facilityAccount = *check.account;
        ExperimentDatasetResolver resolver(*m_client, *m_client, ctx);
        auto target = resolver.resolve(ds, *owners.resolve(ds));
        QVERIFY2(target.ok(), qPrintable(target.error().message));
        m_dataset = target->dataset;

        // 1,001 small files, one of them two folders down.
        QDir().mkpath(ds.path + QStringLiteral("/sub/deeper"));
        for (int i = 0; i < kFiles; ++i) {
            const QString dir = i == 7 ? QStringLiteral("sub/deeper") : QString();
            const QString path = ds.path + QLatin1Char('/') + (dir.isEmpty() ? QString() : dir + QLatin1Char('/')) +
                                 QStringLiteral("f%1.dat").arg(i, 4, 10, QLatin1Char('0'));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::number(i) + '\n');
            f.close();
            m_files.push_back(scanned(path, dir));
        }
        // Two threads with a client each (the pool's arrangement). Atomic:
        // QThread::wait() orders nothing that ThreadSanitizer can see.
        std::atomic_bool okA{false}, okB{false};
        const ClientConfig c = config();
        const QString uri = m_dataset.uri();
        const QVector<ScannedFile> files = m_files;
        QThread *a = QThread::create([&] { okA = uploadRange(c, uri, files, 0, kFiles / 2); });
        QThread *b = QThread::create([&] { okB = uploadRange(c, uri, files, kFiles / 2, kFiles); });
        a->start();
        b->start();
        QVERIFY(a->wait(120000) && b->wait(120000));
        delete a;
        delete b;
        QVERIFY(okA && okB);
        const auto verifiedCount = [&] {
            int n = 0;
            auto all = m_client->dataFilesOfDataset(m_dataset.id);
            if (all)
                for (const DataFile &f : *all)
                    n += f.isVerified();
            return n;
        };
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000 && verifiedCount() < kFiles)
            QThread::msleep(200);
        QCOMPARE(verifiedCount(), kFiles);
    }

    void listingPagesPastTheCap()
    {
        const int before = listingRequests();
        auto all = m_client->dataFilesOfDataset(m_dataset.id);
        QVERIFY2(all.ok(), qPrintable(all.error().message));
        QCOMPARE(all->size(), kFiles);
        QCOMPARE(listingRequests() - before, 2); // 1000 + 1
        QSet<qint64> ids;
        for (const DataFile &f : *all)
            ids.insert(f.id);
        QCOMPARE(ids.size(), kFiles);
    }

    void thousandFilesInAHandfulOfRequests()
    {
        DataFileLookup lookup(*m_client);
        const int before = m_client->requestCount();
        const int logBefore = m_server.requests().size();
        auto r = lookup.lookup(m_dataset.id, m_files);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QVERIFY(m_client->requestCount() - before <= 3);
        QVERIFY(m_server.requests().size() - logBefore <= 3);
        QCOMPARE(r->size(), kFiles);
        int verified = 0;
        for (const RemoteFileStatus &s : *r)
            verified += s.state == RemoteState::Verified;
        QCOMPARE(verified, kFiles);
        const RemoteFileStatus deep = r->value(QStringLiteral("sub/deeper/f0007.dat"));
        QCOMPARE(deep.state, RemoteState::Verified);
        QCOMPARE(deep.record.directory, QStringLiteral("sub/deeper"));
    }

    void missingAndUnverified()
    {
        // One file the server never saw, one registered but never staged.
        const QString dir = m_tmp.filePath(QStringLiteral("testuser1/Big"));
        QFile extra(dir + QStringLiteral("/new.dat"));
        QVERIFY(extra.open(QIODevice::WriteOnly));
        extra.write("new");
        extra.close();
        QFile pending(dir + QStringLiteral("/pending.dat"));
        QVERIFY(pending.open(QIODevice::WriteOnly));
        pending.write("pending");
        pending.close();
        NewDataFile nf;
        nf.datasetUri = m_dataset.uri();
        nf.filename = QStringLiteral("pending.dat");
        nf.md5sum = QString::fromLatin1(QCryptographicHash::hash("pending", QCryptographicHash::Md5).toHex());
        nf.size = 7;
        nf.modificationTime = QDateTime::currentDateTime();
        QVERIFY(m_client->registerForStaging(nf, QStringLiteral("u"), QStringLiteral("f")).ok());

        QVector<ScannedFile> files{scanned(extra.fileName(), QString()), scanned(pending.fileName(), QString()),
                                   m_files[0]};
        DataFileLookupCache cache(m_tmp.filePath(QStringLiteral("mixed.sqlite")), m_server.urlString());
        QVERIFY(cache.open().ok());
        auto r = DataFileLookup(*m_client, &cache).lookup(m_dataset.id, files);
        QVERIFY(r.ok());
        QCOMPARE(r->value(QStringLiteral("new.dat")).state, RemoteState::Missing);
        QCOMPARE(r->value(QStringLiteral("pending.dat")).state, RemoteState::Unverified);
        QVERIFY(r->value(QStringLiteral("pending.dat")).record.id > 0);
        QCOMPARE(r->value(QStringLiteral("f0000.dat")).state, RemoteState::Verified);
        QCOMPARE(cache.count(), 1); // only verified results are cached
    }

    void cacheSkipsVerifiedFiles()
    {
        DataFileLookupCache cache(m_tmp.filePath(QStringLiteral("lookups.sqlite")), m_server.urlString());
        QVERIFY(cache.open().ok());
        // First run: one listing, everything remembered.
        auto first = DataFileLookup(*m_client, &cache).lookup(m_dataset.id, m_files);
        QVERIFY(first.ok());
        QCOMPARE(cache.count(), kFiles);

        // Second run (a fresh cache object, as a new run would open): nothing asked.
        DataFileLookupCache again(m_tmp.filePath(QStringLiteral("lookups.sqlite")), m_server.urlString());
        QVERIFY(again.open().ok());
        const int before = m_client->requestCount();
        const int listingsBefore = listingRequests();
        auto second = DataFileLookup(*m_client, &again).lookup(m_dataset.id, m_files);
        QVERIFY(second.ok());
        // The cache is read once for the dataset, not a statement per file.
        QCOMPARE(again.lookupQueries(), 1);
        QCOMPARE(m_client->requestCount(), before);
        QCOMPARE(listingRequests(), listingsBefore);
        for (const RemoteFileStatus &s : *second) {
            QCOMPARE(s.state, RemoteState::Verified);
            QVERIFY(s.fromCache);
        }

        // A touched file is looked up again.
        QVector<ScannedFile> files = m_files;
        QFile touched(files[5].absolutePath);
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(files[5].mtime.addSecs(60), QFileDevice::FileModificationTime));
        touched.close();
        files[5] = scanned(files[5].absolutePath, files[5].directory);
        auto third = DataFileLookup(*m_client, &again).lookup(m_dataset.id, files);
        QVERIFY(third.ok());
        QVERIFY(listingRequests() > listingsBefore);
        const RemoteFileStatus t = third->value(files[5].name);
        QCOMPARE(t.state, RemoteState::Verified);
        QVERIFY(!t.fromCache);
        QVERIFY(third->value(files[6].name).fromCache);
        // Its record no longer describes it (another modification time): not
        // remembered as verified until the caller has compared the content.
        QVERIFY(!DataFileLookup::describesUnchanged(t.record, files[5].size, files[5].mtime));
        auto fourth = DataFileLookup(*m_client, &again).lookup(m_dataset.id, {files[5]});
        QVERIFY(fourth.ok());
        QVERIFY(!fourth->value(files[5].name).fromCache);
    }
};

QTEST_GUILESS_MAIN(TestDatasetLookup)
#include "tst_datasetlookup.moc"
