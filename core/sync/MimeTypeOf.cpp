#include "MimeTypeOf.h"

#include <QHash>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QStringList>

namespace tardigrade {

namespace {

const QMimeDatabase &database()
{
    static const QMimeDatabase db;
    return db;
}

bool isPlainSuffixPattern(const QString &pattern)
{
    if (!pattern.startsWith(QLatin1String("*.")))
        return false;
    const QString suffix = pattern.mid(2);
    return !suffix.contains(QLatin1Char('*')) && !suffix.contains(QLatin1Char('?')) &&
           !suffix.contains(QLatin1Char('[')) && suffix == suffix.toLower();
}

// The database's patterns that decide by more than a lower-case suffix:
// whole names (CMakeLists.txt, Makefile), README*, *.[1-9], case-sensitive
// ones (*.C). A name one of them may match is always asked of the database;
// every other name is decided by its suffix alone, so the answer can be kept.
const QRegularExpression &namesNotDecidedBySuffix()
{
    static const QRegularExpression re = [] {
        QStringList alternatives;
        for (const QMimeType &type : database().allMimeTypes())
            for (const QString &pattern : type.globPatterns())
                if (!isPlainSuffixPattern(pattern))
                    alternatives << QRegularExpression::wildcardToRegularExpression(
                        pattern, QRegularExpression::DefaultWildcardConversion);
        QRegularExpression all(alternatives.isEmpty() ? QStringLiteral("(?!)")
                                                      : QStringLiteral("(?:") +
                                                            alternatives.join(QStringLiteral(")|(?:")) +
                                                            QLatin1Char(')'),
                               QRegularExpression::CaseInsensitiveOption);
        all.optimize();
        return all;
    }();
    return re;
}

QString lookUp(const QString &fileName)
{
    const QMimeType t = database().mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    return t.isValid() && !t.isDefault() ? t.name() : QStringLiteral("application/octet-stream");
}

} // namespace

QString mimeTypeOf(const QString &fileName)
{
    if (namesNotDecidedBySuffix().match(fileName).hasMatch())
        return lookUp(fileName);
    // Decided by what follows the first dot ("x.tar.gz" by "tar.gz", case
    // kept); a name without one by the whole name.
    const int dot = fileName.indexOf(QLatin1Char('.'), 1);
    const QString key = dot < 0 ? QLatin1Char('/') + fileName : fileName.mid(dot + 1);
    thread_local QHash<QString, QString> known;
    const auto it = known.constFind(key);
    if (it != known.constEnd())
        return *it;
    const QString name = lookUp(fileName);
    if (known.size() < 4096) // a folder of unique suffixes must not grow it without bound
        known.insert(key, name);
    return name;
}

} // namespace tardigrade
