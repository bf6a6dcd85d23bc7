#include "FiltersPage.h"

#include "PathField.h"
#include "SettingsFields.h"
#include "settings/Settings.h"
#include "settings/SettingsSchema.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tardigrade::ui {

FiltersPage::FiltersPage(QWidget *parent)
    : SettingsPage(parent), m_userFilter(new QLineEdit(this)), m_experimentFilter(new QLineEdit(this)),
      m_datasetFilter(new QLineEdit(this)), m_ignoreOld(new QCheckBox(tr("Ignore datasets older than"), this)),
      m_oldNumber(new QSpinBox(this)), m_oldUnit(new QComboBox(this)),
      m_ignoreNewFiles(new QCheckBox(tr("Ignore files modified in the last"), this)),
      m_newFilesMinutes(new QSpinBox(this)),
      m_useIncludes(new QCheckBox(tr("Upload only files matching the patterns in:"), this)),
      m_includes(new PathField(PathField::Kind::File, tr("Choose the includes file"), this)),
      m_useExcludes(new QCheckBox(tr("Skip files matching the patterns in:"), this)),
      m_excludes(new PathField(PathField::Kind::File, tr("Choose the excludes file"), this))
{
    const QString hint = tr("empty: every folder");
    for (QLineEdit *e : {m_userFilter, m_experimentFilter, m_datasetFilter})
        e->setPlaceholderText(hint);
    m_oldNumber->setRange(0, 100000);
    if (const SettingSpec *spec = findSetting(QStringLiteral("ignore_interval_unit")))
        m_oldUnit->addItems(spec->choices);
    m_newFilesMinutes->setRange(0, 100000);
    m_newFilesMinutes->setSuffix(tr(" min"));

    auto *names = new QGroupBox(tr("Folder names (only matching folders are uploaded)"), this);
    auto *fn = new QFormLayout(names);
    fn->addRow(tr("User folders:"), m_userFilter);
    fn->addRow(tr("Experiment folders:"), m_experimentFilter);
    fn->addRow(tr("Dataset folders:"), m_datasetFilter);
    tidyForm(fn);

    auto *age = new QGroupBox(tr("Age"), this);
    auto *ga = new QGridLayout(age);
    ga->addWidget(m_ignoreOld, 0, 0);
    ga->addWidget(m_oldNumber, 0, 1);
    ga->addWidget(m_oldUnit, 0, 2);
    ga->addWidget(m_ignoreNewFiles, 1, 0);
    ga->addWidget(m_newFilesMinutes, 1, 1, 1, 2);
    ga->setColumnStretch(3, 1);
    auto *newHint = new QLabel(tr("Files still being written by the instrument are picked up by a later run."), this);
    newHint->setWordWrap(true);
    newHint->setForegroundRole(QPalette::PlaceholderText);
    ga->addWidget(newHint, 2, 0, 1, 4);

    auto *patterns = new QGroupBox(tr("Pattern files (one glob per line, e.g. *.tif)"), this);
    auto *vp = new QVBoxLayout(patterns);
    vp->addWidget(m_useIncludes);
    vp->addWidget(m_includes);
    vp->addSpacing(4);
    vp->addWidget(m_useExcludes);
    vp->addWidget(m_excludes);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(names);
    layout->addWidget(age);
    layout->addWidget(patterns);
    layout->addStretch(1);

    registerField(QStringLiteral("user_filter"), m_userFilter);
    registerField(QStringLiteral("experiment_filter"), m_experimentFilter);
    registerField(QStringLiteral("dataset_filter"), m_datasetFilter);
    registerField(QStringLiteral("ignore_old_datasets"), m_ignoreOld);
    registerField(QStringLiteral("ignore_interval_number"), m_oldNumber);
    registerField(QStringLiteral("ignore_interval_unit"), m_oldUnit);
    registerField(QStringLiteral("ignore_new_files"), m_ignoreNewFiles);
    registerField(QStringLiteral("ignore_new_files_minutes"), m_newFilesMinutes);
    registerField(QStringLiteral("use_includes_file"), m_useIncludes);
    registerField(QStringLiteral("includes_file"), m_includes->lineEdit());
    registerField(QStringLiteral("use_excludes_file"), m_useExcludes);
    registerField(QStringLiteral("excludes_file"), m_excludes->lineEdit());
    for (QCheckBox *c : {m_ignoreOld, m_ignoreNewFiles, m_useIncludes, m_useExcludes})
        connect(c, &QCheckBox::toggled, this, [this] { updateEnabled(); });
    updateEnabled();
}

