#pragma once

#include <QByteArray>
#include <QString>

namespace tardigrade {

// The arithmetic of the chunk API (mytardis-api.md 11c).
namespace chunks {
// False when built without xxhash: then no chunked upload is offered.
bool available();
// xxh3_64 of a chunk as the server checks it: 16 lowercase hex digits.
QString xxh3Hex(const QByteArray &data);
// The chunk size the API prescribes: the smallest multiple of 10 MB giving
// fewer than 100 chunks, at most 100 MB.
qint64 sizeFor(qint64 fileSize);
} // namespace chunks

} // namespace tardigrade
