#pragma once

#include "Settings.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace tardigrade {

// MyData.cfg on disk: INI with one [MyData] section, read and written by
// hand because QSettings' INI format rewrites backslashes and commas (Windows
// paths, cipher lists). Reading accepts what Python's configparser accepts:
// `key = value`, `key=value`, `key: value`, `#`/`;` comment lines, indented
// continuation lines, CRLF, LF or a lone CR, a UTF-8 byte order mark. Values
// are kept verbatim (no % interpolation), unknown keys in their order.
//
// The API key never lives in the file: save() puts it into the SecretStore
// of that file and leaves it out; load() takes it from the file when an
// imported MyData.cfg still has it in plain text, otherwise from the store.
class SettingsFile {
public:
    // A missing file gives the defaults. A broken one gives a user error
    // naming the file and the line.
    static Result<Settings> load(const QString &path);
    // Atomic (temporary file, then rename), mode 0600; the folder is made
    // (0700) when missing. Known keys in schema order, then unknown keys.
    // An api_key set to "" removes the stored secret.
    static Status save(const Settings &settings, const QString &path);

    // The same without waiting for the keychain (the GUI thread): `done`
    // is called later on `context`'s thread, not at all once it is gone.
    static void loadAsync(const QString &path, QObject *context, std::function<void(Result<Settings>)> done);
    static void saveAsync(const Settings &settings, const QString &path, QObject *context,
                          std::function<void(Status)> done);

    // The file alone, without the secret store.
    static Result<Settings> loadWithoutSecret(const QString &path);
    static Status saveWithoutSecret(const Settings &settings, const QString &path);

    // The text half of load/save, without the secret store.
    static Result<Settings> parse(const QByteArray &bytes, const QString &pathForMessages);
    static QByteArray serialize(const Settings &settings);

    static QString sectionName() { return QStringLiteral("MyData"); }
};

} // namespace tardigrade
