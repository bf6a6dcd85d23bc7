#include "FileMd5.h"

#include <QFile>
#include <memory>
#include <openssl/evp.h>

namespace tardigrade::standin {

std::optional<QString> fileMd5Hex(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return std::nullopt;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1)
        return std::nullopt;
    constexpr qint64 Block = qint64(1) << 20;
    std::unique_ptr<char[]> buffer(new char[Block]);
    for (;;) {
        const qint64 n = file.read(buffer.get(), Block);
        if (n < 0)
            return std::nullopt;
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx.get(), buffer.get(), size_t(n));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1)
        return std::nullopt;
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

} // namespace tardigrade::standin
