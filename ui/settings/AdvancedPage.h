#pragma once

#include "SettingsPage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QGroupBox;

namespace tardigrade::ui {

enum class StartWindowState;
class PathField;

// Folder structure (and the experiment titles it makes), group prefix,
// folder validation, autostart, invalid user folders, upload method,
// upload threads and retries.
class AdvancedPage : public SettingsPage {
    Q_OBJECT
public:
    explicit AdvancedPage(QWidget *parent = nullptr);

    QString title() const override { return tr("Advanced"); }
    void load(const Settings &settings) override;
    void store(Settings &settings) const override;

    // The experiment title the dataset grouping field previews.
    QString datasetGrouping() const;
    // The instrument name as typed on the General page: the preview uses it.
    void setInstrumentName(const QString &instrumentName);
    // What a start_window_state choice does, as the combo says it.
    static QString startWindowStateText(StartWindowState state);

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
    QComboBox *m_uploadMethod;
    QLabel *m_uploadMethodNote;
    QString m_instrumentName;
    QComboBox *m_startState = nullptr; // start_window_state
    QCheckBox *m_checkUpdates = nullptr; // check_for_updates
    QCheckBox *m_allowCleanup = nullptr; // allow_cleanup
    QSpinBox *m_cleanupDays = nullptr;   // cleanup_older_than_days
    QCheckBox *m_versions = nullptr;     // upload_changed_as_versions
    PathField *m_caCertificate = nullptr; // ca_certificate
    QLineEdit *m_proxy = nullptr;         // proxy
    QGroupBox *networkBox();
};

} // namespace tardigrade::ui
