#pragma once

#include "util/LogSeverity.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QVector>

class QPalette;

namespace tardigrade::ui {

// The Log tab's lines, oldest first, capped so a week-long session does not
// grow without bound (the rotating log file keeps everything). Each line
// keeps the severity its writer gave it: warnings and errors are coloured
// and carry an icon, so they stand out among the routine lines.
class LogModel : public QAbstractListModel {
public:
    enum Role {
        SeverityRole = Qt::UserRole + 1, // LogSeverity
    };

    explicit LogModel(int maxLines = 50000, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void append(const QString &line, LogSeverity severity = LogSeverity::Info);
    void clear();
    QStringList lines() const; // the text of every line, for saving

private:
    struct Line {
        QString text;
        LogSeverity severity = LogSeverity::Info;
    };
    QVector<Line> m_lines;
    int m_maxLines;
};

// The text colour of a warning or an error line, readable on the palette's
// background (light or dark); invalid for Info (the palette's own).
QColor severityColor(LogSeverity severity, const QPalette &palette);

} // namespace tardigrade::ui
