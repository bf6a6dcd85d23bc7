#pragma once

// Settings files for GUI tests that need no server.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTemporaryDir>

namespace tardigrade::test {

// <dir>/<name>/MyData.cfg, which the GUI counts as configured: a server
// that does not answer and the empty folder <dir>/<name>/data as data
// directory, then `lines`. Empty when it cannot be written.
inline QString writeGuiConfig(const QTemporaryDir &dir, const QString &name, const QString &lines)
{
    const QString cfg = dir.filePath(name + QStringLiteral("/MyData.cfg"));
    const QString data = dir.filePath(name + QStringLiteral("/data"));
    QDir().mkpath(QFileInfo(cfg).absolutePath());
    QDir().mkpath(data);
    QFile f(cfg);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral("[MyData]\nmytardis_url = http://127.0.0.1:9\ndata_directory = %1\n").arg(data).toUtf8() +
            lines.toUtf8());
    return cfg;
}

} // namespace tardigrade::test
