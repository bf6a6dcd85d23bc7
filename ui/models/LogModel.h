#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace tardigrade::ui {

// The Log tab's lines, oldest first, capped so a week-long session does not
// grow without bound (the rotating log file keeps everything).
class LogModel : public QAbstractListModel {
public:
    explicit LogModel(int maxLines = 50000, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void append(const QString &line);
    void clear();
    QStringList lines() const { return m_lines; }

private:
    QStringList m_lines;
    int m_maxLines;
};

} // namespace tardigrade::ui
