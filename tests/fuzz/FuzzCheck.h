#pragma once

// A property a fuzz target holds for every input: when it fails, abort, so
// libFuzzer keeps the input as a crash and prints it.

#include <cstdio>
#include <cstdlib>

namespace tardigrade::fuzz {

inline void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "%s\n", what);
        std::abort();
    }
}

} // namespace tardigrade::fuzz
