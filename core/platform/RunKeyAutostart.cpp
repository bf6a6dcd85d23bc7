#include "RunKeyAutostart.h"

#include <QSettings>

namespace tardigrade {

namespace {
const char kRunKey[] = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
const char kValueName[] = "Tardigrade";
} // namespace

QString RunKeyAutostart::location() const
{
    return QString::fromLatin1(kRunKey) + QLatin1Char('\\') + QString::fromLatin1(kValueName);
}

QString RunKeyAutostart::commandLine(const QStringList &command)
{
    QStringList parts;
    for (QString arg : command) {
        if (arg.isEmpty() || arg.contains(QLatin1Char(' ')) || arg.contains(QLatin1Char('"')) ||
            arg.contains(QLatin1Char('\t'))) {
            arg.replace(QLatin1Char('"'), QStringLiteral("\\\""));
            arg = QLatin1Char('"') + arg + QLatin1Char('"');
        }
        parts << arg;
    }
    return parts.join(QLatin1Char(' '));
}

Status RunKeyAutostart::apply(bool enabled, const QString &binary, const QString &configFile)
{
    QSettings run(QString::fromLatin1(kRunKey), QSettings::NativeFormat);
    if (enabled) {
        if (binary.isEmpty())
            return Error::internal(QStringLiteral("The path of the Tardigrade program is unknown, so it cannot be "
                                                  "started on login; report this problem."));
        run.setValue(QString::fromLatin1(kValueName), commandLine(command(binary, configFile)));
    } else {
        run.remove(QString::fromLatin1(kValueName));
    }
    run.sync();
    if (run.status() != QSettings::NoError)
        return Error::user(QStringLiteral("Could not change %1; check that the registry is writable.").arg(location()));
    return {};
}

bool RunKeyAutostart::isEnabled() const
{
    const QSettings run(QString::fromLatin1(kRunKey), QSettings::NativeFormat);
    return run.contains(QString::fromLatin1(kValueName));
}

} // namespace tardigrade
