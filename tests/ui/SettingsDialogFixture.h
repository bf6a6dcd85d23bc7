#pragma once

// What the settings dialog tests share: their MyData.cfg files, one folder
// each, and waiting for the dialog's threads.
#include "settings/SettingsDialog.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace tardigrade::test {

// A complete, valid [MyData] settings text with the API key: `middle` lines
// go between the API key and the uuid.
inline QString dialogTestCfg(const QString &dataDir, const QString &url, const QString &middle = {},
                             const QString &instrument = QStringLiteral("Test Instrument"))
{
    return QStringLiteral("[MyData]\n"
                          "instrument_name = ") +
           instrument +
           QStringLiteral("\n"
                          "facility_name = Test Facility\n"
                          "data_directory = ") +
           dataDir +
           QStringLiteral("\n"
                          "contact_name = MyData Tester\n"
                          "contact_email = MyData.Tester@example.com\n"
                          "mytardis_url = ") +
           url +
           QStringLiteral("\n"
                          "username = testfacility\n"
                          "api_key = secret-key-123\n") +
           middle + QStringLiteral("uuid = 1234567890\n");
}

// Writes `text` as <dir>/cfg<N>/MyData.cfg, N counting up in *count, and
// answers its path. A test cannot go on without it: fatal when it fails.
inline QString writeNumberedCfg(const QTemporaryDir &dir, int *count, const QString &text)
{
    const QString path = dir.filePath(QStringLiteral("cfg%1/MyData.cfg").arg(++*count));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write the test cfg");
    f.write(text.toUtf8());
    return path;
}

inline QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The dialog reads the settings on a thread of its own: wait until it has.
inline bool ready(ui::SettingsDialog &d)
{
    return QTest::qWaitFor([&d] { return d.isReady(); }, 5000);
}

// apply() checks, then saves on a thread of its own: wait for saved().
inline bool appliedAndSaved(ui::SettingsDialog &d)
{
    QSignalSpy saved(&d, &ui::SettingsDialog::saved);
    return d.apply() && (saved.count() > 0 || saved.wait(5000));
}

} // namespace tardigrade::test
