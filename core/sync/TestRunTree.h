#pragma once

#include "Plan.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tardigrade {

// How many files of one part of a plan fall under each decision.
struct FileCounts {
    int upload = 0;
    int resume = 0;
    int verify = 0;
    int alreadyVerified = 0;
    int skipped = 0;
    int conflict = 0; // the server holds other content under the name: reported, not sent
    qint64 bytesToSend = 0; // the files to upload or resume, whole
    qint64 bytesFound = 0;  // every file that is not skipped

    int found() const { return upload + resume + verify + alreadyVerified + conflict; } // as the report's "found"
    int toSend() const { return upload + resume; }
    void add(const PlannedFile &file);
    FileCounts &operator+=(const FileCounts &other);
};

struct TestRunDataset {
    QString name;
    QString path;
    CatalogueAction action = CatalogueAction::Reuse;
    qint64 id = 0;
    // Every file but the already verified ones, which a large dataset has by
    // the thousand and which need nothing: those are only counted.
    QVector<PlannedFile> files;
    FileCounts counts; // all the dataset's files, the verified ones too
};

struct TestRunExperiment {
    QString title; // empty for the datasets of a skipped owner
    CatalogueAction action = CatalogueAction::Reuse;
    qint64 id = 0;
    QVector<TestRunDataset> datasets;
    FileCounts counts;
};

struct TestRunOwner {
    QString folder;   // empty when the folder structure has no owner level
    QString kind;     // username, email, group, none
    QString resolved; // the server's user or group, or the facility account
    QString note;     // e.g. "no such user: uploaded to the facility account"
    QVector<TestRunExperiment> experiments;
    FileCounts counts;
};

// The Test Run's plan grouped the way a person reads it: owner, experiment,
// dataset, files. The GUI's Test Run window shows it as a tree; the text
// report (renderTestRunReport) stays what is saved, copied and printed by
// the CLI, and both carry the same time.
struct TestRunTree {
    QDateTime when; // the run's start: the time in the text report's first line
    QStringList settingsProblems;
    QStringList notes;
    QString uploadMethod; // uploadMethodName(), empty when not decided
    QStringList scanProblems;
    QVector<TestRunOwner> owners; // in the order the plan met them
    FileCounts counts;
    // Files and folders that could not be read (their sentences are among
    // scanProblems): each counts as found, and an upload would fail on them.
    int unreadable = 0;

    static TestRunTree fromPlan(const Plan &plan, const QDateTime &when);
};

} // namespace tardigrade

Q_DECLARE_METATYPE(tardigrade::TestRunTree)
