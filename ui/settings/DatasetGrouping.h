#pragma once

#include "scan/ScanTypes.h"

#include <QString>

namespace tardigrade::ui {

// The title experiments get under a folder structure, as the run will make
// it (scan's experimentTitle) for a sample dataset: the instrument name as
// typed, the folders as placeholders ("Titan Krios - <owner's full name>",
// "<group folder> - <experiment folder>"). MyData's dialog showed a fixed
// "dataset grouping"; this one follows the instrument name too.
QString experimentTitlePreview(const QString &folderStructure, const QString &instrumentName);
// Whether the structure has a User Group level, where group_prefix applies.
bool usesUserGroups(const QString &folderStructure);
// Who the top folders name under the structure (None: no such folder).
OwnerKind ownerFoldersOf(const QString &folderStructure);

} // namespace tardigrade::ui
