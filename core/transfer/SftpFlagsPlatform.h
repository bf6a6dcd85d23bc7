#pragma once

// The open flags libssh's sftp_open() takes are the system's own O_*
// values, which it translates into SFTP's; they come from <fcntl.h>, which
// MSVC has too. A header-only platform seam, so no other file includes it.
#include <fcntl.h>

namespace tardigrade::sftp_flags {
constexpr int Read = O_RDONLY;
constexpr int Write = O_WRONLY;
constexpr int Create = O_CREAT;
constexpr int Truncate = O_TRUNC;
} // namespace tardigrade::sftp_flags
