#include "DataDirectoryGuard.h"

#include <QDir>
#include <QFileInfo>

namespace tardigrade {

namespace {

// Windows and macOS file names are case-insensitive by default: a path
// typed in the settings may differ in case from the disk's.
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
constexpr Qt::CaseSensitivity kNameCase = Qt::CaseInsensitive;
#else
constexpr Qt::CaseSensitivity kNameCase = Qt::CaseSensitive;
#endif

bool isBelow(const QString &path, const QString &root)
{
    return !root.isEmpty() && path.size() > root.size() + 1 && path.startsWith(root, kNameCase) &&
           (root.endsWith(QLatin1Char('/')) || path.at(root.size()) == QLatin1Char('/'));
}

} // namespace

DataDirectoryGuard::DataDirectoryGuard(const QString &dataDirectory)
    : m_given(QDir::cleanPath(QDir::fromNativeSeparators(dataDirectory))),
      m_canonical(QFileInfo(dataDirectory).canonicalFilePath())
{
}

QString DataDirectoryGuard::relativePath(const QString &path) const
{
    const QString cleaned = QDir::cleanPath(QDir::fromNativeSeparators(path));
    if (!isBelow(cleaned, m_given))
        return {};
    return cleaned.mid(m_given.size() + (m_given.endsWith(QLatin1Char('/')) ? 0 : 1));
}

Status DataDirectoryGuard::check(const QString &path) const
{
    if (m_canonical.isEmpty())
        return Error::permanent(QStringLiteral("the data directory %1 cannot be found")
                                    .arg(QDir::toNativeSeparators(m_given)));
    const QFileInfo info(path);
    // A link is never deleted: removing it frees nothing, and what it
    // points to is not the file the server checked.
    if (info.isSymbolicLink() || info.isJunction() || info.isShortcut())
        return Error::permanent(QStringLiteral("is a symbolic link"));
    if (!info.exists())
        return Error::permanent(QStringLiteral("no longer exists"));
    if (!info.isFile())
        return Error::permanent(QStringLiteral("is not a regular file"));
    const QString relative = relativePath(path);
    if (relative.isEmpty())
        return Error::permanent(QStringLiteral("is outside the data directory"));
    const QString real = info.canonicalFilePath();
    if (!isBelow(real, m_canonical))
        return Error::permanent(QStringLiteral("leads outside the data directory through a symbolic link"));
    // A link between the data directory and the file, even one that stays
    // inside, means the name the scan saw is not where the bytes are.
    const QString expected =
        m_canonical + (m_canonical.endsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + relative;
    if (real.compare(expected, kNameCase) != 0)
        return Error::permanent(QStringLiteral("is reached through a symbolic link"));
    return {};
}

} // namespace tardigrade
