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
const char *const kDayKeys[7] = {"monday_checked", "tuesday_checked",  "wednesday_checked", "thursday_checked",
                                 "friday_checked", "saturday_checked", "sunday_checked"};

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
    if (const SettingSpec *spec = findSetting(QStringLiteral("schedule_type")))
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
        registerField(QString::fromLatin1(kDayKeys[i]), m_days[i]);
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

    registerField(QStringLiteral("schedule_type"), m_type);
    registerField(QStringLiteral("scheduled_date"), m_date);
    registerField(QStringLiteral("scheduled_time"), m_time);
    registerField(QStringLiteral("timer_minutes"), m_timerMinutes);
    registerField(QStringLiteral("timer_from_time"), m_from);
    registerField(QStringLiteral("timer_to_time"), m_to);
    connect(m_type, &QComboBox::currentTextChanged, this, [this] { updateEnabled(); });
    updateEnabled();
}

QStringList SchedulePage::keysUsedBy(const QString &type)
{
    QStringList days;
    for (const char *d : kDayKeys)
        days << QString::fromLatin1(d);
    if (type == QLatin1String("Once"))
        return {QStringLiteral("scheduled_date"), QStringLiteral("scheduled_time")};
    if (type == QLatin1String("Daily"))
        return {QStringLiteral("scheduled_time")};
    if (type == QLatin1String("Weekly"))
        return QStringList{QStringLiteral("scheduled_time")} + days;
    if (type == QLatin1String("Timer"))
        return {QStringLiteral("timer_minutes"), QStringLiteral("timer_from_time"), QStringLiteral("timer_to_time")};
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

void SchedulePage::load(const Settings &s)
{
    const QString type = s.value(QStringLiteral("schedule_type")).trimmed();
    if (m_type->findText(type) < 0 && !type.isEmpty())
        m_type->addItem(type); // shown as it is; the validator names the problem
    m_type->setCurrentText(type.isEmpty() ? QStringLiteral("Manually") : type);
    m_dateWasSet = !s.value(QStringLiteral("scheduled_date")).trimmed().isEmpty();
    m_timeWasSet = !s.value(QStringLiteral("scheduled_time")).trimmed().isEmpty();
    if (m_dateWasSet && s.dateValue(QStringLiteral("scheduled_date")).isValid())
        m_date->setDate(s.dateValue(QStringLiteral("scheduled_date")));
    if (m_timeWasSet && s.timeValue(QStringLiteral("scheduled_time")).isValid())
        m_time->setTime(s.timeValue(QStringLiteral("scheduled_time")));
    for (int i = 0; i < 7; ++i)
        m_days[i]->setChecked(s.boolValue(QString::fromLatin1(kDayKeys[i])));
    m_timerMinutes->setValue(s.intValue(QStringLiteral("timer_minutes")));
    m_from->setTime(s.timeValue(QStringLiteral("timer_from_time")));
    m_to->setTime(s.timeValue(QStringLiteral("timer_to_time")));
    updateEnabled();
}

void SchedulePage::store(Settings &s) const
{
    const QString type = scheduleType();
    const QStringList used = keysUsedBy(type);
    putString(s, QStringLiteral("schedule_type"), type);
    if (m_dateWasSet || used.contains(QStringLiteral("scheduled_date")))
        putDate(s, QStringLiteral("scheduled_date"), m_date->date());
    if (m_timeWasSet || used.contains(QStringLiteral("scheduled_time")))
        putTime(s, QStringLiteral("scheduled_time"), m_time->time());
    for (int i = 0; i < 7; ++i)
        putBool(s, QString::fromLatin1(kDayKeys[i]), m_days[i]->isChecked());
    putInt(s, QStringLiteral("timer_minutes"), m_timerMinutes->value());
    putTime(s, QStringLiteral("timer_from_time"), m_from->time());
    putTime(s, QStringLiteral("timer_to_time"), m_to->time());
}

void SchedulePage::updateEnabled()
{
    const bool ro = isReadOnly();
    const QStringList used = keysUsedBy(scheduleType());
    m_explain->setText(explanation(scheduleType()));
    m_type->setEnabled(!ro);
    m_date->setEnabled(!ro && used.contains(QStringLiteral("scheduled_date")));
    m_time->setEnabled(!ro && used.contains(QStringLiteral("scheduled_time")));
    for (int i = 0; i < 7; ++i)
        m_days[i]->setEnabled(!ro && used.contains(QString::fromLatin1(kDayKeys[i])));
    m_timerMinutes->setEnabled(!ro && used.contains(QStringLiteral("timer_minutes")));
    m_from->setEnabled(!ro && used.contains(QStringLiteral("timer_from_time")));
    m_to->setEnabled(!ro && used.contains(QStringLiteral("timer_to_time")));
}

} // namespace tardigrade::ui
