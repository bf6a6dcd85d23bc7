#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>
#include <optional>

namespace tardigrade {

// Where log lines go: every line of level `fileLevel` and above to a log
// file a facility manager can send to support (rotated at 5 MB, three
// generations kept), lines of `stderrLevel` and above to stderr, and every
// line that reaches the handler to an optional sink (the GUI's Log tab
// takes the debug lines from it). Installs Qt's message handler; one per
// process.
class LogFile {
public:
    using Sink = std::function<void(QtMsgType type, const char *category, const QString &message)>;

    static void install(const QString &path, QtMsgType stderrLevel, QtMsgType fileLevel = QtInfoMsg);
    static void setSink(Sink sink);
    static QString path();
    // Debug logging on or off while running (the GUI's toggle): the debug
    // lines of every tardigrade.* category reach the file and the sink.
    static void setDebug(bool on);
    static bool isDebug();

    // The level a user names (`--loglevel`): debug, info, warning or error,
    // the words the file's lines carry; nullopt for anything else.
    static std::optional<QtMsgType> levelNamed(const QString &name);

    // "2026-11-24 05:12:09.123 warning tardigrade.sync: text"
    static QString format(QtMsgType type, const char *category, const QString &message);
    static constexpr qint64 RotateBytes = 5 * 1000 * 1000;
};

} // namespace tardigrade
