#pragma once

#include "ServerCheckQuestions.h"
#include "SettingsFiles.h"
#include "settings/MyDataInstallation.h"
#include "settings/Settings.h"
#include "util/Result.h"

#include <QDialog>
#include <QVector>
#include <optional>

class QAction;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace tardigrade {
class Clock;
struct SettingsReview;
}

namespace tardigrade::ui {

class OkServerChecks;
class ServerSetNote;
class SettingsPage;

// The settings of one MyData.cfg in four pages (General, Schedule, Filters,
// Advanced). OK checks everything with SettingsValidator::validateLocally
// and lists every problem (highlighting the fields the sentences name)
// instead of saving; when all is well it saves with SettingsFile::save and
// emits saved(). Keys the dialog does not show are kept as they were.
// With setServerChecks(true) (the app), OK then checks them against the
// server and counts the datasets before saving (OkServerChecks).
//
// Reading and saving go through the system keychain (the API key), which
// can take seconds to answer: both are asynchronous (SettingsFile::loadAsync,
// saveAsync) while the dialog shows that it is busy, so the GUI thread never
// waits for the keychain.
//
// Locked settings (locked = True) show read-only; Unlock… asks for the API
// key of the facility account, which only an administrator knows.
//
// Other files: Save a Copy… (Ctrl+S) writes what the fields say to a file
// of the user's choice, and a MyData.cfg dropped onto the dialog fills the
// fields (see SettingsFiles.h). Help asks for the documentation.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    enum Page { GeneralTab, ScheduleTab, FiltersTab, AdvancedTab };

