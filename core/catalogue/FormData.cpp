#include "FormData.h"

namespace tardigrade::formdata {

namespace {

QByteArray quoted(const QByteArray &value)
{
    QByteArray b = value;
    b.replace('"', "%22");
    b.replace('\r', "%0D");
    b.replace('\n', "%0A");
    return '"' + b + '"';
}

} // namespace

QByteArray disposition(const QByteArray &name)
{
    return "form-data; name=" + quoted(name);
}

QByteArray fileDisposition(const QByteArray &name, const QString &filename)
{
    return disposition(name) + "; filename=" + quoted(filename.toUtf8());
}

} // namespace tardigrade::formdata
