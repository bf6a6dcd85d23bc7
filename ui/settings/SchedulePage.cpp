#include "SchedulePage.h"

#include "SettingsFields.h"
#include "settings/Settings.h"
#include "settings/SettingsSchema.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace tardigrade::ui {

namespace {
QString explanation(const QString &type)
{
    if (type == QLatin1String("On Startup"))
        return QObject::tr("A run starts each time Tardigrade starts (e.g. when this PC's user logs in).");
    if (type == QLatin1String("On Settings Saved"))
        return QObject::tr("A run starts each time these settings are saved.");
    if (type == QLatin1String("Manually"))
        return QObject::tr("Runs start only from Sync Now in the tray menu or the main window.");
    if (type == QLatin1String("Once"))
        return QObject::tr("One run at the date and time below.");
    if (type == QLatin1String("Daily"))
        return QObject::tr("A run every day at the time below.");
    if (type == QLatin1String("Weekly"))
        return QObject::tr("A run at the time below on each ticked day.");
    if (type == QLatin1String("Timer"))
        return QObject::tr("A run every N minutes, between the From and To times of each day.");
    return {};
}
} // namespace

SchedulePage::SchedulePage(QWidget *parent)
    : SettingsPage(parent), m_type(new QComboBox(this)), m_explain(new QLabel(this)), m_date(new QDateEdit(this)),
      m_time(new QTimeEdit(this)), m_timerMinutes(new QSpinBox(this)), m_from(new QTimeEdit(this)),
      m_to(new QTimeEdit(this))
{
    if (const SettingSpec *spec = &settingSpec(SettingKey::ScheduleType))
        m_type->addItems(spec->choices);
    m_explain->setWordWrap(true);
    m_explain->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_explain->setForegroundRole(QPalette::PlaceholderText);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setDate(QDate::currentDate());
    for (QTimeEdit *t : {m_time, m_from, m_to})
        t->setDisplayFormat(QStringLiteral("HH:mm"));
    m_timerMinutes->setMinimumWidth(fontMetrics().averageCharWidth() * 12);
    m_timerMinutes->setRange(0, 24 * 60); // 0 is shown as it is; the validator names it
    m_timerMinutes->setSuffix(tr(" min"));

    auto *when = new QGroupBox(tr("When runs start"), this);
    auto *fw = new QFormLayout(when);
    fw->addRow(tr("Schedule:"), m_type);
    fw->addRow(QString(), m_explain);

    auto *at = new QGroupBox(tr("Once, Daily, Weekly"), this);
    auto *fa = new QFormLayout(at);
    fa->addRow(tr("Date:"), m_date);
    fa->addRow(tr("Time:"), m_time);
    auto *daysRow = new QHBoxLayout;
    const QStringList dayNames = {tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")};
    for (int i = 0; i < 7; ++i) {
        m_days[i] = new QCheckBox(dayNames.at(i), this);
        daysRow->addWidget(m_days[i]);
        registerField(weekdayKeys()[i], m_days[i]);
    }
    daysRow->addStretch(1);
    fa->addRow(tr("Days:"), daysRow);

    auto *timer = new QGroupBox(tr("Timer"), this);
    auto *ft = new QFormLayout(timer);
    ft->addRow(tr("Every:"), m_timerMinutes);
    auto *window = new QHBoxLayout;
    window->addWidget(m_from);
    window->addWidget(new QLabel(tr("to"), this));
    window->addWidget(m_to);
    window->addStretch(1);
    ft->addRow(tr("From:"), window);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(when);
    layout->addWidget(at);
    layout->addWidget(timer);
    layout->addStretch(1);

    for (QFormLayout *f : {fw, fa, ft})
        tidyForm(f);

    registerField(SettingKey::ScheduleType, m_type);
    registerField(SettingKey::ScheduledDate, m_date);
    registerField(SettingKey::ScheduledTime, m_time);
    registerField(SettingKey::TimerMinutes, m_timerMinutes);
    registerField(SettingKey::TimerFromTime, m_from, tr("From"));
    registerField(SettingKey::TimerToTime, m_to, tr("To")); // in the "From:" row, but the sentence means this one
    connect(m_type, &QComboBox::currentTextChanged, this, [this] { updateEnabled(); });
    updateEnabled();
}

QList<SettingKey> SchedulePage::keysUsedBy(const QString &type)
{
    using K = SettingKey;
    if (type == QLatin1String("Once"))
        return {K::ScheduledDate, K::ScheduledTime};
    if (type == QLatin1String("Daily"))
        return {K::ScheduledTime};
    if (type == QLatin1String("Weekly")) {
        QList<SettingKey> keys{K::ScheduledTime};
        for (SettingKey day : weekdayKeys())
            keys << day;
        return keys;
    }
    if (type == QLatin1String("Timer"))
        return {K::TimerMinutes, K::TimerFromTime, K::TimerToTime};
    return {};
}

QString SchedulePage::scheduleType() const
{
    return m_type->currentText();
}
void SchedulePage::setScheduleType(const QString &type)
{
    m_type->setCurrentText(type);
}

QDateTime SchedulePage::nextFullHour(const QDateTime &now)
{
    const QDateTime local = now.toLocalTime();
    return QDateTime(local.date(), QTime(local.time().hour(), 0)).addSecs(3600);
}

void SchedulePage::setNow(const QDateTime &now)
{
    m_defaultMoment = nextFullHour(now);
}

void SchedulePage::load(const Settings &s)
{
    const QString type = s.value(SettingKey::ScheduleType).trimmed();
    if (m_type->findText(type) < 0 && !type.isEmpty())
        m_type->addItem(type); // shown as it is; the validator names the problem
    m_type->setCurrentText(type.isEmpty() ? QStringLiteral("Manually") : type);
    m_dateWasSet = !s.value(SettingKey::ScheduledDate).trimmed().isEmpty();
    m_timeWasSet = !s.value(SettingKey::ScheduledTime).trimmed().isEmpty();
    const QDateTime next = m_defaultMoment.isValid() ? m_defaultMoment : nextFullHour(QDateTime::currentDateTime());
    m_date->setDate(m_dateWasSet && s.dateValue(SettingKey::ScheduledDate).isValid()
                        ? s.dateValue(SettingKey::ScheduledDate)
                        : next.date());
    m_time->setTime(m_timeWasSet && s.timeValue(SettingKey::ScheduledTime).isValid()
                        ? s.timeValue(SettingKey::ScheduledTime)
                        : next.time());
    for (int i = 0; i < 7; ++i)
        m_days[i]->setChecked(s.boolValue(weekdayKeys()[i]));
    m_timerMinutes->setValue(s.intValue(SettingKey::TimerMinutes));
    m_from->setTime(s.timeValue(SettingKey::TimerFromTime));
    m_to->setTime(s.timeValue(SettingKey::TimerToTime));
    updateEnabled();
}

void SchedulePage::store(Settings &s) const
{
    const QString type = scheduleType();
    const QList<SettingKey> used = keysUsedBy(type);
    putString(s, SettingKey::ScheduleType, type);
    if (m_dateWasSet || used.contains(SettingKey::ScheduledDate))
        putDate(s, SettingKey::ScheduledDate, m_date->date());
    if (m_timeWasSet || used.contains(SettingKey::ScheduledTime))
        putTime(s, SettingKey::ScheduledTime, m_time->time());
    for (int i = 0; i < 7; ++i)
        putBool(s, weekdayKeys()[i], m_days[i]->isChecked());
    putInt(s, SettingKey::TimerMinutes, m_timerMinutes->value());
    putTime(s, SettingKey::TimerFromTime, m_from->time());
    putTime(s, SettingKey::TimerToTime, m_to->time());
}

void SchedulePage::updateEnabled()
{
    const bool ro = isReadOnly();
    const QList<SettingKey> used = keysUsedBy(scheduleType());
    m_explain->setText(explanation(scheduleType()));
    m_type->setEnabled(!ro);
    m_date->setEnabled(!ro && used.contains(SettingKey::ScheduledDate));
    m_time->setEnabled(!ro && used.contains(SettingKey::ScheduledTime));
    for (int i = 0; i < 7; ++i)
        m_days[i]->setEnabled(!ro && used.contains(weekdayKeys()[i]));
    m_timerMinutes->setEnabled(!ro && used.contains(SettingKey::TimerMinutes));
    m_from->setEnabled(!ro && used.contains(SettingKey::TimerFromTime));
    m_to->setEnabled(!ro && used.contains(SettingKey::TimerToTime));
}

} // namespace tardigrade::ui
