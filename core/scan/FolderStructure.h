#pragma once

#include "ScanTypes.h"

#include <QString>
#include <QVector>

#include <optional>

namespace tardigrade {

// The ten folder structures of MyData.cfg as data: each is a list of levels
// from the data directory down to the dataset folder, and the scanner walks
// any such list. Adding a structure is adding a row, not a code path.
class FolderStructure {
public:
    enum class Level {
        Username,   // folder named after a MyTardis username (owner)
        Email,      // folder named after a user's email (owner)
        UserGroup,  // folder named after a group, without group_prefix (owner)
        Instrument, // folder named after the instrument (only instrument_name's folder is taken)
        FullName,   // folder named after a person's full name (used in the title only)
        Experiment, // folder named after an experiment (files directly in it: __EXPERIMENT_FILES__)
        MyTardis,   // a literal folder called "MyTardis" (any case)
        Dataset,    // the dataset folder: everything below it is its files
    };

    FolderStructure() = default;
    FolderStructure(QString name, QVector<Level> levels) : m_name(std::move(name)), m_levels(std::move(levels)) {}

    const QString &name() const { return m_name; }
    const QVector<Level> &levels() const { return m_levels; }
    bool has(Level level) const { return m_levels.contains(level); }
    OwnerKind ownerKind() const;
    bool isValid() const { return !m_levels.isEmpty(); }

    static const QVector<FolderStructure> &all();
    // By its name as spelled in MyData.cfg; spaces around the slashes and
    // letter case are forgiven.
    static std::optional<FolderStructure> find(const QString &name);

private:
    QString m_name;
    QVector<Level> m_levels;
};

} // namespace tardigrade
