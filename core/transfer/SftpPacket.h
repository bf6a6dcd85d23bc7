#pragma once

#include <QByteArray>
#include <QVector>
#include <cstdint>

namespace tardigrade::sftp {

// The few SFTP version 3 messages (draft-ietf-secsh-filexfer-02) that a
// pipelined writer needs, as bytes on the wire: every packet is a uint32
// length, a type byte, then its fields (uint32/uint64 big-endian, strings
// as a uint32 length and the bytes). Paths and handles are bytes, never
// converted.
enum Type : std::uint8_t {
    Init = 1,
    Version = 2,
    Open = 3,
    Close = 4,
    Write = 6,
    Fsetstat = 10,
    Stat = 17,
    StatusReply = 101,
    HandleReply = 102,
    AttrsReply = 105,
};

enum StatusCode : std::uint32_t {
    Ok = 0,
    Eof = 1,
    NoSuchFile = 2,
    PermissionDenied = 3,
    Failure = 4,
    BadMessage = 5,
    NoConnection = 6,
    ConnectionLost = 7,
    OpUnsupported = 8,
};

namespace open_flags {
constexpr std::uint32_t Write = 0x02;
constexpr std::uint32_t Create = 0x08;
constexpr std::uint32_t Truncate = 0x10;
} // namespace open_flags

// Requests, each a whole packet ready to send.
QByteArray init();
QByteArray open(std::uint32_t id, const QByteArray &path, std::uint32_t flags, int permissions);
// A WRITE of `size` bytes at `offset`: the header is encoded and the bytes
// are left for the caller to fill in (read from disk straight into it).
QByteArray write(std::uint32_t id, const QByteArray &handle, std::uint64_t offset, int size, char **data);
QByteArray setPermissions(std::uint32_t id, const QByteArray &handle, int permissions); // FSETSTAT
QByteArray close(std::uint32_t id, const QByteArray &handle);

// One answer from the server, the fields a writer looks at.
struct Reply {
    std::uint8_t type = 0;
    std::uint32_t id = 0;           // for VERSION: the version
    std::uint32_t status = 0;       // STATUS
    QByteArray message;             // STATUS: the server's text
    QByteArray handle;              // HANDLE
    QVector<QByteArray> extensions; // VERSION: extension names
};

// Cuts the byte stream from the server into replies.
class ReplyReader {
public:
    void feed(const char *data, int size) { m_buffer.append(data, size); }
    // The next complete reply; false when none is complete yet. A packet
    // that cannot be an SFTP reply (too long, fields past its end) sets
    // malformed() and ends the stream.
    bool next(Reply *reply);
    bool malformed() const { return m_malformed; }

    // Far above anything a server sends to a writer; OpenSSH's limit.
    static constexpr std::uint32_t MaxPacket = 256 * 1024 + 1024;

private:
    QByteArray m_buffer;
    int m_at = 0;
    bool m_malformed = false;
};

} // namespace tardigrade::sftp
