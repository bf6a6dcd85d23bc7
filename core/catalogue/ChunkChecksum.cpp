#include "ChunkChecksum.h"

#ifdef TARDIGRADE_HAVE_XXHASH
#define XXH_INLINE_ALL
#include <xxhash.h>
#endif

namespace tardigrade::chunks {

bool available()
{
#ifdef TARDIGRADE_HAVE_XXHASH
    return true;
#else
    return false;
#endif
}

QString xxh3Hex(const QByteArray &data)
{
#ifdef TARDIGRADE_HAVE_XXHASH
    const XXH64_hash_t h = XXH3_64bits(data.constData(), static_cast<size_t>(data.size()));
    return QStringLiteral("%1").arg(static_cast<qulonglong>(h), 16, 16, QLatin1Char('0'));
#else
    Q_UNUSED(data);
    return {};
#endif
}

qint64 sizeFor(qint64 fileSize)
{
    const qint64 step = 10 * 1024 * 1024;
    qint64 size = step;
    while (size < 10 * step && (fileSize + size - 1) / size >= 100)
        size += step;
    return size;
}

} // namespace tardigrade::chunks