    explicit SettingsDialog(const QString &configFile, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void setClock(const Clock &clock) { m_clock = &clock; }

    // What the fields say, over the loaded settings (unknown keys included).
    Settings settingsFromFields() const;

    bool isLocked() const { return m_locked; }
    // Unlocks when apiKey is the facility account's key; otherwise says why.
    Status unlockWith(const QString &apiKey);
    void lock();

    // The settings have been read (loaded() was emitted); until then the
    // fields are disabled.
    bool isReady() const { return m_ready; }
    bool isSaving() const { return m_saving; }

    // Validates and starts saving; false (with the problems shown) when the
    // settings are not valid. saved() or the problem follows.
    bool apply();

    QStringList problems() const { return m_problemTexts; }
    bool isHighlighted(SettingKey key) const;
    QWidget *fieldFor(SettingKey key) const;
    // The field's label as the page shows it ("MyTardis URL"), found from
    // the widgets (tests hold it to FieldLabels, which sentences use).
    QString labelOf(SettingKey key) const;
    SettingsPage *page(Page page) const { return m_pages.at(int(page)); }
    void showPage(Page page);
    QPushButton *lockButton() const { return m_lockButton; }
    // Names the settings a facility manager set on the server (and marks their fields).
    ServerSetNote *serverSetNote() const { return m_serverSetNote; }
    // First start (no settings file yet): Import… fills the fields from an
    // existing MyData.cfg; nothing is saved until OK. The answer (the fields
    // filled, or the problem listed) follows with imported() or a problem.
    QPushButton *importButton() const { return m_importButton; }
    void importFrom(const QString &mydataCfg);
    // First start with MyData installed here (findMyDataInstallation):
    // "Import from MyData" fills the fields from its MyData.cfg, uuid
    // included, and OK copies its staging key pair too (checked first), so
    // the server's uploader record and its approval carry over.
    QPushButton *myDataImportButton() const { return m_myDataButton; }
    void importFromMyData();
    QPushButton *stagingButton() const { return m_stagingButton; }
    // Save a Copy… (and Ctrl+S): asks where (and whether the API key goes
    // along) with `chooser`, then writes the fields as a MyData.cfg. The
    // dialog's own file and m_loaded stay as they are.
    QPushButton *saveCopyButton() const { return m_saveCopyButton; }
    void setCopyChooser(SettingsCopyChooser chooser) { m_copyChooser = std::move(chooser); }
    void saveCopy();
    // A MyData.cfg dropped onto the dialog (or given here): asks with
    // `confirm` before replacing settings that exist, then importFrom().
    void setReplaceConfirmation(std::function<bool(const QString &file)> confirm)
    {
        m_confirmReplace = std::move(confirm);
    }
    void importDropped(const QString &mydataCfg);
    bool hasUnsavedChanges() const; // the fields differ from the file as read or last saved

    // OK checks the settings against the server too, after the offline
    // checks and before saving (see OkServerChecks): off unless turned on,
    // so that a dialog without a server (tests, the demo) stays offline.
    // While it checks, OK is disabled and Cancel stops the check.
    void setServerChecks(bool on);
    void setServerCheckQuestions(ServerCheckQuestions questions);
    bool checksWithServer() const { return m_serverChecks != nullptr; }
    bool isCheckingServer() const;
    const std::optional<SettingsReview> &lastServerReview() const;

public slots:
    void accept() override;
    // Ignored while saving (Esc and Cancel alike); while OK asks the server,
    // stops the check and keeps the dialog open.
    void reject() override;

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void loaded();
    void saved();
    void saving();     // the file is about to be written
    void saveFailed(); // ...and could not be (the problem is listed)
    void imported();
    void stagingAccessRequested(); // "Request Staging Access…" (the controller runs it)
    void helpRequested();          // Help: the controller opens the documentation
    void copySaved(const QString &path);

private:
    void startLoading();
    void finishLoading(const Result<Settings> &read);
    void showInFields(const Settings &settings); // every page loads these
    void finishSaving(const Status &written, const Settings &settings);
    void startSaving(const Settings &s);
    void checkWithServer(const Settings &s);
    void showServerProblems(const QStringList &problems, const Settings &checked);
    // Server problems still standing: the fields their sentences name are
    // as they were when the server was asked.
    QStringList serverProblemsFor(const Settings &fields) const;
    // Busy while reading or saving: a sentence and an indeterminate bar,
    // fields and OK disabled. An empty sentence ends it.
    void setBusy(const QString &doing);
    void setLocked(bool locked);
    void promptUnlock();
    QString facilityAccount() const; // the username the API key belongs to
    bool canLock() const;            // an API key is there to unlock with
    void updateLockButton();
    void keepUuidFromDisk(Settings &s) const;
    Status copyImportedKey(); // MyData's key pair, when "Import from MyData" chose it
    // importFrom(); `fromMyData`: the file is the MyData installation's, whose key goes along.
    void importFile(const QString &mydataCfg, bool fromMyData);
    // A problem with the file itself (unreadable, not written): listed
    // until the file is read or written again, whatever is typed.
    void showFileProblem(const QString &sentence);
    // Lists the sentences (fields named by their labels) and marks their
    // fields; `jump` shows the page of the first.
    void showProblems(const QStringList &problems, bool jump = true);
    void watchFields();
    void recheckProblems();
    void clearProblems();
    void jumpToProblem(QListWidgetItem *item);
    QList<SettingKey> keysMentioned(const QString &sentence) const;
    int pageOfKey(SettingKey key) const;
    bool confirmReplace(const QString &mydataCfg);

    QString m_configFile;
    Settings m_loaded;
    bool m_locked = false;
    bool m_lockedAtLoad = false;
    const Clock *m_clock;
    QLabel *m_lockBanner;
    ServerSetNote *m_serverSetNote = nullptr;
    QTabWidget *m_tabs;
    QVector<SettingsPage *> m_pages;
    QLabel *m_problemsTitle;
    QListWidget *m_problems;
    QPushButton *m_lockButton;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_myDataButton = nullptr;
    std::optional<MyDataInstallation> m_myData; // found at first start
    QString m_keyToImport;                      // MyData's key, copied when the imported settings are saved
    QPushButton *m_stagingButton = nullptr;
    QPushButton *m_saveCopyButton;
    QAction *m_saveCopyAction;
    SettingsCopyChooser m_copyChooser = askWhereToCopySettings;
    std::function<bool(const QString &)> m_confirmReplace;
    QDialogButtonBox *m_buttons;
    QLabel *m_busyText;
    QProgressBar *m_busyBar;
    bool m_ready = false;
    bool m_saving = false;
    bool m_acceptWhenSaved = false;
    QStringList m_problemTexts;
    QStringList m_fileProblems;
    QList<SettingKey> m_highlighted;
    OkServerChecks *m_serverChecks = nullptr;
    QStringList m_serverProblems;
    Settings m_serverChecked; // the fields the server problems were found for
};

} // namespace tardigrade::ui
