#pragma once

#include <QString>

namespace tardigrade::ui {

// How datasets are grouped into experiments for a folder structure, as
// MyData's dialog showed it (read-only: it follows from the structure).
QString datasetGroupingFor(const QString &folderStructure);
// Whether the structure has a User Group level, where group_prefix applies.
bool usesUserGroups(const QString &folderStructure);

} // namespace tardigrade::ui
