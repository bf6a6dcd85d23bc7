#include "TestRunReport.h"

#include "util/TimeText.h"

#include <QLocale>
#include <QSet>

namespace tardigrade {

QString formatBytes(qint64 bytes)
{
    // Decimal units, as file managers and MyTardis show them.
    return QLocale::c().formattedDataSize(bytes, bytes < 1000 ? 0 : 1, QLocale::DataSizeSIFormat);
}

namespace {

QString relativeName(const PlannedFile &f)
{
    return f.directory.isEmpty() ? f.name : f.directory + QLatin1Char('/') + f.name;
}

QString fileLine(const PlannedFile &f)
{
    QString line = QStringLiteral("      %1  %2 (%3)")
                       .arg(fileDecisionName(f.decision).leftJustified(16), relativeName(f), formatBytes(f.size));
    if (!f.reason.isEmpty())
        line += QStringLiteral(": ") + f.reason;
    return line;
}

} // namespace

QString testRunVerdict(const Plan &plan)
{
    const int n = int(plan.settingsProblems.size());
    return n == 1 ? QStringLiteral("An upload with these settings would not start: fix the settings problem "
                                   "above first.")
                  : QStringLiteral("An upload with these settings would not start: fix the %1 settings problems "
                                   "above first.")
                        .arg(n);
}

QString testRunUnreadableVerdict(const Plan &plan)
{
    const int n = int(plan.unreadable.size());
    if (n == 0)
        return {};
    return (n == 1 ? QStringLiteral("An upload would send the rest but not the file or folder it cannot read "
                                    "(CANNOT READ above), and end with exit code 2: give the user running "
                                    "Tardigrade permission to read it.")
                   : QStringLiteral("An upload would send the rest but not the %1 files or folders it cannot read "
                                    "(CANNOT READ above), and end with exit code 2: give the user running "
                                    "Tardigrade permission to read them.")
                         .arg(n));
}

QString renderTestRunReport(const Plan &plan, const QDateTime &when)
{
    QStringList out;
    out << QStringLiteral("Tardigrade Test Run, %1").arg(localTimeText(when));
    out << QString();

    out << QStringLiteral("Settings");
    if (plan.settingsProblems.isEmpty())
        out << QStringLiteral("  OK: the settings are valid and the server accepts them.");
    for (const QString &p : plan.settingsProblems)
        out << QStringLiteral("  PROBLEM: ") + p;
    if (!plan.settingsProblems.isEmpty())
        out << QStringLiteral("  VERDICT: ") + testRunVerdict(plan);
    for (const QString &n : plan.notes)
        out << QStringLiteral("  NOTE: ") + n;
    if (plan.uploadMethod == QLatin1String("staging"))
        out << QStringLiteral("  Upload method: SCP to staging");
    else if (plan.uploadMethod == QLatin1String("chunked"))
        out << QStringLiteral("  Upload method: HTTP POST (large files in resumable chunks)");
    else if (!plan.uploadMethod.isEmpty())
        out << QStringLiteral("  Upload method: HTTP POST");
    for (const QString &p : plan.scanProblems)
        out << QStringLiteral("  SCAN: ") + p;
    for (const FailedFile &f : plan.unreadable) // the upload would fail on these
        out << QStringLiteral("  CANNOT READ: ") + f.reason;
    if (plan.settingsProblems.isEmpty() && !plan.unreadable.isEmpty()) // else the upload would not start at all
        out << QStringLiteral("  VERDICT: ") + testRunUnreadableVerdict(plan);
    out << QString();

    out << QStringLiteral("Datasets");
    if (plan.datasets.isEmpty())
        out << QStringLiteral("  (none found)");
    QSet<QString> experimentsCreated, experimentsReused;
    int datasetsCreated = 0;
    for (const PlannedDataset &d : plan.datasets) {
        QString owner = d.ownerFolder;
        if (!d.ownerResolved.isEmpty() && d.ownerResolved != d.ownerFolder)
            owner += QStringLiteral(" -> ") + d.ownerResolved;
        out << QStringLiteral("  %1").arg(owner.isEmpty() ? QStringLiteral("(no owner folder)") : owner);
        if (!d.ownerNote.isEmpty())
            out << QStringLiteral("    note: ") + d.ownerNote;
        if (d.experimentAction == CatalogueAction::Skip) {
            out << QStringLiteral("    dataset \"%1\": skipped").arg(d.datasetName);
            continue;
        }
        out << QStringLiteral("    experiment \"%1\": %2%3")
                   .arg(d.experimentTitle, catalogueActionName(d.experimentAction),
                        d.experimentId ? QStringLiteral(" (#%1)").arg(d.experimentId) : QString());
        (d.experimentAction == CatalogueAction::Reuse ? experimentsReused : experimentsCreated)
            .insert(d.experimentTitle);
        out << QStringLiteral("    dataset \"%1\": %2%3")
                   .arg(d.datasetName, catalogueActionName(d.datasetAction),
                        d.datasetId ? QStringLiteral(" (#%1)").arg(d.datasetId) : QString());
        datasetsCreated += d.datasetAction != CatalogueAction::Reuse;
        for (const PlannedFile &f : d.files)
            out << fileLine(f);
    }
    out << QString();

    out << QStringLiteral("Summary");
    out << QStringLiteral("  experiments: %1 to create, %2 to reuse")
               .arg(experimentsCreated.size())
               .arg(experimentsReused.size());
    out << QStringLiteral("  datasets: %1 in all, %2 to create").arg(plan.datasets.size()).arg(datasetsCreated);
    // Found counts what cannot be read (one entry per file or folder), as
    // the upload's summary does; it is not among the skipped.
    QString files = QStringLiteral("  files: %1 found, %2 to upload (%3), %4 to resume, %5 to verify, %6 already "
                                   "verified, %7 skipped")
                        .arg(plan.found())
                        .arg(plan.count(FileDecision::Upload))
                        .arg(formatBytes(plan.bytes(FileDecision::Upload)))
                        .arg(plan.count(FileDecision::Resume))
                        .arg(plan.count(FileDecision::Verify))
                        .arg(plan.count(FileDecision::AlreadyVerified))
                        .arg(plan.skippedReadable());
    if (!plan.unreadable.isEmpty())
        files += QStringLiteral(", %1 cannot be read").arg(plan.unreadable.size());
    out << files;
    if (const int conflicts = plan.count(FileDecision::Conflict); conflicts > 0)
        out << QStringLiteral("  conflicts: %1 (MyTardis holds another file under the same name; an upload "
                              "reports them and sends nothing for them)")
                   .arg(conflicts);
    out << QString();
    out << QStringLiteral("This was a Test Run: nothing was created or uploaded on the server.");
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace tardigrade
