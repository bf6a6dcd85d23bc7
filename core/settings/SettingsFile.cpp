#include "SettingsFile.h"

#include "ConfigPaths.h"
#include "SecretStore.h"
#include "SettingsSchema.h"
#include "util/Log.h"
#include "util/WritableFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimer>
#include <QStringDecoder>

namespace tardigrade {

namespace {

#ifdef Q_OS_WIN
const QByteArray kEol = QByteArrayLiteral("\r\n");
#else
const QByteArray kEol = QByteArrayLiteral("\n");
#endif

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// Saving writes a new file beside the settings (and the secrets file): a
// folder that cannot be written fails here, in one sentence naming it,
// before anything is half done.
Status folderWritable(const QString &settingsFile)
{
    const QString folder = QFileInfo(settingsFile).absolutePath();
    if (!QFileInfo(folder).isDir() || folderAcceptsNewFiles(folder))
        return {};
    // Internal, as every other failure to write the file (exit 2).
    return Error::internal(QStringLiteral("The settings folder %1 is read-only, so the settings cannot be saved: make "
                                          "the folder writable, or use a settings file in a folder that is.")
                               .arg(native(folder)));
}

Error lineError(const QString &path, int line, const QString &what)
{
    // The line's text is left out on purpose: it may hold a secret.
    return Error::user(
        QStringLiteral("The settings file %1 cannot be read: line %2 %3.").arg(native(path)).arg(line).arg(what));
}

int indentOf(const QString &line)
{
    int n = 0;
    while (n < line.size() && (line.at(n) == QLatin1Char(' ') || line.at(n) == QLatin1Char('\t')))
        ++n;
    return n;
}

} // namespace

Result<Settings> SettingsFile::parse(const QByteArray &rawBytes, const QString &path)
{
    if (rawBytes.contains('\0'))
        return Error::user(QStringLiteral("The settings file %1 is not a text file: choose a MyData.cfg written as "
                                          "[MyData] followed by key = value lines.")
                               .arg(native(path)));
    QByteArray bytes = rawBytes;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);

    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError()) {
        // Files written by Python 2 on Windows may be in the ANSI code page.
        qCWarning(lcSettings) << "Settings file" << path << "is not UTF-8; reading it as Latin-1";
        text = QString::fromLatin1(bytes);
    }

    // Line ends as Python reads a text file (universal newlines): CRLF, LF,
    // or a lone CR (old Mac editors). A CR kept inside a value would be
    // dropped by the next save, and MyData would have read a line break.
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    Settings settings;
    const QStringList lines = text.split(QLatin1Char('\n'));
    bool sawSection = false;
    bool sawMyData = false;
    bool inMyData = false;
    QString currentKey; // the key a continuation line would extend
    int currentIndent = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const int lineNo = i + 1;
        const QString stripped = line.trimmed();
        if (stripped.isEmpty() || stripped.startsWith(QLatin1Char('#')) || stripped.startsWith(QLatin1Char(';'))) {
            currentKey.clear();
            continue;
        }
        const int indent = indentOf(line);
        if (!currentKey.isEmpty() && indent > currentIndent) {
            // configparser's multi-line value: an indented line continues it.
            if (inMyData)
                settings.setRawValueNamed(currentKey, settings.valueNamed(currentKey) + QLatin1Char('\n') + stripped);
            continue;
        }
        currentKey.clear();
        if (stripped.startsWith(QLatin1Char('['))) {
            if (!stripped.endsWith(QLatin1Char(']')))
                return lineError(path, lineNo, QStringLiteral("starts a section header but does not end with ]"));
            const QString name = stripped.mid(1, stripped.size() - 2).trimmed();
            sawSection = true;
            inMyData = name.compare(sectionName(), Qt::CaseInsensitive) == 0;
            sawMyData = sawMyData || inMyData;
            if (!inMyData)
                qCWarning(lcSettings) << "Ignoring section" << name << "of" << path;
            continue;
        }
        qsizetype sep = -1;
        for (qsizetype c = 0; c < stripped.size(); ++c) {
            if (stripped.at(c) == QLatin1Char('=') || stripped.at(c) == QLatin1Char(':')) {
                sep = c;
                break;
            }
        }
        if (sep < 0)
            return lineError(path, lineNo,
                             QStringLiteral("is not a setting: write it as key = value, or start it with # to make "
                                            "it a comment"));
        const QString key = stripped.left(sep).trimmed().toLower();
        if (key.isEmpty())
            return lineError(path, lineNo, QStringLiteral("has a value but no key name before the = sign"));
        if (!sawSection)
            return lineError(
                path, lineNo,
                QStringLiteral("comes before the [MyData] section header: put [MyData] on the first line"));
        if (!inMyData)
            continue;
        if (settings.isSetNamed(key))
            qCWarning(lcSettings) << "Key" << key << "appears twice in" << path << "- the later one counts";
        settings.setRawValueNamed(key, stripped.mid(sep + 1).trimmed());
        currentKey = key;
        currentIndent = indent;
    }
    if (sawSection && !sawMyData)
        return Error::user(QStringLiteral("The settings file %1 has no [MyData] section: choose a MyData.cfg whose "
                                          "settings follow a [MyData] line.")
                               .arg(native(path)));
    return settings;
}

