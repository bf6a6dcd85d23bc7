#include "Verifier.h"

#include "CatalogueDb.h"
#include "FileMd5.h"
#include "IsoTime.h"
#include "JsonShapes.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <cstdio>

namespace tardigrade::standin {

Verifier::Verifier(CatalogueDb &db, QObject *parent) : QObject(parent), m_db(db)
{
    m_timer.setInterval(20);
    connect(&m_timer, &QTimer::timeout, this, &Verifier::tick);
}

void Verifier::scheduleDatafile(qint64 datafileId)
{
    const QVariantList ids = m_db.column(QStringLiteral("SELECT id FROM replicas WHERE datafile_id = ?"), {datafileId});
    for (const QVariant &id : ids)
        scheduleReplica(id.toLongLong());
}

void Verifier::scheduleReplica(qint64 replicaId)
{
    m_queue.append({replicaId, false});
    startTicking();
}

void Verifier::scheduleChunkAssembly(qint64 replicaId)
{
    m_queue.append({replicaId, true});
    startTicking();
}

void Verifier::startTicking()
{
    // start() on a running timer starts its interval again: with a request
    // every millisecond it would never fire, and every verification would
    // wait for the uploads to pause.
    if (!m_timer.isActive())
        m_timer.start();
}

void Verifier::tick()
{
    // Work off the queue in slices of ~20 ms so requests keep being answered.
    QElapsedTimer slice;
    slice.start();
    QList<QPair<qint64, QString>> verified; // replica, when
    while (!m_queue.isEmpty() && slice.elapsed() < 20) {
        const Job job = m_queue.takeFirst();
        if (job.assemble && !assemble(job.replicaId))
            continue;
        if (verify(job.replicaId))
            verified.append({job.replicaId, isoNow()});
    }
    // One commit for the slice: no request is answered before it ends anyway.
    if (!verified.isEmpty()) {
        CatalogueDb::Transaction transaction(m_db);
        for (const auto &v : verified)
            m_db.run(QStringLiteral("UPDATE replicas SET verified = 1, last_verified_time = ? WHERE id = ?"),
                     {v.second, v.first});
    }
    if (m_queue.isEmpty())
        m_timer.stop();
}

bool Verifier::assemble(qint64 replicaId)
{
    const QString target = JsonShapes(m_db).replicaPath(replicaId);
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "standin: cannot write %s to assemble chunks\n", qPrintable(target));
        return false;
    }
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT path FROM chunks WHERE replica_id = ? ORDER BY offset"), {replicaId});
    while (q.next()) {
        QFile chunk(q.value(0).toString());
        if (!chunk.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "standin: chunk %s is missing\n", qPrintable(chunk.fileName()));
            return false;
        }
        out.write(chunk.readAll());
    }
    return true;
}

bool Verifier::verify(qint64 replicaId)
{
    const QVariantList expected = m_db.row(QStringLiteral("SELECT d.size, d.md5sum FROM replicas r "
                                                          "JOIN datafiles d ON d.id = r.datafile_id WHERE r.id = ?"),
                                           {replicaId});
    if (expected.isEmpty())
        return false;
    const qint64 expectedSize = expected.at(0).toLongLong();
    const QString expectedMd5 = expected.at(1).toString().toLower();
    const QString path = JsonShapes(m_db).replicaPath(replicaId);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "standin: verify replica %lld: %s is not there (yet)\n", static_cast<long long>(replicaId),
                     qPrintable(path));
        return false;
    }
    if (f.size() != expectedSize) {
        std::fprintf(stderr, "standin: verify replica %lld: size %lld, registered %lld: left unverified\n",
                     static_cast<long long>(replicaId), static_cast<long long>(f.size()),
                     static_cast<long long>(expectedSize));
        return false;
    }
    f.close();
    const QString actual = fileMd5Hex(path).value_or(QString());
    if (actual != expectedMd5) {
        std::fprintf(stderr, "standin: verify replica %lld: md5 %s, registered %s: left unverified\n",
                     static_cast<long long>(replicaId), qPrintable(actual), qPrintable(expectedMd5));
        return false;
    }
    return true;
}

} // namespace tardigrade::standin
