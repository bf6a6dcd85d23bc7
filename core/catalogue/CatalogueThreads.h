#pragma once

#include "Catalogue.h"

#include <atomic>
#include <functional>

namespace tardigrade {

// Runs job(i, reader) for every i in [0, count) on up to `threads` threads
// at once, so N independent look-ups wait for about N / threads round trips
// instead of N. The calling thread works with `own`; every other thread with
// a catalogue of its own made by `make` (a client belongs to the thread that
// made it). Without `make`, or with one thread, all runs here, in order.
// Takes no new work once `cancel` is set. Each i is done once, by one thread:
// a job may write its own slot of a result vector without a lock.
void forEachOnThreads(int count, int threads, CatalogueReader &own, const CatalogueFactory &make,
                      const ClientConfig &config, const std::atomic_bool *cancel,
                      const std::function<void(int, CatalogueReader &)> &job);

// The same where the jobs write too: every thread, this one included, works
// with a catalogue of its own made by `make`.
void forEachOnCatalogues(int count, int threads, const CatalogueFactory &make, const ClientConfig &config,
                         const std::atomic_bool *cancel, const std::function<void(int, Catalogue &)> &job);

} // namespace tardigrade
