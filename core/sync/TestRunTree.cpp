#include "TestRunTree.h"

namespace tardigrade {

void FileCounts::add(const PlannedFile &file)
{
    switch (file.decision) {
    case FileDecision::Upload:
        ++upload;
        break;
    case FileDecision::Resume:
        ++resume;
        break;
    case FileDecision::Verify:
        ++verify;
        break;
    case FileDecision::AlreadyVerified:
        ++alreadyVerified;
        break;
    case FileDecision::Skipped:
        ++skipped;
        return; // a skipped file is not "found"
    case FileDecision::Conflict:
        ++conflict;
        break;
    }
    if (file.decision == FileDecision::Upload || file.decision == FileDecision::Resume)
        bytesToSend += file.size;
    bytesFound += file.size;
}

FileCounts &FileCounts::operator+=(const FileCounts &o)
{
    upload += o.upload;
    resume += o.resume;
    verify += o.verify;
    alreadyVerified += o.alreadyVerified;
    skipped += o.skipped;
    conflict += o.conflict;
    bytesToSend += o.bytesToSend;
    bytesFound += o.bytesFound;
    return *this;
}

namespace {

// The entry with this key, appended when there is none yet: the plan lists
// datasets, and an owner's (an experiment's) datasets need not be adjacent.
template <typename T, typename Same>
T &entryFor(QVector<T> &list, Same same)
{
    for (T &e : list)
        if (same(e))
            return e;
    list.append(T{});
    return list.last();
}

TestRunDataset datasetOf(const PlannedDataset &d)
{
    TestRunDataset out;
    out.name = d.datasetName;
    out.path = d.path;
    out.action = d.datasetAction;
    out.id = d.datasetId;
    for (const PlannedFile &f : d.files) {
        out.counts.add(f);
        if (f.decision != FileDecision::AlreadyVerified)
            out.files.append(f);
    }
    return out;
}

} // namespace

TestRunTree TestRunTree::fromPlan(const Plan &plan, const QDateTime &when)
{
    TestRunTree tree;
    tree.when = when;
    tree.settingsProblems = plan.settingsProblems;
    tree.notes = plan.notes;
    tree.uploadMethod = plan.uploadMethod;
    tree.scanProblems = plan.scanProblems;
    for (const FailedFile &f : plan.unreadable) // shown with them, each its own sentence
        tree.scanProblems << f.reason;
    tree.unreadable = int(plan.unreadable.size());
    for (const PlannedDataset &d : plan.datasets) {
        TestRunOwner &owner =
            entryFor(tree.owners, [&](const TestRunOwner &o) { return o.folder == d.ownerFolder; });
        // Every dataset of an owner folder says the same about the owner.
        owner.folder = d.ownerFolder;
        owner.kind = d.ownerKind;
        owner.resolved = d.ownerResolved;
        owner.note = d.ownerNote;
        TestRunExperiment &experiment = entryFor(owner.experiments, [&](const TestRunExperiment &e) {
            return e.title == d.experimentTitle && (e.action == CatalogueAction::Skip) ==
                                                       (d.experimentAction == CatalogueAction::Skip);
        });
        experiment.title = d.experimentTitle;
        experiment.action = d.experimentAction;
        experiment.id = d.experimentId;
        const TestRunDataset dataset = datasetOf(d);
        experiment.datasets.append(dataset);
        experiment.counts += dataset.counts;
        owner.counts += dataset.counts;
        tree.counts += dataset.counts;
    }
    // An unreadable file is a skipped row of its dataset, but in the totals
    // it is found and cannot be read (as in the report), not skipped too.
    tree.counts.skipped = plan.skippedReadable();
    return tree;
}

} // namespace tardigrade
