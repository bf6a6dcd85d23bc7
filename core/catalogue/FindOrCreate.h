#pragma once

#include "CatalogueLock.h"
#include "util/Clock.h"
#include "util/Retry.h"

#include <optional>

namespace tardigrade {

// What findOrCreate() found, or had made.
template <typename T>
struct FoundOrMade {
    T value;
    // Not there, and the writer's create answered (id 0 if it only
    // recorded). Found after a create's answer was lost counts as found: it
    // may not be new and empty (createOrFind).
    bool made = false;
};

// The one shape of every object a run may create (the instrument,
// experiments, datasets): look it up; when it is missing, take the
// installation's catalogue lock and look again (another thread or process
// may have made it meanwhile), then create it, looking it up before
// repeating a create whose answer was lost (createOrFind). `whileLocked`
// runs on what was made before the lock is released (sharing an experiment
// before anyone can see it half made). `find` answers
// Result<std::optional<T>>, `create` Result<T>, `whileLocked` Status.
template <typename T, typename Find, typename Create, typename WhileLocked>
Result<FoundOrMade<T>> findOrCreate(const QString &lockFile, const std::atomic_bool *cancel, const Clock &clock,
                                    Find find, Create create, WhileLocked whileLocked)
{
    auto found = find();
    if (!found)
        return found.error();
    if (found->has_value())
        return FoundOrMade<T>{**found, false};
    CatalogueLock lock(lockFile, cancel);
    if (Status s = lock.acquire(); !s)
        return s.error();
    found = find();
    if (!found)
        return found.error();
    if (found->has_value())
        return FoundOrMade<T>{**found, false};
    bool foundInstead = false;
    Result<T> made = createOrFind<T>(create, find, clock, cancel, &foundInstead);
    if (!made)
        return made.error();
    if (Status s = whileLocked(*made); !s)
        return s.error();
    return FoundOrMade<T>{*made, !foundInstead};
}

template <typename T, typename Find, typename Create>
Result<FoundOrMade<T>> findOrCreate(const QString &lockFile, const std::atomic_bool *cancel, const Clock &clock,
                                    Find find, Create create)
{
    return findOrCreate<T>(lockFile, cancel, clock, find, create, [](const T &) { return Status{}; });
}

} // namespace tardigrade
