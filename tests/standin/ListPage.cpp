#include "ListPage.h"

#include <QUrl>

namespace tardigrade::standin {

bool ListPage::parse(const ApiRequest &request)
{
    bool ok = true;
    if (request.hasParam(QStringLiteral("limit"))) {
        m_limit = request.param(QStringLiteral("limit")).toInt(&ok);
        if (!ok || m_limit < 0)
            return false;
    }
    if (m_limit == 0 || m_limit > kMaxLimit)
        m_limit = kMaxLimit;
    if (request.hasParam(QStringLiteral("offset"))) {
        m_offset = request.param(QStringLiteral("offset")).toInt(&ok);
        if (!ok || m_offset < 0)
            return false;
    }
    return true;
}

QString ListPage::pageUri(const ApiRequest &request, int offset) const
{
    QString uri = request.path + QLatin1Char('?');
    QStringList parts;
    for (const auto &kv : request.query) {
        if (kv.first == QLatin1String("limit") || kv.first == QLatin1String("offset"))
            continue;
        parts << QString::fromLatin1(QUrl::toPercentEncoding(kv.first)) + QLatin1Char('=') +
                     QString::fromLatin1(QUrl::toPercentEncoding(kv.second));
    }
    parts << QStringLiteral("limit=%1").arg(m_limit) << QStringLiteral("offset=%1").arg(offset);
    return uri + parts.join(QLatin1Char('&'));
}

QJsonObject ListPage::answer(const ApiRequest &request, qint64 totalCount, const QJsonArray &objects) const
{
    QJsonObject meta;
    meta.insert(QStringLiteral("limit"), m_limit);
    meta.insert(QStringLiteral("offset"), m_offset);
    meta.insert(QStringLiteral("total_count"), totalCount);
    meta.insert(QStringLiteral("next"), m_offset + m_limit < totalCount
                                            ? QJsonValue(pageUri(request, m_offset + m_limit))
                                            : QJsonValue(QJsonValue::Null));
    meta.insert(QStringLiteral("previous"), m_offset - m_limit >= 0 ? QJsonValue(pageUri(request, m_offset - m_limit))
                                                                    : QJsonValue(QJsonValue::Null));
    QJsonObject root;
    root.insert(QStringLiteral("meta"), meta);
    root.insert(QStringLiteral("objects"), objects);
    return root;
}

QJsonObject ListPage::emptyAnswer(const ApiRequest &request)
{
    ListPage page;
    page.parse(request);
    return page.answer(request, 0, {});
}

} // namespace tardigrade::standin
