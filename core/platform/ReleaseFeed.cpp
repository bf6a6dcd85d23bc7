#include "ReleaseFeed.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QVersionNumber>

namespace tardigrade::ReleaseFeed {

namespace {

QString withoutV(const QString &tag)
{
    const QString t = tag.trimmed();
    return t.startsWith(QLatin1Char('v'), Qt::CaseInsensitive) ? t.mid(1) : t;
}

// Null unless the text starts with a number ("1.2.0-rc1" is 1.2.0).
QVersionNumber versionOf(const QString &text)
{
    qsizetype suffix = 0;
    const QVersionNumber v = QVersionNumber::fromString(withoutV(text), &suffix);
    return suffix > 0 ? v : QVersionNumber();
}

} // namespace

std::optional<ReleaseInfo> parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("draft")).toBool() || o.value(QStringLiteral("prerelease")).toBool())
        return std::nullopt;
    ReleaseInfo info;
    info.version = withoutV(o.value(QStringLiteral("tag_name")).toString());
    info.notes = QUrl(o.value(QStringLiteral("html_url")).toString());
    info.body = o.value(QStringLiteral("body")).toString();
    const QString scheme = info.notes.scheme();
    if (versionOf(info.version).isNull() || !info.notes.isValid() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return std::nullopt;
    return info;
}

bool isNewer(const QString &candidate, const QString &current)
{
    const QVersionNumber c = versionOf(candidate);
    const QVersionNumber now = versionOf(current);
    return !c.isNull() && !now.isNull() && QVersionNumber::compare(c, now) > 0;
}

} // namespace tardigrade::ReleaseFeed
