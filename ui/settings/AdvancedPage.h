#pragma once

#include "SettingsPage.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace tardigrade::ui {

// Folder structure (and the dataset grouping it implies), group prefix,
// folder validation, autostart, invalid user folders, upload threads and
// retries.
class AdvancedPage : public SettingsPage {
    Q_OBJECT
public:
    explicit AdvancedPage(QWidget *parent = nullptr);

    QString title() const override { return tr("Advanced"); }
    void load(const Settings &settings) override;
    void store(Settings &settings) const override;

    QString datasetGrouping() const;

protected:
    void updateEnabled() override;

private:
    QComboBox *m_structure;
    QLineEdit *m_grouping;
    QLineEdit *m_groupPrefix;
    QCheckBox *m_validate;
    QCheckBox *m_autostart;
    QCheckBox *m_uploadInvalid;
    QSpinBox *m_threads;
    QSpinBox *m_retries;
};

} // namespace tardigrade::ui
