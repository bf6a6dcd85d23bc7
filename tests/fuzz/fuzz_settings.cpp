// Fuzzes reading MyData.cfg (SettingsFile::parse) and the offline checks of
// what was read (SettingsValidator::validateLocally) with any bytes: a
// hand-edited, cut-off or binary file must give settings or one sentence,
// never a crash. Also checks that a file which parses is written back by
// serialize() (what every save does) into one that parses to the same
// settings, so a save loses or changes nothing.
//
// The validator looks at the paths the file names (data directory, pattern
// files, CA certificate). Those are pointed into a sandbox made here, picked
// by the value, so that every branch is reached without the fuzzer reading
// /dev/stdin or listing the whole disk.
#include "settings/Settings.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsSchema.h"
#include "settings/SettingsValidator.h"
#include "util/Clock.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>

using namespace tardigrade;

namespace {

QTemporaryDir *sandbox = nullptr;

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        std::abort();
}

void makeSandbox()
{
    sandbox = new QTemporaryDir(); // kept for the whole run
    const QDir root(sandbox->path());
    root.mkpath(QStringLiteral("data/alice@example.org/Dataset 1"));
    root.mkpath(QStringLiteral("data/not an email"));
    write(root.filePath(QStringLiteral("patterns.txt")), "*.tif\n# comment\n");
    write(root.filePath(QStringLiteral("binary.dat")), QByteArray::fromHex("7f454c4600000001"));
    write(root.filePath(QStringLiteral("ca.pem")), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
}

// A sandbox path for a path-valued setting, chosen by its value.
QString sandboxPath(const QString &value)
{
    static const char *const kinds[] = {"missing", "data", "patterns.txt", "binary.dat", "ca.pem", "data/not an email"};
    const uint pick = qHash(value) % (sizeof kinds / sizeof *kinds);
    return QDir(sandbox->path()).filePath(QString::fromLatin1(kinds[pick]));
}

// The same settings apart from the API key, which a save puts into the
// secret store instead of the file.
bool sameInFile(const Settings &a, const Settings &b)
{
    for (const SettingSpec &spec : settingsSchema())
        if (spec.id != SettingKey::ApiKey &&
            (a.isSet(spec.id) != b.isSet(spec.id) || a.value(spec.id) != b.value(spec.id)))
            return false;
    if (a.unknownKeys() != b.unknownKeys())
        return false;
    for (const QString &key : a.unknownKeys())
        if (a.valueNamed(key) != b.valueNamed(key))
            return false;
    return true;
}

void fail(const char *what, const QByteArray &a, const QByteArray &b)
{
    std::fprintf(stderr, "%s\n--- first:\n%s\n--- second:\n%s\n", what, a.constData(), b.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {}); // warnings per input
    makeSandbox();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Settings> parsed = SettingsFile::parse(bytes, QStringLiteral("/fuzz/MyData.cfg"));
    if (!parsed) {
        if (parsed.error().message.isEmpty())
            fail("a refused file gave no sentence", bytes, {});
        return 0;
    }

    // What the file says survives a save.
    const QByteArray saved = SettingsFile::serialize(*parsed);
    const Result<Settings> reread = SettingsFile::parse(saved, QStringLiteral("/fuzz/saved.cfg"));
    if (!reread)
        fail("a saved file cannot be read back", bytes, saved);
    if (!sameInFile(*reread, *parsed))
        fail("a saved file reads back different settings", bytes, saved);

    Settings settings = *parsed;
    for (SettingKey key :
         {SettingKey::DataDirectory, SettingKey::IncludesFile, SettingKey::ExcludesFile, SettingKey::CaCertificate})
        if (settings.isSet(key) && !settings.value(key).trimmed().isEmpty())
            settings.setRawValue(key, sandboxPath(settings.value(key)));
    static const FakeClock clock(QDateTime(QDate(2026, 11, 29), QTime(12, 0)));
    for (const QString &problem : SettingsValidator::validateLocally(settings, clock))
        if (problem.isEmpty())
            fail("the validator gave an empty sentence", bytes, {});
    return 0;
}