void FiltersPage::load(const Settings &s)
{
    m_userFilter->setText(s.value(QStringLiteral("user_filter")));
    m_experimentFilter->setText(s.value(QStringLiteral("experiment_filter")));
    m_datasetFilter->setText(s.value(QStringLiteral("dataset_filter")));
    m_ignoreOld->setChecked(s.boolValue(QStringLiteral("ignore_old_datasets")));
    m_oldNumber->setValue(s.intValue(QStringLiteral("ignore_interval_number")));
    m_oldUnit->setCurrentText(s.value(QStringLiteral("ignore_interval_unit")).trimmed());
    m_ignoreNewFiles->setChecked(s.boolValue(QStringLiteral("ignore_new_files")));
    m_newFilesMinutes->setValue(s.intValue(QStringLiteral("ignore_new_files_minutes")));
    m_useIncludes->setChecked(s.boolValue(QStringLiteral("use_includes_file")));
    m_includes->setPath(s.value(QStringLiteral("includes_file")));
    m_useExcludes->setChecked(s.boolValue(QStringLiteral("use_excludes_file")));
    m_excludes->setPath(s.value(QStringLiteral("excludes_file")));
    updateEnabled();
}

void FiltersPage::store(Settings &s) const
{
    putString(s, QStringLiteral("user_filter"), m_userFilter->text().trimmed());
    putString(s, QStringLiteral("experiment_filter"), m_experimentFilter->text().trimmed());
    putString(s, QStringLiteral("dataset_filter"), m_datasetFilter->text().trimmed());
    putBool(s, QStringLiteral("ignore_old_datasets"), m_ignoreOld->isChecked());
    putInt(s, QStringLiteral("ignore_interval_number"), m_oldNumber->value());
    putString(s, QStringLiteral("ignore_interval_unit"), m_oldUnit->currentText());
    putBool(s, QStringLiteral("ignore_new_files"), m_ignoreNewFiles->isChecked());
    putInt(s, QStringLiteral("ignore_new_files_minutes"), m_newFilesMinutes->value());
    putBool(s, QStringLiteral("use_includes_file"), m_useIncludes->isChecked());
    putString(s, QStringLiteral("includes_file"), m_includes->path());
    putBool(s, QStringLiteral("use_excludes_file"), m_useExcludes->isChecked());
    putString(s, QStringLiteral("excludes_file"), m_excludes->path());
}

void FiltersPage::updateEnabled()
{
    const bool ro = isReadOnly();
    for (QLineEdit *e : {m_userFilter, m_experimentFilter, m_datasetFilter})
        e->setReadOnly(ro);
    for (QCheckBox *c : {m_ignoreOld, m_ignoreNewFiles, m_useIncludes, m_useExcludes})
        c->setEnabled(!ro);
    m_oldNumber->setEnabled(!ro && m_ignoreOld->isChecked());
    m_oldUnit->setEnabled(!ro && m_ignoreOld->isChecked());
    m_newFilesMinutes->setEnabled(!ro && m_ignoreNewFiles->isChecked());
    m_includes->setEnabled(m_useIncludes->isChecked());
    m_includes->setReadOnly(ro);
    m_excludes->setEnabled(m_useExcludes->isChecked());
    m_excludes->setReadOnly(ro);
}

} // namespace tardigrade::ui
