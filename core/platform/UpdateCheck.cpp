#include "UpdateCheck.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace tardigrade {

namespace {
Q_LOGGING_CATEGORY(lcUpdate, "tardigrade.update")

// A release answer is a few kB; anything much bigger is not one.
constexpr qint64 MaxAnswerBytes = 1024 * 1024;
} // namespace

UpdateCheck::UpdateCheck(const QString &currentVersion, QObject *parent)
    : QObject(parent), m_current(currentVersion), m_feed(QString::fromLatin1(ReleaseFeed::DefaultUrl))
{
    qRegisterMetaType<ReleaseInfo>();
    m_hourly.setInterval(60 * 60 * 1000);
    connect(&m_hourly, &QTimer::timeout, this, &UpdateCheck::checkIfDue);
}

UpdateCheck::~UpdateCheck()
{
    if (m_reply)
        m_reply->abort();
}

void UpdateCheck::configure(bool enabled, const QString &feedUrl, const NetworkSettings &network)
{
    m_enabled = enabled;
    m_networkSettings = network;
    if (m_network)
        m_network->setProxy(network.proxy.value_or(QNetworkProxy(QNetworkProxy::DefaultProxy)));
    const QString url = feedUrl.trimmed();
    m_feed = QUrl(url.isEmpty() ? QString::fromLatin1(ReleaseFeed::DefaultUrl) : url);
    if (enabled) {
        if (!m_hourly.isActive())
            m_hourly.start();
        return;
    }
    m_hourly.stop();
    if (m_reply)
        m_reply->abort();
}

void UpdateCheck::checkIfDue()
{
    if (!m_enabled || m_reply || !m_feed.isValid())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // A last check in the future is a clock that went back: check now.
    if (m_lastChecked.isValid() && m_lastChecked <= now && m_lastChecked.secsTo(now) < IntervalSecs)
        return;
    m_lastChecked = now; // a failed check waits a day too: offline PCs stay quiet
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_networkSettings.applyTo(*m_network);
    }
    QNetworkRequest request(m_feed);
    if (!m_networkSettings.siteAuthorities.isEmpty())
        request.setSslConfiguration(m_networkSettings.sslConfiguration());
    request.setTransferTimeout(TimeoutMs);
    // GitHub's API refuses requests without a User-Agent.
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Tardigrade/%1").arg(m_current));
    request.setRawHeader("Accept", "application/vnd.github+json");
    m_reply = m_network->get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, now] { onFinished(reply, now); });
}

void UpdateCheck::onFinished(QNetworkReply *reply, const QDateTime &started)
{
    reply->deleteLater();
    const bool current = reply == m_reply;
    m_reply = nullptr;
    if (!current || !m_enabled)
        return; // turned off meanwhile: nothing to say
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        qCInfo(lcUpdate).noquote() << "Update check: could not read" << m_feed.toString() << "-"
                                   << reply->errorString();
    } else if (const auto release = ReleaseFeed::parse(reply->read(MaxAnswerBytes))) {
        if (ReleaseFeed::isNewer(release->version, m_current))
            emit newerRelease(*release);
        else
            qCInfo(lcUpdate).noquote() << "Update check: the latest release is" << release->version
                                       << "- this is" << m_current;
    } else {
        qCInfo(lcUpdate).noquote() << "Update check: no release in the answer of" << m_feed.toString();
    }
    emit checked(started);
}

} // namespace tardigrade
