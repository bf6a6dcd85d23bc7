#include "DatasetGrouping.h"

#include "scan/FolderStructure.h"

#include <QObject>

namespace tardigrade::ui {

bool usesUserGroups(const QString &folderStructure)
{
    return folderStructure.contains(QLatin1String("User Group"));
}

OwnerKind ownerFoldersOf(const QString &folderStructure)
{
    const std::optional<FolderStructure> fs = FolderStructure::find(folderStructure);
    return fs ? fs->ownerKind() : OwnerKind::None;
}

QString experimentTitlePreview(const QString &folderStructure, const QString &instrumentName)
{
    ScannedDataset sample;
    sample.userFolder = QObject::tr("<user folder>");
    sample.groupFolder = QObject::tr("<group folder>");
    sample.experimentFolder = QObject::tr("<experiment folder>");
    sample.fullNameFolder = QObject::tr("<full name folder>");
    sample.instrumentFolder = QObject::tr("<instrument name>");
    const bool facilityOwns = ownerFoldersOf(folderStructure) == OwnerKind::None;
    // Under "Dataset" everything belongs to the facility account.
    const QString owner = facilityOwns ? QObject::tr("<facility account's full name>")
                                       : QObject::tr("<owner's full name>");
    return experimentTitle(sample, folderStructure, instrumentName.trimmed(), owner);
}

} // namespace tardigrade::ui
