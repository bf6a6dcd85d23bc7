#pragma once

#include <QDateTime>

#include "SettingsPage.h"

#include <QDate>
#include <QTime>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QSpinBox;
class QTimeEdit;

namespace tardigrade::ui {

// When runs start: the schedule type, and only the widgets that type uses
// are enabled (date+time for Once, time for Daily, time+days for Weekly,
// interval and window for Timer).
class SchedulePage : public SettingsPage {
    Q_OBJECT
public:
    explicit SchedulePage(QWidget *parent = nullptr);

    QString title() const override { return tr("Schedule"); }
    void load(const Settings &settings) override;
    void store(Settings &settings) const override;

    // Which keys a schedule type uses (for enabling and for tests).
    static QList<SettingKey> keysUsedBy(const QString &type);
    QString scheduleType() const;
    void setScheduleType(const QString &type);
    // Where the date and time fields start when the file sets none: a Once
    // run at "today 00:00" is always in the past, the next full hour is not.
    void setNow(const QDateTime &now);
    static QDateTime nextFullHour(const QDateTime &now);

protected:
    void updateEnabled() override;

private:
    QDateTime m_defaultMoment; // set by the dialog from its clock
    QComboBox *m_type;
    QLabel *m_explain;
    QDateEdit *m_date;
    QTimeEdit *m_time;
    QCheckBox *m_days[7];
    QSpinBox *m_timerMinutes;
    QTimeEdit *m_from;
    QTimeEdit *m_to;
    // Unset date/time stay unset when the chosen type does not use them.
    bool m_dateWasSet = false;
    bool m_timeWasSet = false;
};

} // namespace tardigrade::ui
