#include "Md5.h"

#include <cstdlib>
#include <openssl/evp.h>

namespace tardigrade {

namespace {
// Fetched once: an explicit fetch avoids the implicit provider look-up that
// EVP_md5() costs on every EVP_DigestInit with OpenSSL 3.
EVP_MD *md5Algorithm()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "MD5", nullptr);
    return md;
}
} // namespace

Md5::Md5() : m_ctx(EVP_MD_CTX_new())
{
    reset();
}

Md5::~Md5()
{
    EVP_MD_CTX_free(m_ctx);
}

void Md5::reset()
{
    // MD5 is always present in the default provider; without it nothing can
    // be uploaded, so failing loudly is right.
    if (!md5Algorithm() || EVP_DigestInit_ex2(m_ctx, md5Algorithm(), nullptr) != 1)
        std::abort();
}

void Md5::update(const char *data, std::size_t size)
{
    if (size > 0)
        EVP_DigestUpdate(m_ctx, data, size);
}

QByteArray Md5::finalRaw()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, out, &len);
    reset();
    return QByteArray(reinterpret_cast<const char *>(out), int(len));
}

QByteArray Md5::hex(const QByteArray &data)
{
    Md5 md5;
    md5.update(data);
    return md5.finalHex();
}

} // namespace tardigrade
