// The Content-Disposition of the POST upload's parts (FormData): whatever the
// file is called, the header stays one line with the same parameters, and
// the name can be read back (the fuzz target fuzz_http checks the same for
// any name).
#include "catalogue/FormData.h"

#include <QtTest>

using namespace tardigrade;

class TestFormData : public QObject {
    Q_OBJECT

private slots:
    void jsonPartHasNoFilename()
    {
        QCOMPARE(formdata::disposition("json_data"), QByteArray("form-data; name=\"json_data\""));
    }

    void filenames_data()
    {
        QTest::addColumn<QString>("filename");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("plain") << QStringLiteral("frame 001.tif")
                               << QByteArray("form-data; name=\"attached_file\"; filename=\"frame 001.tif\"");
        QTest::newRow("quotes") << QStringLiteral("a \"b\".txt")
                                << QByteArray("form-data; name=\"attached_file\"; filename=\"a %22b%22.txt\"");
        QTest::newRow("line breaks") << QStringLiteral("a\r\nContent-Type: text/html")
                                     << QByteArray("form-data; name=\"attached_file\"; "
                                                   "filename=\"a%0D%0AContent-Type: text/html\"");
        QTest::newRow("unicode") << QStringLiteral("Ünïcødé 数据.dat")
                                 << QByteArray("form-data; name=\"attached_file\"; filename=\"") +
                                        QStringLiteral("Ünïcødé 数据.dat").toUtf8() + '"';
        QTest::newRow("empty") << QString(QLatin1String(""))
                               << QByteArray("form-data; name=\"attached_file\"; filename=\"\"");
    }
    void filenames()
    {
        QFETCH(QString, filename);
        QFETCH(QByteArray, header);
        QCOMPARE(formdata::fileDisposition("attached_file", filename), header);
    }
};

QTEST_APPLESS_MAIN(TestFormData)
#include "tst_formdata.moc"
