#include "Plan.h"

#include <QSet>

namespace tardigrade {

QString fileDecisionName(FileDecision decision)
{
    switch (decision) {
    case FileDecision::Upload:
        return QStringLiteral("upload");
    case FileDecision::Resume:
        return QStringLiteral("resume");
    case FileDecision::Verify:
        return QStringLiteral("verify");
    case FileDecision::AlreadyVerified:
        return QStringLiteral("already verified");
    case FileDecision::Skipped:
        return QStringLiteral("skipped");
    case FileDecision::Conflict:
        return QStringLiteral("conflict");
    }
    return {};
}

QString catalogueActionName(CatalogueAction action)
{
    switch (action) {
    case CatalogueAction::Reuse:
        return QStringLiteral("reuse");
    case CatalogueAction::Create:
        return QStringLiteral("created");
    case CatalogueAction::WouldCreate:
        return QStringLiteral("would create");
    case CatalogueAction::Skip:
        return QStringLiteral("skip");
    }
    return {};
}

int Plan::count(FileDecision decision) const
{
    int n = 0;
    for (const PlannedDataset &d : datasets)
        for (const PlannedFile &f : d.files)
            n += f.decision == decision;
    return n;
}

int Plan::found() const
{
    int n = int(unreadable.size());
    for (const PlannedDataset &d : datasets)
        for (const PlannedFile &f : d.files)
            n += f.decision != FileDecision::Skipped;
    return n;
}

int Plan::skippedReadable() const
{
    // An unreadable file inside a dataset is also listed there as skipped.
    QSet<QString> unreadablePaths;
    for (const FailedFile &f : unreadable)
        unreadablePaths.insert(f.path);
    int n = 0;
    for (const PlannedDataset &d : datasets)
        for (const PlannedFile &f : d.files)
            n += f.decision == FileDecision::Skipped && !unreadablePaths.contains(f.absolutePath);
    return n;
}

qint64 Plan::bytes(FileDecision decision) const
{
    qint64 n = 0;
    for (const PlannedDataset &d : datasets)
        for (const PlannedFile &f : d.files)
            if (f.decision == decision)
                n += f.size;
    return n;
}

} // namespace tardigrade
