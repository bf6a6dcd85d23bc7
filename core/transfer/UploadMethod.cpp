#include "UploadMethod.h"

#include "ChunkedUploader.h"
#include "PostUploader.h"
#include "StagingUploader.h"

namespace tardigrade {

QString uploadMethodName(UploadMethod method)
{
    switch (method) {
    case UploadMethod::Post:
        return QStringLiteral("post");
    case UploadMethod::Chunked:
        return QStringLiteral("chunked");
    case UploadMethod::Staging:
        return QStringLiteral("staging");
    }
    return {};
}

std::unique_ptr<Uploader> makeUploader(const UploaderOptions &options, Catalogue &catalogue)
{
    switch (options.method) {
    case UploadMethod::Staging:
        return std::make_unique<StagingUploader>(options.ssh, options.cancel, options.reads.get());
    case UploadMethod::Chunked:
        return std::make_unique<ChunkedUploader>(catalogue, options.chunkedAbove, options.reads.get());
    case UploadMethod::Post:
        break;
    }
    return std::make_unique<PostUploader>(catalogue, options.reads.get());
}

} // namespace tardigrade
