#include "BuildInfo.h"

namespace tardigrade::BuildInfo {

// Which implementation of the platform seams this build linked; said by the
// seam itself so that no define tells it (see tardigrade_pick_seams()).
QString ioBackend() { return QStringLiteral("POSIX"); }

} // namespace tardigrade::BuildInfo
