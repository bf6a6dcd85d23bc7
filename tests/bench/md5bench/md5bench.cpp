// tardigrade-md5bench FILE: the MD5 of FILE exactly as an upload computes it
// (core/transfer/Md5Hasher), then the throughput, so that scripts/bench can
// set it beside `openssl dgst -md5` on the same file.
// Prints: <md5hex>  <seconds>s  <MB/s> MB/s   (MB = 10^6 bytes)
#include "transfer/Md5Hasher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: tardigrade-md5bench FILE [BLOCK_BYTES]\n");
        return 2;
    }
    const QString path = args.at(1);
    const qint64 block = args.size() > 2 ? args.at(2).toLongLong() : tardigrade::Md5Hasher::DefaultBlockSize;
    QElapsedTimer timer;
    timer.start();
    const auto digest = tardigrade::Md5Hasher(block).hashFile(path);
    const qint64 ns = timer.nsecsElapsed();
    if (!digest) {
        std::fprintf(stderr, "%s\n", qPrintable(digest.error().message));
        return 1;
    }
    const double seconds = double(ns) / 1e9;
    const double mbps = double(QFileInfo(path).size()) / 1e6 / seconds;
    std::printf("%s  %.3fs  %.1f MB/s\n", digest.value().constData(), seconds, mbps);
    return 0;
}
