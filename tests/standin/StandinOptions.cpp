#include "StandinOptions.h"

namespace tardigrade::standin {

QString StandinOptions::usage()
{
    return QStringLiteral(
        "usage: tardigrade-standin --port P --db FILE --staging DIR --store DIR [--seed FILE.json]\n"
        "         [--api-key KEY] [--scp-host H --scp-port N --scp-user U] [--auto-approve]\n"
        "         [--fail-rate R] [--fail-first N] [--fail-path REGEX] [--fail-mode mixed|mixed-lost|drop|lost|STATUS]\n"
        "         [--fail-seed N] [--latency-ms MS] [--request-log FILE] [--no-mydata-app]\n"
        "         [--tls-cert FILE.pem --tls-key FILE.pem] [--dataset-folder-suffix TEXT]\n"
        "       tardigrade-standin --db FILE approve --all\n"
        "       tardigrade-standin --db FILE dump\n"
        "       tardigrade-standin --db FILE sql STATEMENT\n");
}

bool StandinOptions::parse(const QStringList &args, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto next = [&](QString *out) {
            if (i + 1 >= args.size())
                return false;
            *out = args.at(++i);
            return true;
        };
        QString v;
        if (a == QLatin1String("approve") || a == QLatin1String("dump")) {
            command = a;
        } else if (a == QLatin1String("sql")) {
            command = a;
            if (!next(&sql))
                return fail(QStringLiteral("sql needs a statement."));
        } else if (a == QLatin1String("--all")) {
            approveAll = true;
        } else if (a == QLatin1String("--auto-approve")) {
            autoApprove = true;
        } else if (a == QLatin1String("--no-mydata-app")) {
            noMydataApp = true;
        } else if (a.startsWith(QLatin1String("--"))) {
            if (!next(&v))
                return fail(QStringLiteral("Option %1 needs a value.").arg(a));
            bool ok = true;
            if (a == QLatin1String("--port"))
                port = static_cast<quint16>(v.toUInt(&ok));
            else if (a == QLatin1String("--db"))
                dbPath = v;
            else if (a == QLatin1String("--staging"))
                stagingDir = v;
            else if (a == QLatin1String("--store"))
                storeDir = v;
            else if (a == QLatin1String("--seed"))
                seedFile = v;
            else if (a == QLatin1String("--api-key"))
                apiKey = v;
            else if (a == QLatin1String("--scp-host"))
                scpHost = v;
            else if (a == QLatin1String("--scp-port"))
                scpPort = v.toInt(&ok);
            else if (a == QLatin1String("--scp-user"))
                scpUser = v;
            else if (a == QLatin1String("--fail-rate"))
                failRate = v.toDouble(&ok);
            else if (a == QLatin1String("--fail-first"))
                failFirst = v.toInt(&ok);
            else if (a == QLatin1String("--fail-path"))
                failPath = v;
            else if (a == QLatin1String("--fail-mode"))
                failMode = v;
            else if (a == QLatin1String("--fail-seed"))
                failSeed = v.toUInt(&ok);
            else if (a == QLatin1String("--latency-ms"))
                latencyMs = v.toInt(&ok);
            else if (a == QLatin1String("--request-log"))
                requestLog = v;
            else if (a == QLatin1String("--tls-cert"))
                tlsCert = v;
            else if (a == QLatin1String("--tls-key"))
                tlsKey = v;
            else if (a == QLatin1String("--dataset-folder-suffix"))
                stagingFolderSuffix = v;
            else
                return fail(QStringLiteral("Unknown option %1.").arg(a));
            if (!ok)
                return fail(QStringLiteral("Option %1 has a bad value: %2.").arg(a, v));
        } else {
            return fail(QStringLiteral("Unexpected argument %1.").arg(a));
        }
    }
    if (failMode != QLatin1String("mixed") && failMode != QLatin1String("drop") && failMode != QLatin1String("lost") &&
        failMode != QLatin1String("mixed-lost") && failMode.toInt() < 100)
        return fail(QStringLiteral("--fail-mode is mixed, mixed-lost, drop, lost or an HTTP status, not %1.").arg(failMode));
    if (dbPath.isEmpty())
        return fail(QStringLiteral("--db FILE is required."));
    if (tlsCert.isEmpty() != tlsKey.isEmpty())
        return fail(QStringLiteral("--tls-cert and --tls-key go together."));
    if (command.isEmpty() && (stagingDir.isEmpty() || storeDir.isEmpty()))
        return fail(QStringLiteral("--staging DIR and --store DIR are required to serve."));
    if (command == QLatin1String("approve") && !approveAll)
        return fail(QStringLiteral("approve needs --all."));
    return true;
}

} // namespace tardigrade::standin
