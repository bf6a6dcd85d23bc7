#include "MultipartForm.h"

#include <QList>

namespace tardigrade::standin {

namespace {
// The value of `key="..."` (or key=token) in a header such as Content-Disposition.
QByteArray headerParam(const QByteArray &header, const QByteArray &key)
{
    const QList<QByteArray> items = header.split(';');
    for (const QByteArray &raw : items) {
        const QByteArray item = raw.trimmed();
        const int eq = item.indexOf('=');
        if (eq < 0 || item.left(eq).trimmed().toLower() != key)
            continue;
        QByteArray value = item.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}
} // namespace

bool MultipartForm::parse(const QByteArray &contentType, const QByteArray &body)
{
    const QByteArray boundary = headerParam(contentType, "boundary");
    if (boundary.isEmpty())
        return false;
    const QByteArray delimiter = QByteArray("--") + boundary;
    const QByteArray nextDelimiter = QByteArray("\r\n") + delimiter;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0)
        return false;
    while (true) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return true; // closing delimiter
        if (body.mid(pos, 2) != "\r\n")
            return false;
        pos += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0)
            return false;
        const qsizetype next = body.indexOf(nextDelimiter, headersEnd + 4);
        if (next < 0)
            return false;
        Part part;
        QString name;
        const QList<QByteArray> headerLines = body.mid(pos, headersEnd - pos).split('\n');
        for (const QByteArray &rawLine : headerLines) {
            const QByteArray line = rawLine.trimmed();
            const int colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray key = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (key == "content-disposition") {
                name = QString::fromUtf8(headerParam(value, "name"));
                part.filename = QString::fromUtf8(headerParam(value, "filename"));
            } else if (key == "content-type") {
                part.contentType = value;
            }
        }
        part.data = body.mid(headersEnd + 4, next - (headersEnd + 4));
        if (!name.isEmpty())
            m_parts.insert(name, part);
        pos = next + 2;
    }
}

} // namespace tardigrade::standin
