#pragma once

#include <QString>

#include <functional>

namespace tardigrade {

// The name a changed file is uploaded under when upload_changed_as_versions
// asks for it, MyTardis keeping one file per name in a dataset: the number
// goes before the last extension, as file managers name copies.
//   versionedName("frame_0001.tif", 2) == "frame_0001 (2).tif"
//   versionedName("notes", 3) == "notes (3)"; versionedName(".hidden", 2) == ".hidden (2)"
QString versionedName(const QString &name, int n);

// What the planner asks of one candidate name, in order (2), (3), …
enum class VersionSlot {
    Taken, // another file's (on the server, or a local file of the dataset): try the next number
    Ours,  // the server already holds this very content under it: take it
    Free,  // nobody has it: upload under it
};

// The first candidate versionedName(name, n), n = 2, 3, …, that `slot` calls
// Ours or Free (the rule: the lowest free number, unless an earlier one
// already holds the same content, so a second run does not upload it again).
// Empty only if none up to 9999 is.
QString firstVersionedName(const QString &name, const std::function<VersionSlot(const QString &)> &slot);

} // namespace tardigrade
