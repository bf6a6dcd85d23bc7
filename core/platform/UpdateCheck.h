#pragma once

#include "ReleaseFeed.h"
#include "settings/NetworkSettings.h"

#include <QDateTime>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;


namespace tardigrade {

// The opt-in check for a newer release (check_for_updates, off by
// default): at most once a day it reads the release feed in the background
// and says when the feed names a later version than this one. It never
// blocks (one asynchronous request, a short timeout), never retries sooner,
// and stays quiet when the feed cannot be read: an instrument PC without
// internet access must not be told so every day. The engine knows nothing
// of it; the tray app owns one and turns newerRelease() into a notice.
class UpdateCheck : public QObject {
    Q_OBJECT
public:
    static constexpr int TimeoutMs = 10 * 1000;
    static constexpr qint64 IntervalSecs = 24 * 60 * 60;

    explicit UpdateCheck(const QString &currentVersion, QObject *parent = nullptr);
    ~UpdateCheck() override;

    // From the settings: whether to check at all, and the feed (empty:
    // ReleaseFeed::DefaultUrl). Turning it off drops a request under way.
    // `network`: the proxy and site authority of the settings (ca_certificate,
    // proxy), as the catalogue client uses them.
    void configure(bool enabled, const QString &feedUrl, const NetworkSettings &network = {});
    bool isEnabled() const { return m_enabled; }
    QUrl feedUrl() const { return m_feed; }

    // When the feed was last read (kept by the owner across restarts);
    // invalid: never.
    void setLastChecked(const QDateTime &when) { m_lastChecked = when; }
    QDateTime lastChecked() const { return m_lastChecked; }
    bool isChecking() const { return m_reply; }

public slots:
    // Reads the feed when enabled and a day has passed since the last
    // check; otherwise does nothing. Also called every hour while enabled,
    // so a tray app left running for weeks still checks daily.
    void checkIfDue();

signals:
    void newerRelease(const tardigrade::ReleaseInfo &release);
    // A check ended (whatever it found, or not): `when` it started, to be
    // kept for setLastChecked() after a restart.
    void checked(const QDateTime &when);

private:
    void onFinished(QNetworkReply *reply, const QDateTime &started);

    QString m_current;
    QNetworkAccessManager *m_network = nullptr; // made on the first check
    QPointer<QNetworkReply> m_reply;
    QTimer m_hourly;
    QUrl m_feed;
    NetworkSettings m_networkSettings;
    QDateTime m_lastChecked;
    bool m_enabled = false;
};

} // namespace tardigrade
