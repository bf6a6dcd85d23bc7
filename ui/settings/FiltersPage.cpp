#include "FiltersPage.h"

#include "FieldLabels.h"
#include "PathField.h"
#include "scan/FolderStructure.h"
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

#include <tuple>

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
    if (const SettingSpec *spec = &settingSpec(SettingKey::IgnoreIntervalUnit))
        m_oldUnit->addItems(spec->choices);
    m_newFilesMinutes->setRange(0, 100000);
    m_newFilesMinutes->setSuffix(tr(" min"));

    auto *names = new QGroupBox(tr("Folder names (only matching folders are uploaded)"), this);
    auto *fn = new QFormLayout(names);
    m_userFilterLabel = new QLabel(this);
    m_experimentFilterLabel = new QLabel(FieldLabels::of(SettingKey::ExperimentFilter) + QLatin1Char(':'), this);
    fn->addRow(m_userFilterLabel, m_userFilter);
    fn->addRow(m_experimentFilterLabel, m_experimentFilter);
    fn->addRow(FieldLabels::of(SettingKey::DatasetFilter) + QLatin1Char(':'), m_datasetFilter);
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

    registerField(SettingKey::UserFilter, m_userFilter);
    registerField(SettingKey::ExperimentFilter, m_experimentFilter);
    registerField(SettingKey::DatasetFilter, m_datasetFilter);
    registerField(SettingKey::IgnoreOldDatasets, m_ignoreOld);
    registerField(SettingKey::IgnoreIntervalNumber, m_oldNumber);
    registerField(SettingKey::IgnoreIntervalUnit, m_oldUnit);
    registerField(SettingKey::IgnoreNewFiles, m_ignoreNewFiles);
    registerField(SettingKey::IgnoreNewFilesMinutes, m_newFilesMinutes);
    registerField(SettingKey::UseIncludesFile, m_useIncludes);
    registerField(SettingKey::IncludesFile, m_includes->lineEdit(), tr("Includes file"));
    registerField(SettingKey::UseExcludesFile, m_useExcludes);
    registerField(SettingKey::ExcludesFile, m_excludes->lineEdit(), tr("Excludes file"));
    for (QCheckBox *c : {m_ignoreOld, m_ignoreNewFiles, m_useIncludes, m_useExcludes})
        connect(c, &QCheckBox::toggled, this, [this] { updateEnabled(); });
    setFolderStructure({});
}

void FiltersPage::setFolderStructure(const QString &folderStructure)
{
    m_structure = folderStructure.trimmed();
    m_userFilterLabel->setText(FieldLabels::of(SettingKey::UserFilter, m_structure) + QLatin1Char(':'));
    updateEnabled();
}

void FiltersPage::load(const Settings &s)
{
    setFolderStructure(s.folderStructure());
    m_userFilter->setText(s.value(SettingKey::UserFilter));
    m_experimentFilter->setText(s.value(SettingKey::ExperimentFilter));
    m_datasetFilter->setText(s.value(SettingKey::DatasetFilter));
    m_ignoreOld->setChecked(s.boolValue(SettingKey::IgnoreOldDatasets));
    m_oldNumber->setValue(s.intValue(SettingKey::IgnoreIntervalNumber));
    m_oldUnit->setCurrentText(s.value(SettingKey::IgnoreIntervalUnit).trimmed());
    m_ignoreNewFiles->setChecked(s.boolValue(SettingKey::IgnoreNewFiles));
    m_newFilesMinutes->setValue(s.intValue(SettingKey::IgnoreNewFilesMinutes));
    m_useIncludes->setChecked(s.boolValue(SettingKey::UseIncludesFile));
    m_includes->setPath(s.value(SettingKey::IncludesFile));
    m_useExcludes->setChecked(s.boolValue(SettingKey::UseExcludesFile));
    m_excludes->setPath(s.value(SettingKey::ExcludesFile));
    updateEnabled();
}

void FiltersPage::store(Settings &s) const
{
    putString(s, SettingKey::UserFilter, m_userFilter->text().trimmed());
    putString(s, SettingKey::ExperimentFilter, m_experimentFilter->text().trimmed());
    putString(s, SettingKey::DatasetFilter, m_datasetFilter->text().trimmed());
    putBool(s, SettingKey::IgnoreOldDatasets, m_ignoreOld->isChecked());
    putInt(s, SettingKey::IgnoreIntervalNumber, m_oldNumber->value());
    putString(s, SettingKey::IgnoreIntervalUnit, m_oldUnit->currentText());
    putBool(s, SettingKey::IgnoreNewFiles, m_ignoreNewFiles->isChecked());
    putInt(s, SettingKey::IgnoreNewFilesMinutes, m_newFilesMinutes->value());
    putBool(s, SettingKey::UseIncludesFile, m_useIncludes->isChecked());
    putString(s, SettingKey::IncludesFile, m_includes->path());
    putBool(s, SettingKey::UseExcludesFile, m_useExcludes->isChecked());
    putString(s, SettingKey::ExcludesFile, m_excludes->path());
}

void FiltersPage::updateEnabled()
{
    const bool ro = isReadOnly();
    for (QLineEdit *e : {m_userFilter, m_experimentFilter, m_datasetFilter})
        e->setReadOnly(ro);
    // A filter for folders the structure does not have would do nothing.
    const std::optional<FolderStructure> fs = FolderStructure::find(m_structure);
    const bool userFolders = !fs || fs->ownerKind() != OwnerKind::None;
    const bool experimentFolders = !fs || fs->has(FolderStructure::Level::Experiment);
    const QString unused = tr("Not used: the folder structure \"%1\" has no such folders.").arg(m_structure);
    for (auto [edit, label, used] : {std::tuple{m_userFilter, m_userFilterLabel, userFolders},
                                     std::tuple{m_experimentFilter, m_experimentFilterLabel, experimentFolders}}) {
        edit->setEnabled(used);
        label->setEnabled(used);
        edit->setToolTip(used ? QString() : unused);
    }
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
