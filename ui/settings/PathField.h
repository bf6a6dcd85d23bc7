#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace tardigrade::ui {

// A path in a line edit with a Browse… button beside it, for a folder or a
// file.
class PathField : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Folder, File };
    PathField(Kind kind, const QString &dialogTitle, QWidget *parent = nullptr);

    QString path() const;
    void setPath(const QString &path);
    void setReadOnly(bool readOnly);
    // The Browse… dialog's file types (default: text files, then all files).
    void setFileFilter(const QString &filter) { m_filter = filter; }
    QLineEdit *lineEdit() const { return m_edit; }

signals:
    void pathChanged(const QString &path);

private:
    void browse();

    Kind m_kind;
    QString m_title;
    QString m_filter;
    QLineEdit *m_edit;
    QPushButton *m_browse;
};

} // namespace tardigrade::ui
