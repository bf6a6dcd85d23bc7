#pragma once

// For the portable seams (DatasetWalkerPortable, FolderListingPortable) and
// the tests that make such names (tests/common/TestHost.h): folder entries as std::filesystem lists them, because it sees every name as
// the filesystem holds it, where QDir silently leaves out a name it cannot
// decode (such an entry must be reported, not lost from view).

#include <QByteArray>
#include <QFile>
#include <QString>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace tardigrade::NativeName {

inline std::filesystem::path toPath(const QString &path)
{
#ifdef Q_OS_WIN
    return std::filesystem::path(path.toStdWString()); // drive letters and \\server\share alike
#else
    return std::filesystem::path(QFile::encodeName(path).toStdString());
#endif
}

// A name as text, and whether that text is what is on disk. Linux: bytes
// that are not UTF-8 (a real U+FFFD is fine). Windows: UTF-16 with a lone
// surrogate. Such an entry cannot be opened by the decoded name, nor its
// name sent to MyTardis.
struct Name {
    QString text;
    QByteArray utf8;
    bool valid = true;
};

inline Name of(const std::filesystem::path &fileName)
{
    Name n;
#ifdef Q_OS_WIN
    n.text = QString::fromStdWString(fileName.native());
    n.valid = n.text.isValidUtf16();
#else
    const std::string &raw = fileName.native();
    n.text = QString::fromUtf8(raw.data(), qsizetype(raw.size()));
    n.valid = !n.text.contains(QChar::ReplacementCharacter) || raw.find("\xEF\xBF\xBD") != std::string::npos;
#endif
    n.utf8 = n.text.toUtf8();
    return n;
}

struct Entry {
    std::filesystem::path path;
    Name name;
};

// A folder's entries, in the order the filesystem gives them. False with
// the reason when the folder could not be listed (completely: `out` holds
// what was read before the error).
inline bool list(const QString &folder, std::vector<Entry> *out, QString *error)
{
    std::error_code ec;
    std::filesystem::directory_iterator it(toPath(folder), std::filesystem::directory_options::none, ec);
    for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        out->push_back({it->path(), of(it->path().filename())});
    if (ec)
        *error = QString::fromLocal8Bit(ec.message().c_str());
    return !ec;
}

} // namespace tardigrade::NativeName
