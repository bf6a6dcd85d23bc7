// tardigrade [--config FILE] scan [--json] [--files]
// Lists what the settings' data directory holds, as the uploader would see
// it, touching only the local disk (it works with no network at all).
#include "CommandContext.h"

#include "scan/ScanOptions.h"
#include "scan/ScanTypes.h"
#include "scan/Scanner.h"
#include "settings/Settings.h"
#include "settings/SettingsFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tardigrade::cli {

namespace {

int fail(CommandContext &ctx, const Error &e)
{
    ctx.err << "tardigrade: " << e.message << '\n';
    return e.kind == ErrorKind::User ? ExitUserError : ExitInternalError;
}

// The settings without the secret store: a scan needs no API key, and must
// not wait on a keychain (headless machines, benchmarks).
Result<Settings> loadSettings(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error::user(QStringLiteral("There is no settings file at %1; write one with 'tardigrade config set "
                                          "data_directory DIR' or pass --config FILE.")
                               .arg(QDir::toNativeSeparators(path)));
    if (info.isDir())
        return Error::user(QStringLiteral("The settings file %1 is a folder: give the path of a file.")
                               .arg(QDir::toNativeSeparators(path)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::user(QStringLiteral("The settings file %1 cannot be opened (%2): check its owner and "
                                          "permissions.")
                               .arg(QDir::toNativeSeparators(path), file.errorString()));
    return SettingsFile::parse(file.readAll(), path);
}

QString humanSize(qint64 bytes)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1000.0 && u < 5) {
        v /= 1000.0;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 B").arg(bytes) : QStringLiteral("%1 %2").arg(v, 0, 'f', 1).arg(QLatin1String(units[u]));
}

// The experiment a dataset would go into, from what is known locally: the
// owner's folder name stands in for the full name only the server knows.
QString experimentOf(const ScannedDataset &ds, const Settings &s)
{
    const QString who = ds.ownerKind == OwnerKind::None ? s.username() : ds.owner;
    return experimentTitle(ds, s.folderStructure(), s.instrumentName(), who);
}

QString utcIso(const QDateTime &t) { return t.toUTC().toString(Qt::ISODate); }

void printJson(CommandContext &ctx, const ScanResult &r, const Settings &s, bool withFiles)
{
    QJsonArray datasets;
    for (const ScannedDataset &ds : r.datasets) {
        QJsonObject o;
        o.insert(QStringLiteral("owner"), ds.owner);
        o.insert(QStringLiteral("owner_kind"), ownerKindName(ds.ownerKind));
        o.insert(QStringLiteral("experiment"), experimentOf(ds, s));
        o.insert(QStringLiteral("dataset"), ds.datasetName);
        o.insert(QStringLiteral("path"), ds.path);
        o.insert(QStringLiteral("files"), ds.files.size());
        o.insert(QStringLiteral("bytes"), ds.bytes);
        QJsonArray skipped;
        for (const SkippedEntry &e : ds.skipped)
            skipped.append(QJsonObject{{QStringLiteral("path"), e.path}, {QStringLiteral("reason"), e.reason}});
        o.insert(QStringLiteral("skipped"), skipped);
        if (withFiles) {
            QJsonArray list;
            for (const ScannedFile &f : ds.files)
                list.append(QJsonObject{{QStringLiteral("directory"), f.directory},
                                        {QStringLiteral("name"), f.name},
                                        {QStringLiteral("size"), f.size},
                                        {QStringLiteral("mtime"), utcIso(f.mtime)}});
            o.insert(QStringLiteral("file_list"), list);
        }
        datasets.append(o);
    }
    ctx.out << QString::fromUtf8(QJsonDocument(datasets).toJson(QJsonDocument::Indented));
}

void printTable(CommandContext &ctx, const ScanResult &r, const Settings &s, bool withFiles)
{
    const QStringList header = {QStringLiteral("OWNER"), QStringLiteral("EXPERIMENT"), QStringLiteral("DATASET"),
                                QStringLiteral("FILES"), QStringLiteral("SIZE")};
    QVector<QStringList> rows;
    qint64 files = 0;
    qint64 bytes = 0;
    for (const ScannedDataset &ds : r.datasets) {
        rows.push_back({ds.owner.isEmpty() ? QStringLiteral("-") : ds.owner, experimentOf(ds, s), ds.datasetName,
                        QString::number(ds.files.size()), humanSize(ds.bytes)});
        files += ds.files.size();
        bytes += ds.bytes;
    }
    QVector<int> width(header.size());
    for (int c = 0; c < header.size(); ++c) {
        width[c] = header[c].size();
        for (const QStringList &row : rows)
            width[c] = std::max(width[c], int(row[c].size()));
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (int c = 0; c < cells.size(); ++c) {
            const bool number = c >= 3;
            text += number ? cells[c].rightJustified(width[c]) : cells[c].leftJustified(width[c]);
            if (c + 1 < cells.size())
                text += QStringLiteral("  ");
        }
        ctx.out << text.trimmed() << '\n';
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
    ctx.out << '\n' << r.datasets.size() << " dataset(s), " << files << " file(s), " << humanSize(bytes) << '\n';

    if (withFiles) {
        for (const ScannedDataset &ds : r.datasets) {
            ctx.out << '\n' << ds.path << ":\n";
            for (const ScannedFile &f : ds.files)
                ctx.out << "  " << (f.directory.isEmpty() ? f.name : f.directory + QLatin1Char('/') + f.name)
                        << "  " << f.size << "  " << utcIso(f.mtime) << '\n';
        }
    }

    const int limit = 20;
    int shown = 0;
    int total = 0;
    for (const ScannedDataset &ds : r.datasets)
        total += ds.skipped.size();
    if (total > 0) {
        ctx.out << "\nSkipped (" << total << "):\n";
        for (const ScannedDataset &ds : r.datasets)
            for (const SkippedEntry &e : ds.skipped)
                if (shown++ < limit)
                    ctx.out << "  " << e.path << ": " << e.reason << '\n';
        if (total > limit)
            ctx.out << "  ... and " << (total - limit) << " more (see 'tardigrade scan --json').\n";
    }
}

} // namespace

int runScan(CommandContext &ctx)
{
    bool json = false;
    bool withFiles = false;
    for (const QString &a : ctx.args) {
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--files")) {
            withFiles = true;
        } else {
            ctx.err << "tardigrade: unknown argument '" << a << "' for scan.\n"
                    << "Usage: tardigrade [--config FILE] scan [--json] [--files]\n";
            return ExitUserError;
        }
    }
    const Result<Settings> settings = loadSettings(ctx.configFile);
    if (!settings)
        return fail(ctx, settings.error());
    Result<ScanOptions> options = ScanOptions::fromSettings(*settings);
    if (!options)
        return fail(ctx, options.error());
    // A tuning knob for benchmarks: how many dataset folders are walked at once.
    options->threads = qEnvironmentVariableIntValue("TARDIGRADE_SCAN_THREADS");
    const Result<ScanResult> result = Scanner(*options).scan();
    if (!result)
        return fail(ctx, result.error());

    if (json)
        printJson(ctx, *result, *settings, withFiles);
    else
        printTable(ctx, *result, *settings, withFiles);
    for (const SkippedEntry &p : result->problems)
        ctx.err << "tardigrade: warning: " << p.path << ": " << p.reason << '\n';
    for (const SkippedEntry &p : result->ignored)
        ctx.err << "tardigrade: ignored " << p.path << ": " << p.reason << '\n';
    return ExitOk;
}

} // namespace tardigrade::cli
