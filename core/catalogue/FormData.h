#pragma once

#include <QByteArray>
#include <QString>

namespace tardigrade {

// The Content-Disposition header of one part of a multipart/form-data body
// (the POST upload, mytardis-api.md 11a), kept apart from MyTardisClient so
// that any file name can be tested and fuzzed: whatever the name, the header
// stays one line with exactly the parameters given.
namespace formdata {
// form-data; name="<name>"
QByteArray disposition(const QByteArray &name);
// form-data; name="<name>"; filename="<filename>": a quote or line break in
// the file name would end the value or the header early, so they are
// percent-escaped as browsers do (%22, %0D, %0A).
QByteArray fileDisposition(const QByteArray &name, const QString &filename);
} // namespace formdata

} // namespace tardigrade
