#include "sync/MimeTypeOf.h"

#include <QMimeDatabase>
#include <QTest>

using namespace tardigrade;

// The remembered answer must be the one QMimeDatabase gives for each name,
// whatever names came before it on the thread.
class TestMimeTypeOf : public QObject {
    Q_OBJECT
private slots:
    void matchesTheDatabase_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << "notes.txt" << "text/plain";
        QTest::newRow("upper case suffix after lower") << "IMAGE.TIF" << "image/tiff";
        QTest::newRow("lower case suffix") << "image.tif" << "image/tiff";
        QTest::newRow("double suffix") << "raw.tar.gz" << "application/x-compressed-tar";
        QTest::newRow("single gz after tar.gz") << "raw.gz" << "application/gzip";
        QTest::newRow("unknown suffix") << "frame_0001.zzqq" << "application/octet-stream";
        QTest::newRow("no suffix") << "Makefile" << "text/x-makefile";
        QTest::newRow("no suffix, unknown") << "frame0001" << "application/octet-stream";
        QTest::newRow("hidden file") << ".hidden" << "application/octet-stream";
        // Whole names and case-sensitive patterns decide by more than the suffix.
        QTest::newRow("whole name after its suffix") << "CMakeLists.txt" << "text/x-cmake";
        QTest::newRow("suffix after a whole name") << "readme.txt" << "text/plain";
        QTest::newRow("README") << "README" << "text/x-readme";
        QTest::newRow("README prefix, txt wins") << "README_v2.txt" << "text/plain";
        QTest::newRow("case-sensitive C") << "prog.C" << "text/x-c++src";
        QTest::newRow("lower-case c") << "prog.c" << "text/x-csrc";
    }
    void matchesTheDatabase()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(mimeTypeOf(name), expected);
        QCOMPARE(mimeTypeOf(name), expected); // the remembered answer
        const QMimeType direct = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        QCOMPARE(mimeTypeOf(name), direct.isDefault() ? QStringLiteral("application/octet-stream") : direct.name());
    }
};

QTEST_GUILESS_MAIN(TestMimeTypeOf)
#include "tst_mimetypeof.moc"
