#pragma once

#include "util/Result.h"

#include <QString>

namespace tardigrade {

// Whether a file named for import (`tardigrade config import FILE`, the
// first-run dialog's Import) can be read as settings at all: one sentence
// when it is missing or a folder, for the CLI and the GUI alike.
Status checkImportable(const QString &source);

} // namespace tardigrade
