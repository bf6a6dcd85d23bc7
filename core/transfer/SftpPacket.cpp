#include "SftpPacket.h"

#include <QtEndian>
#include <cstring>

namespace tardigrade::sftp {

namespace {

constexpr std::uint32_t AttrPermissions = 0x04;

void putU32(QByteArray &out, std::uint32_t v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

void putU64(QByteArray &out, std::uint64_t v)
{
    char b[8];
    qToBigEndian(v, b);
    out.append(b, 8);
}

void putString(QByteArray &out, const QByteArray &s)
{
    putU32(out, std::uint32_t(s.size()));
    out.append(s);
}

// Starts a packet: its length is filled in by finish().
QByteArray begin(Type type, std::uint32_t id, int reserve = 64)
{
    QByteArray out;
    out.reserve(reserve);
    putU32(out, 0);
    out.append(char(type));
    if (type != Init)
        putU32(out, id);
    return out;
}

// In place: a WRITE's caller holds a pointer into the packet.
void finish(QByteArray &out)
{
    qToBigEndian(std::uint32_t(out.size() - 4), out.data());
}

// Reads fields of one packet's payload, remembering when one ran past its end.
struct Fields {
    const char *at;
    const char *end;
    bool ok = true;

    std::uint32_t u32()
    {
        if (end - at < 4) {
            ok = false;
            return 0;
        }
        const std::uint32_t v = qFromBigEndian<std::uint32_t>(at);
        at += 4;
        return v;
    }
    QByteArray string()
    {
        const std::uint32_t n = u32();
        if (!ok || std::uint32_t(end - at) < n) {
            ok = false;
            return {};
        }
        QByteArray s(at, int(n));
        at += n;
        return s;
    }
};

} // namespace

QByteArray init()
{
    QByteArray out = begin(Init, 0);
    putU32(out, 3);
    finish(out);
    return out;
}

QByteArray open(std::uint32_t id, const QByteArray &path, std::uint32_t flags, int permissions)
{
    QByteArray out = begin(Open, id, 32 + path.size());
    putString(out, path);
    putU32(out, flags);
    putU32(out, AttrPermissions);
    putU32(out, std::uint32_t(permissions));
    finish(out);
    return out;
}

QByteArray write(std::uint32_t id, const QByteArray &handle, std::uint64_t offset, int size, char **data)
{
    QByteArray out = begin(Write, id, 32 + handle.size() + size);
    putString(out, handle);
    putU64(out, offset);
    putU32(out, std::uint32_t(size));
    const int header = out.size();
    out.resize(header + size);
    *data = out.data() + header;
    finish(out);
    return out;
}

QByteArray setPermissions(std::uint32_t id, const QByteArray &handle, int permissions)
{
    QByteArray out = begin(Fsetstat, id);
    putString(out, handle);
    putU32(out, AttrPermissions);
    putU32(out, std::uint32_t(permissions));
    finish(out);
    return out;
}

QByteArray close(std::uint32_t id, const QByteArray &handle)
{
    QByteArray out = begin(Close, id);
    putString(out, handle);
    finish(out);
    return out;
}

bool ReplyReader::next(Reply *reply)
{
    if (m_malformed)
        return false;
    const int available = m_buffer.size() - m_at;
    if (available < 4)
        return false;
    const std::uint32_t length = qFromBigEndian<std::uint32_t>(m_buffer.constData() + m_at);
    if (length < 5 || length > MaxPacket) {
        m_malformed = true;
        return false;
    }
    if (std::uint32_t(available - 4) < length)
        return false;
    const char *payload = m_buffer.constData() + m_at + 4;
    Fields f{payload + 1, payload + length};
    *reply = Reply{};
    reply->type = std::uint8_t(payload[0]);
    reply->id = f.u32();
    switch (reply->type) {
    case StatusReply:
        reply->status = f.u32();
        // Version 3 servers may leave out the text and language tag.
        if (f.at < f.end)
            reply->message = f.string();
        break;
    case HandleReply:
        reply->handle = f.string();
        break;
    case Version:
        while (f.ok && f.at < f.end) {
            reply->extensions.append(f.string());
            (void)f.string(); // its data
        }
        break;
    default: // ATTRS and anything else: only the id matters
        break;
    }
    if (!f.ok) {
        m_malformed = true;
        return false;
    }
    m_at += int(4 + length);
    // Drop what was read once it is most of the buffer (amortised).
    if (m_at > 65536 && m_at * 2 > m_buffer.size()) {
        m_buffer.remove(0, m_at);
        m_at = 0;
    }
    return true;
}

} // namespace tardigrade::sftp
