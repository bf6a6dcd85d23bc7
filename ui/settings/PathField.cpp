#include "PathField.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace tardigrade::ui {

PathField::PathField(Kind kind, const QString &dialogTitle, QWidget *parent)
    : QWidget(parent), m_kind(kind), m_title(dialogTitle), m_edit(new QLineEdit(this)),
      m_browse(new QPushButton(tr("Browse…"), this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_browse);
    setFocusProxy(m_edit);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed); // grows in a form like a line edit
    connect(m_browse, &QPushButton::clicked, this, &PathField::browse);
    connect(m_edit, &QLineEdit::textChanged, this, &PathField::pathChanged);
}

QString PathField::path() const
{
    return m_edit->text().trimmed();
}
void PathField::setPath(const QString &path)
{
    m_edit->setText(path);
}

void PathField::setReadOnly(bool readOnly)
{
    m_edit->setReadOnly(readOnly);
    m_browse->setEnabled(!readOnly);
}

void PathField::browse()
{
    const QString start = path().isEmpty() ? QDir::homePath() : path();
    const QString chosen =
        m_kind == Kind::Folder
            ? QFileDialog::getExistingDirectory(this, m_title, start)
            : QFileDialog::getOpenFileName(this, m_title, start,
                                           m_filter.isEmpty() ? tr("Text files (*.txt);;All files (*)") : m_filter);
    if (!chosen.isEmpty())
        m_edit->setText(QDir::toNativeSeparators(chosen));
}

} // namespace tardigrade::ui
