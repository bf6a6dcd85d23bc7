#include "Formatting.h"

#include "sync/TestRunReport.h"
#include "util/TimeText.h"

#include <QCoreApplication>
#include <QLocale>


namespace tardigrade::ui {

QString formatBytes(qint64 bytes) { return tardigrade::formatBytes(bytes); }

QString formatLocalTime(const QDateTime &when)
{
    return localTimeText(when);
}

QString formatSpeed(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return {};
    return formatBytes(static_cast<qint64>(bytesPerSecond)) + QStringLiteral("/s");
}

namespace {
// tr() for the free functions of this file, under one context that lupdate
// (which cannot see through a lambda) and the program agree on.
struct Formatting {
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::Formatting)
};
} // namespace

QString formatEta(int seconds)
{
    if (seconds < 0)
        return {};
    // An estimate rounded down says "0 s" while bytes are still going:
    // the last seconds are not counted, only promised.
    if (seconds < 5)
        return Formatting::tr("a few seconds");
    if (seconds < 60)
        return Formatting::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return Formatting::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return Formatting::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace tardigrade::ui

namespace tardigrade::ui {

QString fileStateLabel(FileState state)
{
    // Not the core's fileStateName(): that is the journal's word, this one
    // is read by people and translated.
    switch (state) {
    case FileState::Found:
        return Formatting::tr("Found");
    case FileState::Hashing:
        return Formatting::tr("Hashing");
    case FileState::Hashed:
        return Formatting::tr("Hashed");
    case FileState::Registered:
        return Formatting::tr("Registered");
    case FileState::Transferring:
        return Formatting::tr("Transferring");
    case FileState::Uploaded:
        return Formatting::tr("Uploaded");
    case FileState::Verifying:
        return Formatting::tr("Verifying");
    case FileState::Verified:
        return Formatting::tr("Verified");
    case FileState::Failed:
        return Formatting::tr("Failed");
    case FileState::Conflict:
        //: The server holds a different file under this name
        return Formatting::tr("Conflict");
    case FileState::Unreadable:
        //: The user running Tardigrade may not read the file or folder
        return Formatting::tr("Cannot read");
    }
    return {};
}

} // namespace tardigrade::ui
