#pragma once

namespace tardigrade {

// Whether a person is at the other end of a standard stream: the command
// line shows a live progress line on a terminal's stderr and prompts on a
// terminal's stdin, and stays quiet for pipes, files and services. A
// platform seam: TerminalPosix.cpp (isatty) or TerminalPortable.cpp
// (_isatty on Windows; elsewhere the portable build assumes no terminal).
namespace Terminal {
enum class Stream { Input, Error };
bool isInteractive(Stream stream);
} // namespace Terminal

} // namespace tardigrade
