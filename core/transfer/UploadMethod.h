#pragma once

#include "SshEndpoint.h"
#include "Uploader.h"
#include "util/ReadTally.h"

#include <atomic>
#include <memory>

namespace tardigrade {

class Catalogue;

// How a run sends files, decided once when it starts (RunPreparation):
// staging when the installation's access is approved, else HTTP; large
// files by the chunk API when the server offers it.
enum class UploadMethod { Post, Chunked, Staging };

QString uploadMethodName(UploadMethod method); // "post", "chunked", "staging"

struct UploaderOptions {
    UploadMethod method = UploadMethod::Post;
    SshEndpoint ssh;                      // staging
    qint64 chunkedAbove = qint64(100) << 20; // chunked: smaller files go by POST
    const std::atomic_bool *cancel = nullptr;
    // What the run's uploaders read from local files (and its hasher, which
    // RunContext hands the same tally): a new one for each run's options,
    // shared by their copies, so each run counts its own reads.
    std::shared_ptr<ReadTally> reads = std::make_shared<ReadTally>();
};

// The uploader of one worker thread; `catalogue` is that thread's own.
std::unique_ptr<Uploader> makeUploader(const UploaderOptions &options, Catalogue &catalogue);

} // namespace tardigrade
