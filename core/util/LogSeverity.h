#pragma once

#include <QMetaType>

namespace tardigrade {

// How much a log line matters to the person reading the Log tab. Said by
// whoever writes the line, because the words alone do not tell: a server's
// error message reads like any other sentence.
enum class LogSeverity {
    Info,    // what happened: a run started, the schedule, a summary
    Warning, // worth a look: a note about the settings, a run with failed files
    Error,   // something did not work: unreadable settings, a run that stopped
};

} // namespace tardigrade

Q_DECLARE_METATYPE(tardigrade::LogSeverity)
