#include "ScanTypes.h"

#include "FolderStructure.h"

namespace tardigrade {

SkippedEntry SkippedEntry::unreadableFile(const QString &path, const QString &why)
{
    return {path, QStringLiteral("cannot be read: %1").arg(why), Unreadable::File, why};
}

SkippedEntry SkippedEntry::unreadableFolder(const QString &path, const QString &why, const QString &reason)
{
    return {path, reason.isEmpty() ? QStringLiteral("cannot be read: %1").arg(why) : reason, Unreadable::Folder, why};
}

QString ownerKindName(OwnerKind kind)
{
    switch (kind) {
    case OwnerKind::Username:
        return QStringLiteral("username");
    case OwnerKind::Email:
        return QStringLiteral("email");
    case OwnerKind::Group:
        return QStringLiteral("group");
    case OwnerKind::None:
        break;
    }
    return QStringLiteral("none");
}

namespace {
QString joined(const QString &instrument, const QString &name)
{
    if (instrument.isEmpty())
        return name;
    if (name.isEmpty())
        return instrument;
    return instrument + QStringLiteral(" - ") + name;
}
} // namespace

QString experimentTitle(const ScannedDataset &ds, const QString &folderStructure, const QString &instrumentName,
                        const QString &ownerFullName)
{
    using L = FolderStructure::Level;
    const std::optional<FolderStructure> fs = FolderStructure::find(folderStructure);
    if (!fs)
        return {};
    const QString instrument = instrumentName.isEmpty() ? ds.instrumentFolder : instrumentName;
    if (fs->has(L::Experiment)) {
        if (fs->has(L::UserGroup))
            return ds.groupFolder + QStringLiteral(" - ") + ds.experimentFolder;
        return ds.experimentFolder;
    }
    if (fs->has(L::FullName))
        return joined(instrument, ds.fullNameFolder);
    if (fs->has(L::UserGroup))
        return ds.groupFolder;
    if (fs->has(L::Username) || fs->has(L::Email)) {
        const QString who = ownerFullName.trimmed().isEmpty() ? ds.userFolder.trimmed() : ownerFullName;
        return joined(instrument, who);
    }
    return joined(instrument, ownerFullName.trimmed()); // Dataset
}

QString userNotFoundName(const QString &userFolder)
{
    return userFolder + QStringLiteral(" (USER NOT FOUND IN MYTARDIS)");
}

} // namespace tardigrade
