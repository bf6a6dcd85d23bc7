#pragma once

#include "SettingsPage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tardigrade::ui {

class PathField;

// What is left out: folder name filters, old datasets, files still being
// written, and the includes/excludes pattern files.
class FiltersPage : public SettingsPage {
    Q_OBJECT
public:
    explicit FiltersPage(QWidget *parent = nullptr);

    QString title() const override { return tr("Filters"); }
    void load(const Settings &settings) override;
    void store(Settings &settings) const override;
    // The user filter's label names the folders as the structure does
    // ("Email folder name contains"); filters of folders it lacks are off.
    void setFolderStructure(const QString &folderStructure);

protected:
    void updateEnabled() override;

private:
    QString m_structure;
    QLabel *m_userFilterLabel = nullptr;
    QLabel *m_experimentFilterLabel = nullptr;
    QLineEdit *m_userFilter;
    QLineEdit *m_experimentFilter;
    QLineEdit *m_datasetFilter;
    QCheckBox *m_ignoreOld;
    QSpinBox *m_oldNumber;
    QComboBox *m_oldUnit;
    QCheckBox *m_ignoreNewFiles;
    QSpinBox *m_newFilesMinutes;
    QCheckBox *m_useIncludes;
    PathField *m_includes;
    QCheckBox *m_useExcludes;
    PathField *m_excludes;
};

} // namespace tardigrade::ui
