#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace tardigrade::test {

// Builds data trees for end-to-end tests and remembers what it wrote, so a
// test can compare the catalogue with the disk.
class DataTree {
public:
    explicit DataTree(QString root) : m_root(std::move(root)) {}

    QString root() const { return m_root; }
    // Writes `size` bytes of deterministic content (seeded by the path) at
    // `relativePath` (folders made as needed). Returns the absolute path.
    QString write(const QString &relativePath, qint64 size);
    QString writeBytes(const QString &relativePath, const QByteArray &content);
    // A sparse file of `size` bytes with a little data at both ends.
    QString writeSparse(const QString &relativePath, qint64 size);

    // Deletes a file written here (a user deleting it), and forgets it.
    void remove(const QString &relativePath);

    // relative path → MD5 hex of every file written.
    const QMap<QString, QByteArray> &files() const { return m_md5; }

    // A tree in Username / Dataset layout with nested folders, a 0-byte file
    // and names with spaces, quotes, $, ;, backticks and non-ASCII letters.
    static DataTree hostile(const QString &root);

    static QByteArray md5OfFile(const QString &path);
    // The bytes of a file; empty when it cannot be read.
    static QByteArray readFile(const QString &path);

private:
    QString m_root;
    QMap<QString, QByteArray> m_md5;
};

} // namespace tardigrade::test
