#pragma once

#include <QString>
#include <QStringList>

namespace tardigrade::standin {

// The command line of tardigrade-standin (see parse() for the syntax).
struct StandinOptions {
    quint16 port = 0;
    QString dbPath;
    QString stagingDir;
    QString storeDir;
    QString seedFile;
    QString apiKey;
    QString scpHost = QStringLiteral("127.0.0.1");
    int scpPort = 22;
    QString scpUser;
    bool autoApprove = false;
    double failRate = 0.0;
    int failFirst = 0;                          // fail the first N matching requests, then none
    QString failPath;                           // regex on "METHOD /path"; empty: every request
    QString failMode = QStringLiteral("mixed"); // mixed (500 or drop), drop, or an HTTP status
    quint32 failSeed = 0;                       // 0: random each run
    int latencyMs = 0;
    QString requestLog;
    bool noMydataApp = false;
    QString tlsCert; // with tlsKey: serve HTTPS with this PEM certificate (chain) and key
    QString tlsKey;
    // Appended to every dataset folder of a path the server names (staging
    // and store): a server whose staging path is not the one a client predicts.
    QString stagingFolderSuffix;

    // Subcommands run on the catalogue from another process.
    QString command; // "", "approve", "dump" or "sql"
    bool approveAll = false;
    QString sql; // the statement of `sql`

    // Parses argv (without the program name); false with a message on error.
    bool parse(const QStringList &args, QString *error);
    static QString usage();
};

} // namespace tardigrade::standin
