// Fuzzes what the catalogue client reads from an HTTP answer's head and what
// it writes into a multipart upload's head, without a server:
//   - the status and headers: Location (the id of a created record, and
//     that it names a record of this server: idFromLocation),
//     Content-Length against the body (an answer cut short), how a failure is
//     classed for retrying (HttpFailure) and the sentence it gives (errorFor);
//   - the Content-Disposition of the POST upload (FormData) for any file
//     name: one line, the same parameters, the name recoverable.
// The input is an HTTP/1.1 answer as it comes off the wire ("HTTP/1.1 201
// Created\r\nLocation: ...\r\n\r\nbody"); the body doubles as the file name.
// Seeds: the exchanges of tests/data/mytardis-transcripts.jsonl.
#include "catalogue/ApiPaths.h"
#include "catalogue/CatalogueTransport.h"
#include "catalogue/FormData.h"
#include "catalogue/HttpFailure.h"
#include "catalogue/Records.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <cstdio>
#include <cstdlib>

using namespace tardigrade;

namespace {

void check(bool ok, const char *what, const QByteArray &detail = {})
{
    if (!ok) {
        std::fprintf(stderr, "%s\n%s\n", what, detail.constData());
        std::abort();
    }
}

ApiResponse answerFrom(const QByteArray &wire)
{
    ApiResponse r;
    qsizetype end = wire.indexOf("\r\n\r\n");
    const QByteArray head = end < 0 ? wire : wire.left(end);
    r.body = end < 0 ? QByteArray() : wire.mid(end + 4);
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (i == 0) {
            r.status = line.split(' ').value(1).toInt(); // "HTTP/1.1 201 Created"
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    if (r.status == 0)
        r.networkError = QNetworkReply::NetworkError(r.body.size() % 500); // no answer: some network error
    return r;
}

// The file name a server reads from our header: between the quotes after
// filename=, with the escapes undone.
QByteArray filenameIn(const QByteArray &header)
{
    const QByteArray marker = "; filename=\"";
    const qsizetype at = header.indexOf(marker);
    if (at < 0 || !header.endsWith('"'))
        return "<none>";
    QByteArray name = header.mid(at + marker.size(), header.size() - at - marker.size() - 1);
    name.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    return name;
}

QNetworkAccessManager *nam = nullptr;
CatalogueTransport *transport = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    new QCoreApplication(*argc, *argv); // kept: the network manager wants one
    nam = new QNetworkAccessManager();
    ClientConfig config;
    config.url = QStringLiteral("https://mytardis.example.org");
    config.username = QStringLiteral("facility");
    transport = new CatalogueTransport(config, *nam);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray wire(reinterpret_cast<const char *>(data), qsizetype(size));
    const ApiResponse r = answerFrom(wire);

    // The id of a created record, from Location.
    const QString location = r.location();
    const qint64 id = json::idFromUri(location);
    check(id >= 0, "an id from Location came out negative", location.toUtf8());
    check(id == 0 || location.contains(QString::number(id)), "an id that Location does not hold", location.toUtf8());

    // The same as the client takes it: only a record of the resource posted
    // to, on this server, else one sentence.
    for (api::Resource resource : {api::Resource::Dataset, api::Resource::MydataDatasetFile,
                                   api::Resource::MydataExperiment, api::Resource::Uploader}) {
        const Result<qint64> located = transport->idFromLocation(r, resource, QStringLiteral("creating a record"));
        if (located)
            check(*located >= 0, "a negative id from Location", location.toUtf8());
        else
            check(!located.error().message.isEmpty(), "a refused Location without a sentence", location.toUtf8());
    }

    r.bodyCutShort();
    r.json();

    // Retrying: a request that may have been carried out is never resent
    // when it must not be repeated.
    const HttpFailure failure = HttpFailure::of(r);
    check(!failure.worthResending(ResendRule::OnlyIfNotProcessed) || !failure.serverMayHaveActed,
          "a create that the server may have made would be sent again");
    if (r.hasAnswer() && !r.isSuccess()) {
        const Error e = transport->errorFor(r, QStringLiteral("creating dataset \"fuzz\""));
        check(!e.message.isEmpty() && e.message.endsWith(QLatin1Char('.')), "an HTTP failure without a sentence",
              e.message.toUtf8());
    }

    // The upload's part header, for the body taken as a file name.
    const QString filename = QString::fromUtf8(r.body);
    const QByteArray header = formdata::fileDisposition("attached_file", filename);
    check(!header.contains('\r') && !header.contains('\n'), "a file name broke the header's line", header);
    check(header.count('"') == 4, "a file name changed the header's parameters", header);
    if (!filename.contains(QLatin1Char('%')))
        check(filenameIn(header) == filename.toUtf8(), "the file name cannot be read back from the header", header);
    return 0;
}
