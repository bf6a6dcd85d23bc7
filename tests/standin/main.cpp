// tardigrade-standin: a stand-in MyTardis server (with the mydata app) for
// Tardigrade's integration tests. See StandinOptions::usage().
#include "CatalogueDb.h"
#include "DbCommands.h"
#include "Seeder.h"
#include "StandinOptions.h"
#include "StandinServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSslConfiguration>
#include <QSslKey>
#include <cstdio>

#ifdef __linux__
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace tardigrade::standin;

namespace {
int fail(const QString &message)
{
    std::fprintf(stderr, "tardigrade-standin: %s\n", qPrintable(message));
    return 2;
}

// HTTPS with the certificate (and any chain after it) and key a test made
// (tests/integration/tls); false with a message when they cannot be used.
bool setUpTls(StandinServer &server, const StandinOptions &options, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(options.tlsCert, QSsl::Pem);
    QFile keyFile(options.tlsKey);
    QByteArray keyPem;
    if (keyFile.open(QIODevice::ReadOnly))
        keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        *error = QStringLiteral("Cannot use --tls-cert %1 with --tls-key %2.").arg(options.tlsCert, options.tlsKey);
        return false;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    server.sslSetup(tls);
    return true;
}
} // namespace

int main(int argc, char *argv[])
{
#ifdef __linux__
    // A test that crashes must not leave its server running (and holding the
    // test runner's output pipe): die with the process that started us.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    QCoreApplication app(argc, argv);
    StandinOptions options;
    QString error;
    if (!options.parse(app.arguments().mid(1), &error)) {
        std::fprintf(stderr, "tardigrade-standin: %s\n%s", qPrintable(error), qPrintable(StandinOptions::usage()));
        return 2;
    }
    CatalogueDb db;
    if (options.command.isEmpty())
        QDir().mkpath(QFileInfo(options.dbPath).absolutePath());
    else if (!QFileInfo::exists(options.dbPath))
        return fail(QStringLiteral("No catalogue at %1.").arg(options.dbPath));
    if (!db.open(options.dbPath, &error))
        return fail(error);

    if (options.command == QLatin1String("approve")) {
        std::printf("approved %d\n", DbCommands::approveAll(db));
        return 0;
    }
    if (options.command == QLatin1String("sql")) {
        // A test's way to change what a client cannot (e.g. a settings_updated
        // in the future); prints result rows tab-separated.
        QSqlQuery q = db.exec(options.sql);
        if (!q.isActive())
            return 1;
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i).toString();
            std::printf("%s\n", qPrintable(row.join(QLatin1Char('\t'))));
        }
        return 0;
    }
    if (options.command == QLatin1String("dump")) {
        std::printf("%s\n", QJsonDocument(DbCommands::dump(db)).toJson(QJsonDocument::Compact).constData());
        return 0;
    }

    if (!QDir().mkpath(options.stagingDir) || !QDir().mkpath(options.storeDir))
        return fail(QStringLiteral("Cannot create %1 or %2.").arg(options.stagingDir, options.storeDir));
    // Other processes (approve, the verifier's paths) read these from the catalogue.
    db.setConfig(QStringLiteral("staging"), QDir(options.stagingDir).absolutePath());
    db.setConfig(QStringLiteral("store"), QDir(options.storeDir).absolutePath());
    db.setConfig(QStringLiteral("scp_host"), options.scpHost);
    db.setConfig(QStringLiteral("scp_port"), QString::number(options.scpPort));
    db.setConfig(QStringLiteral("scp_user"), options.scpUser);
    db.setConfig(QStringLiteral("dataset_folder_suffix"), options.stagingFolderSuffix);

    Seeder seeder(db);
    if (!seeder.seed(options.seedFile, options.apiKey, &error))
        return fail(error);

    StandinServer server(db, options);
    if (!server.openRequestLog(&error))
        return fail(error);
    if (!options.tlsCert.isEmpty() && !setUpTls(server, options, &error))
        return fail(error);
    const quint16 port = server.listen(QHostAddress::LocalHost, options.port);
    if (port == 0)
        return fail(QStringLiteral("Cannot listen on port %1.").arg(options.port));
    if (options.apiKey.isEmpty())
        std::printf("api key: %s\n", qPrintable(seeder.facilityAccountKey()));
    std::printf("listening on %s://127.0.0.1:%u\n", options.tlsCert.isEmpty() ? "http" : "https",
                static_cast<unsigned>(port));
    std::fflush(stdout);
    return app.exec();
}
