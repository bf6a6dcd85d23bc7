#pragma once

#include <QByteArray>
#include <cstddef>

struct evp_md_ctx_st;

namespace tardigrade {

// Incremental MD5 over OpenSSL EVP (the digest MyTardis stores and checks on
// every datafile). Not copyable: it owns an EVP context.
class Md5 {
public:
    Md5();
    ~Md5();
    Md5(const Md5 &) = delete;
    Md5 &operator=(const Md5 &) = delete;

    void update(const char *data, std::size_t size);
    void update(const QByteArray &data) { update(data.constData(), std::size_t(data.size())); }
    QByteArray finalRaw();                               // 16 bytes; the object is reset afterwards
    QByteArray finalHex() { return finalRaw().toHex(); } // 32 lowercase hex digits
    void reset();

    static QByteArray hex(const QByteArray &data); // one-shot convenience

private:
    evp_md_ctx_st *m_ctx = nullptr;
};

} // namespace tardigrade
