#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <optional>

namespace tardigrade {

// A published release as the opt-in update check reads it.
struct ReleaseInfo {
    QString version; // "1.2.0" (the tag without its leading "v")
    QUrl notes;      // the release's page: notes and downloads
    QString body;    // the release notes' text (Markdown), for a tooltip at most
};

// The project's release feed: GitHub's "latest release" answer
// (https://docs.github.com/rest/releases/releases#get-the-latest-release),
// of which tag_name, html_url, body, draft and prerelease are read.
namespace ReleaseFeed {
// Where the feed is read when update_check_url is empty. One place, so a
// fork or a facility's mirror changes one line (or sets the key).
inline constexpr const char *DefaultUrl = "https://api.github.com/repos/mytardis/tardigrade/releases/latest";

// None for anything that is not a published release with a version tag
// and an http(s) page (a draft, a pre-release, an error answer, junk).
std::optional<ReleaseInfo> parse(const QByteArray &json);

// Whether `candidate` is a later version than `current`: dotted numbers
// compared number by number ("1.10" after "1.9"), a leading "v" and a
// suffix ("-rc1", "+build") ignored. False when either is no version.
bool isNewer(const QString &candidate, const QString &current);
} // namespace ReleaseFeed

} // namespace tardigrade

Q_DECLARE_METATYPE(tardigrade::ReleaseInfo)
