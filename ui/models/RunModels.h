#pragma once

#include "DatasetTableModel.h"
#include "LogModel.h"
#include "OwnerTableModel.h"
#include "UploadTableModel.h"
#include "VerificationTableModel.h"

#include <QObject>

namespace tardigrade {
class Engine;
}

namespace tardigrade::ui {

// The models of the main window's tabs, fed from the engine's signals.
// The tables show the current (or last) run: a new run starts them afresh;
// the log keeps going.
class RunModels : public QObject {
    Q_OBJECT
public:
    explicit RunModels(QObject *parent = nullptr);

    void attach(Engine *engine); // queued connections
    // Paths below the data directory are shown relative to it.
    void setDataDirectory(const QString &directory);

    DatasetTableModel *datasets() { return &m_datasets; }
    OwnerTableModel *owners() { return &m_owners; }
    UploadTableModel *uploads() { return &m_uploads; }
    VerificationTableModel *verifications() { return &m_verifications; }
    LogModel *log() { return &m_log; }

public slots:
    void onRunStarted(bool testRun);
    void onDatasetChanged(const tardigrade::DatasetEvent &event);
    void onOwnerChanged(const tardigrade::OwnerEvent &event);
    void onFileChanged(const tardigrade::FileEvent &event);
    void onLogLine(const QString &line);

private:
    DatasetTableModel m_datasets;
    OwnerTableModel m_owners;
    UploadTableModel m_uploads;
    VerificationTableModel m_verifications;
    LogModel m_log;
};

} // namespace tardigrade::ui
