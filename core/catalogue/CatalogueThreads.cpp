#include "CatalogueThreads.h"

#include <thread>
#include <vector>

namespace tardigrade {

void forEachOnThreads(int count, int threads, CatalogueReader &own, const CatalogueFactory &make,
                      const ClientConfig &config, const std::atomic_bool *cancel,
                      const std::function<void(int, CatalogueReader &)> &job)
{
    std::atomic_int next{0};
    const auto work = [&](CatalogueReader &reader) {
        for (int i = next++; i < count; i = next++) {
            if (cancel && cancel->load())
                return;
            job(i, reader);
        }
    };
    const int helpers = make ? qMin(threads, count) - 1 : 0;
    std::vector<std::thread> pool;
    pool.reserve(size_t(qMax(helpers, 0)));
    for (int t = 0; t < helpers; ++t)
        pool.emplace_back([&] {
            const std::unique_ptr<Catalogue> catalogue = make(config);
            work(*catalogue);
        });
    work(own);
    for (std::thread &t : pool)
        t.join();
}

void forEachOnCatalogues(int count, int threads, const CatalogueFactory &make, const ClientConfig &config,
                         const std::atomic_bool *cancel, const std::function<void(int, Catalogue &)> &job)
{
    if (count <= 0 || !make)
        return;
    const std::unique_ptr<Catalogue> mine = make(config);
    forEachOnThreads(count, threads, *mine, make, config, cancel, [&](int i, CatalogueReader &reader) {
        job(i, static_cast<Catalogue &>(reader)); // each is one of make()'s catalogues
    });
}

} // namespace tardigrade