QByteArray SettingsFile::serialize(const Settings &settings)
{
    QByteArray out = '[' + sectionName().toUtf8() + ']' + kEol;
    auto writeKey = [&](const QString &key) {
        QString value = settings.valueNamed(key);
        value.replace(QLatin1Char('\r'), QString());
        // A multi-line value goes out as configparser writes it: later lines
        // indented by a tab.
        value.replace(QLatin1Char('\n'), QString::fromLatin1(kEol) + QLatin1Char('\t'));
        out += key.toUtf8() + " = " + value.toUtf8() + kEol;
    };
    for (const SettingSpec &spec : settingsSchema())
        if (spec.id != SettingKey::ApiKey && settings.isSet(spec.id))
            writeKey(spec.key);
    for (const QString &key : settings.unknownKeys())
        writeKey(key);
    out += kEol;
    return out;
}

Result<Settings> SettingsFile::loadWithoutSecret(const QString &path)
{
    QFile file(path);
    if (!file.exists()) {
        qCDebug(lcSettings) << "No settings file at" << path << "- using the defaults";
        return Settings();
    }
    if (QFileInfo(path).isDir())
        return Error::user(
            QStringLiteral("The settings file %1 is a folder: give the path of a file.").arg(native(path)));
    if (!file.open(QIODevice::ReadOnly))
        return Error::user(QStringLiteral("The settings file %1 cannot be opened (%2): check its owner and "
                                          "permissions.")
                               .arg(native(path), file.errorString()));
    return parse(file.readAll(), path);
}

namespace {

// The settings with the API key from the store, when the file had none.
Settings withSecret(Settings settings, const Result<QString> &secret)
{
    if (!secret)
        qCWarning(lcSettings) << "API key not read from the secret store:" << secret.error().message;
    else if (!secret->isEmpty())
        settings.setRawValue(SettingKey::ApiKey, secret.value());
    return settings;
}

bool needsSecret(const Settings &settings, const QString &path)
{
    if (settings.apiKey().isEmpty())
        return true;
    qCInfo(lcSettings) << "Settings file" << path << "holds the API key in plain text; the next save moves it"
                       << "to the secret store";
    return false;
}

} // namespace

Result<Settings> SettingsFile::load(const QString &path)
{
    Result<Settings> settings = loadWithoutSecret(path);
    if (!settings || !needsSecret(*settings, path))
        return settings;
    return withSecret(*settings, SecretStore(path).read(keyName(SettingKey::ApiKey)));
}

void SettingsFile::loadAsync(const QString &path, QObject *context, std::function<void(Result<Settings>)> done)
{
    Result<Settings> settings = loadWithoutSecret(path);
    if (!settings || !needsSecret(*settings, path)) {
        QTimer::singleShot(0, context, [settings, done] { done(settings); });
        return;
    }
    const Settings read = *settings;
    SecretStore(path).readAsync(keyName(SettingKey::ApiKey), context,
                                [read, done](const Result<QString> &secret) { done(withSecret(read, secret)); });
}

Status SettingsFile::save(const Settings &settings, const QString &path)
{
    if (Status writable = folderWritable(path); !writable)
        return writable;
    // The secret first: if storing it fails, the file (which may still hold
    // an imported plain-text key) is left as it was.
    if (settings.isSet(SettingKey::ApiKey)) {
        const SecretStore store(path);
        const QString key = settings.apiKey();
        const QString name = keyName(SettingKey::ApiKey);
        if (Status st = key.isEmpty() ? store.remove(name) : store.write(name, key); !st)
            return st;
    }
    return saveWithoutSecret(settings, path);
}

void SettingsFile::saveAsync(const Settings &settings, const QString &path, QObject *context,
                             std::function<void(Status)> done)
{
    if (!settings.isSet(SettingKey::ApiKey) || !folderWritable(path)) {
        QTimer::singleShot(0, context, [settings, path, done] { done(saveWithoutSecret(settings, path)); });
        return;
    }
    const auto thenFile = [settings, path, done](const Status &secret) {
        done(secret ? saveWithoutSecret(settings, path) : secret);
    };
    const SecretStore store(path);
    const QString key = settings.apiKey();
    if (key.isEmpty())
        store.removeAsync(keyName(SettingKey::ApiKey), context, thenFile);
    else
        store.writeAsync(keyName(SettingKey::ApiKey), key, context, thenFile);
}

Status SettingsFile::saveWithoutSecret(const Settings &settings, const QString &path)
{
    if (Status writable = folderWritable(path); !writable)
        return writable;
    ConfigPaths::stateDir(path);
    const auto mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::internal(QStringLiteral("The settings file %1 cannot be written (%2): check the folder's "
                                              "permissions.")
                                   .arg(native(path), file.errorString()));
    file.setPermissions(mode); // the temporary file, before anything is in it
    file.write(serialize(settings));
    if (!file.commit())
        return Error::internal(QStringLiteral("The settings file %1 cannot be written (%2): check the free space "
                                              "and the folder's permissions.")
                                   .arg(native(path), file.errorString()));
    QFile::setPermissions(path, mode);
    qCDebug(lcSettings) << "Saved settings to" << path;
    return {};
}

} // namespace tardigrade
