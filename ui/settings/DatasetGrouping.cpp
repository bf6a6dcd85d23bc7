#include "DatasetGrouping.h"

#include <QObject>

namespace tardigrade::ui {

bool usesUserGroups(const QString &folderStructure)
{
    return folderStructure.contains(QLatin1String("User Group"));
}

QString datasetGroupingFor(const QString &folderStructure)
{
    if (folderStructure.contains(QLatin1String("Experiment")))
        return QObject::tr("Experiment (named by the experiment folder)");
    if (folderStructure.contains(QLatin1String("Full Name")))
        return QObject::tr("Instrument Name - Full Name");
    if (usesUserGroups(folderStructure))
        return QObject::tr("Instrument Name - User Group");
    if (folderStructure.trimmed() == QLatin1String("Dataset"))
        return QObject::tr("Instrument Name");
    return QObject::tr("Instrument Name - Dataset Owner's Full Name");
}

} // namespace tardigrade::ui
