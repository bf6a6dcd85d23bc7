#include "Settings.h"

#include <QDir>

namespace tardigrade {

namespace {
const QString kDateFormat = QStringLiteral("yyyy-MM-dd");

QTime parseTime(const QString &text)
{
    QTime t = QTime::fromString(text.trimmed(), QStringLiteral("HH:mm:ss"));
    if (!t.isValid())
        t = QTime::fromString(text.trimmed(), QStringLiteral("H:mm:ss"));
    if (!t.isValid())
        t = QTime::fromString(text.trimmed(), QStringLiteral("HH:mm"));
    if (!t.isValid())
        t = QTime::fromString(text.trimmed(), QStringLiteral("H:mm"));
    return t;
}

bool parseBool(const QString &text, bool *ok)
{
    const QString t = text.trimmed().toLower();
    *ok = true;
    if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes") || t == QLatin1String("on"))
        return true;
    if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no") || t == QLatin1String("off"))
        return false;
    *ok = false;
    return false;
}
} // namespace

QString Settings::valueNamed(const QString &key) const
{
    auto it = m_values.constFind(key);
    if (it != m_values.constEnd())
        return *it;
    if (const SettingSpec *spec = findSetting(key))
        return spec->defaultValue;
    return {};
}

bool Settings::isSetNamed(const QString &key) const { return m_values.contains(key); }

Status Settings::setValueNamed(const QString &key, const QString &value)
{
    const Status check = checkValue(key, value);
    if (!check)
        return check;
    setRawValueNamed(key, value);
    return {};
}

void Settings::setRawValueNamed(const QString &key, const QString &value)
{
    if (!m_values.contains(key))
        m_order.append(key);
    m_values.insert(key, value);
}

Status Settings::checkValue(const QString &key, const QString &value)
{
    if (const SettingSpec *spec = findSetting(key)) {
        const QString v = value.trimmed();
        bool ok = true;
        switch (spec->type) {
        case SettingType::Bool:
            parseBool(v, &ok);
            if (!ok)
                return Error::user(QStringLiteral("%1 must be True or False, not \"%2\".").arg(key, value));
            break;
        case SettingType::Int:
            v.toLongLong(&ok);
            if (!ok)
                return Error::user(QStringLiteral("%1 must be a whole number, not \"%2\".").arg(key, value));
            break;
        case SettingType::Date:
            if (!v.isEmpty() && !QDate::fromString(v, kDateFormat).isValid())
                return Error::user(
                    QStringLiteral("%1 must be a date written YYYY-MM-DD, not \"%2\".").arg(key, value));
            break;
        case SettingType::Time:
            if (!v.isEmpty() && !parseTime(v).isValid())
                return Error::user(
                    QStringLiteral("%1 must be a time written HH:MM:SS, not \"%2\".").arg(key, value));
            break;
        case SettingType::Choice:
            if (!spec->choices.contains(v))
                return Error::user(QStringLiteral("%1 must be one of: %2 (not \"%3\").")
                                       .arg(key, spec->choices.join(QStringLiteral(", ")), value));
            break;
        case SettingType::String:
        case SettingType::Secret:
            break;
        }
    }
    return {};
}

void Settings::unsetNamed(const QString &key)
{
    m_values.remove(key);
    m_order.removeAll(key);
}

bool Settings::boolValue(SettingKey key) const
{
    bool ok = false;
    const bool b = parseBool(value(key), &ok);
    return ok ? b : parseBool(settingSpec(key).defaultValue, &ok);
}

int Settings::intValue(SettingKey key) const
{
    bool ok = false;
    const int i = value(key).trimmed().toInt(&ok);
    return ok ? i : settingSpec(key).defaultValue.toInt();
}

QDate Settings::dateValue(SettingKey key) const { return QDate::fromString(value(key).trimmed(), kDateFormat); }

QTime Settings::timeValue(SettingKey key) const { return parseTime(value(key)); }

QStringList Settings::unknownKeys() const
{
    QStringList unknown;
    for (const QString &k : m_order)
        if (!findSetting(k))
            unknown.append(k);
    return unknown;
}

QString Settings::mytardisUrl() const
{
    QString url = value(SettingKey::MytardisUrl).trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

QString Settings::dataDirectoryPath() const
{
    const QString written = dataDirectory().trimmed();
    return written.isEmpty() ? QString() : QDir::cleanPath(QDir::fromNativeSeparators(written));
}

} // namespace tardigrade
