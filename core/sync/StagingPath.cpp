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

} // namespace tardigrade
