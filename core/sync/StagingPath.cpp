#include "StagingPath.h"

#include <QUrl>

namespace tardigrade {

QByteArray predictedStagingPath(const QByteArray &location, const QString &datasetDescription, qint64 datasetId,
                                const QString &directory, const QString &filename)
{
    QByteArray path = location;
    while (path.endsWith('/'))
        path.chop(1);
    // MyTardis quotes the description as Python's quote(..., safe=''):
    // UTF-8, everything but letters, digits and "-._~" escaped.
    path += '/' + QUrl::toPercentEncoding(datasetDescription) + '-' + QByteArray::number(datasetId) + '/';
    if (!directory.isEmpty())
        path += directory.toUtf8() + '/';
    return path + filename.toUtf8();
}

std::optional<StagedFileName> stagedFileNameOf(const QByteArray &location, qint64 datasetId,
                                               const QByteArray &stagingPath)
{
    QByteArray root = location;
    while (root.endsWith('/'))
        root.chop(1);
    const QByteArray prefix = root + '/';
    if (location.isEmpty() || datasetId <= 0 || !stagingPath.startsWith(prefix))
        return std::nullopt;
    // The dataset's folder is one segment: its description is quoted with
    // nothing safe, '/' included.
    const QByteArray below = stagingPath.mid(prefix.size());
    const QByteArray folderTail = '-' + QByteArray::number(datasetId);
    const int folderEnd = below.indexOf('/');
    if (folderEnd <= 0 || !below.left(folderEnd).endsWith(folderTail))
        return std::nullopt;
    const QByteArray rest = below.mid(folderEnd + 1);
    const int slash = rest.lastIndexOf('/');
    StagedFileName name;
    name.directory = QString::fromUtf8(rest.left(qMax(slash, 0)));
    name.filename = QString::fromUtf8(rest.mid(slash + 1));
    // Made from these names byte for byte (UTF-8, no empty segment at
    // either end), or nothing is asked about it.
    const QByteArray again =
        (name.directory.isEmpty() ? QByteArray() : name.directory.toUtf8() + '/') + name.filename.toUtf8();
    if (name.filename.isEmpty() || name.directory.startsWith(QLatin1Char('/')) ||
        name.directory.endsWith(QLatin1Char('/')) || again != rest)
        return std::nullopt;
    return name;
}

} // namespace tardigrade
