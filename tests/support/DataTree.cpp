#include "DataTree.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace tardigrade::test {

QString DataTree::writeBytes(const QString &relativePath, const QByteArray &content)
{
    const QString path = m_root + QLatin1Char('/') + relativePath;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    f.close();
    m_md5.insert(relativePath, QCryptographicHash::hash(content, QCryptographicHash::Md5).toHex());
    return path;
}

void DataTree::remove(const QString &relativePath)
{
    QFile::remove(m_root + QLatin1Char('/') + relativePath);
    m_md5.remove(relativePath);
}

QString DataTree::write(const QString &relativePath, qint64 size)
{
    const QString path = m_root + QLatin1Char('/') + relativePath;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    QRandomGenerator rng(qHash(relativePath));
    QCryptographicHash md5(QCryptographicHash::Md5);
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 left = size; left > 0;) {
        const qint64 n = qMin<qint64>(left, block.size());
        rng.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        f.write(block.constData(), n);
        md5.addData(QByteArrayView(block.constData(), n));
        left -= n;
    }
    f.close();
    m_md5.insert(relativePath, md5.result().toHex());
    return path;
}

QString DataTree::writeSparse(const QString &relativePath, qint64 size)
{
    const QString path = m_root + QLatin1Char('/') + relativePath;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write("head of a sparse file\n");
    f.seek(size - 5);
    f.write("tail\n");
    f.close();
    m_md5.insert(relativePath, md5OfFile(path));
    return path;
}

QByteArray DataTree::readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray DataTree::md5OfFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash md5(QCryptographicHash::Md5);
    md5.addData(&f);
    return md5.result().toHex();
}

DataTree DataTree::hostile(const QString &root)
{
    DataTree t(root);
    t.write(QStringLiteral("testuser1/Dataset 1/readme.txt"), 120);
    t.write(QStringLiteral("testuser1/Dataset 1/empty.dat"), 0);
    t.write(QStringLiteral("testuser1/Dataset 1/raw/run 1/frame_0001.dat"), 70000);
    t.write(QStringLiteral("testuser1/Dataset 1/raw/run 1/deeper/still/frame.dat"), 3000);
    t.write(QStringLiteral("testuser1/It's \"quoted\" $HOME; `id`/a'b\"c $x; `y`.txt"), 500);
    t.write(QStringLiteral("testuser1/données µ/résumé – ünïcödé 日本.txt"), 700);
    t.write(QStringLiteral("testuser2/Sample A/spectrum.csv"), 2 * 1024 * 1024 + 17);
    return t;
}

} // namespace tardigrade::test
