// The ten structures as data, and the experiment titles of section 8.
#include "scan/FolderStructure.h"
#include "scan/ScanTypes.h"
#include "settings/SettingsSchema.h"

#include <QtTest>

using namespace tardigrade;
using L = FolderStructure::Level;

Q_DECLARE_METATYPE(QVector<FolderStructure::Level>)

class TestFolderStructure : public QObject {
    Q_OBJECT
private slots:
    void everySettingsNameIsKnown();
    void levels_data();
    void levels();
    void lenientNames();
    void titles_data();
    void titles();
};

void TestFolderStructure::everySettingsNameIsKnown()
{
    const QStringList names = folderStructureNames();
    QCOMPARE(names.size(), 10);
    QCOMPARE(FolderStructure::all().size(), 10);
    for (const QString &n : names) {
        const auto fs = FolderStructure::find(n);
        QVERIFY2(fs.has_value(), qPrintable(n));
        QCOMPARE(fs->name(), n);
        QCOMPARE(fs->levels().last(), L::Dataset);
    }
}

void TestFolderStructure::levels_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QVector<L>>("levels");
    QTest::addColumn<OwnerKind>("owner");
    QTest::newRow("1") << "Username / Dataset" << QVector<L>{L::Username, L::Dataset} << OwnerKind::Username;
    QTest::newRow("2") << "Email / Dataset" << QVector<L>{L::Email, L::Dataset} << OwnerKind::Email;
    QTest::newRow("3") << "Username / Experiment / Dataset" << QVector<L>{L::Username, L::Experiment, L::Dataset}
                       << OwnerKind::Username;
    QTest::newRow("4") << "Email / Experiment / Dataset" << QVector<L>{L::Email, L::Experiment, L::Dataset}
                       << OwnerKind::Email;
    QTest::newRow("5") << "Username / \"MyTardis\" / Experiment / Dataset"
                       << QVector<L>{L::Username, L::MyTardis, L::Experiment, L::Dataset} << OwnerKind::Username;
    QTest::newRow("6") << "User Group / Instrument / Full Name / Dataset"
                       << QVector<L>{L::UserGroup, L::Instrument, L::FullName, L::Dataset} << OwnerKind::Group;
    QTest::newRow("7") << "Experiment / Dataset" << QVector<L>{L::Experiment, L::Dataset} << OwnerKind::None;
    QTest::newRow("8") << "Dataset" << QVector<L>{L::Dataset} << OwnerKind::None;
    QTest::newRow("9") << "User Group / Dataset" << QVector<L>{L::UserGroup, L::Dataset} << OwnerKind::Group;
    QTest::newRow("10") << "User Group / Experiment / Dataset" << QVector<L>{L::UserGroup, L::Experiment, L::Dataset}
                        << OwnerKind::Group;
}

void TestFolderStructure::levels()
{
    QFETCH(QString, name);
    QFETCH(QVector<L>, levels);
    QFETCH(OwnerKind, owner);
    const auto fs = FolderStructure::find(name);
    QVERIFY(fs);
    QVERIFY(fs->levels() == levels);
    QCOMPARE(fs->ownerKind(), owner);
}

void TestFolderStructure::lenientNames()
{
    QCOMPARE(FolderStructure::find(QStringLiteral("username/dataset"))->name(), QStringLiteral("Username / Dataset"));
    QCOMPARE(FolderStructure::find(QStringLiteral("  User Group/Experiment /  Dataset "))->name(),
             QStringLiteral("User Group / Experiment / Dataset"));
    QVERIFY(!FolderStructure::find(QStringLiteral("Username / Whatever")));
    QVERIFY(!FolderStructure::find(QString()));
}

void TestFolderStructure::titles_data()
{
    QTest::addColumn<QString>("structure");
    QTest::addColumn<QString>("fullName"); // the owner's full name as the server knows it
    QTest::addColumn<QString>("expected");
    // Folders of the dataset used in every row (unused ones are ignored).
    QTest::newRow("Username / Dataset") << "Username / Dataset" << "Alice Smith" << "Microscope - Alice Smith";
    QTest::newRow("Username / Dataset, no full name") << "Username / Dataset" << "" << "Microscope - alice";
    QTest::newRow("Email / Dataset") << "Email / Dataset" << "Alice Smith" << "Microscope - Alice Smith";
    QTest::newRow("Username / Experiment / Dataset") << "Username / Experiment / Dataset" << "Alice" << "Exp 1";
    QTest::newRow("Email / Experiment / Dataset") << "Email / Experiment / Dataset" << "Alice" << "Exp 1";
    QTest::newRow("MyTardis") << "Username / \"MyTardis\" / Experiment / Dataset" << "Alice" << "Exp 1";
    QTest::newRow("Group / Instrument / Full Name") << "User Group / Instrument / Full Name / Dataset" << "x"
                                                    << "Microscope - Jane Doe";
    QTest::newRow("Experiment / Dataset") << "Experiment / Dataset" << "" << "Exp 1";
    QTest::newRow("Dataset, facility account named") << "Dataset" << "Facility Account" << "Microscope - Facility Account";
    QTest::newRow("Dataset, no name") << "Dataset" << "" << "Microscope";
    QTest::newRow("User Group / Dataset") << "User Group / Dataset" << "" << "Lab A";
    QTest::newRow("User Group / Experiment / Dataset") << "User Group / Experiment / Dataset" << "" << "Lab A - Exp 1";
    QTest::newRow("unknown structure") << "Nope" << "" << "";
}

void TestFolderStructure::titles()
{
    QFETCH(QString, structure);
    QFETCH(QString, fullName);
    QFETCH(QString, expected);
    ScannedDataset ds;
    ds.userFolder = QStringLiteral(" alice ");
    ds.groupFolder = QStringLiteral("Lab A");
    ds.experimentFolder = QStringLiteral("Exp 1");
    ds.instrumentFolder = QStringLiteral("microscope");
    ds.fullNameFolder = QStringLiteral("Jane Doe");
    ds.datasetName = QStringLiteral("D1");
    QCOMPARE(experimentTitle(ds, structure, QStringLiteral("Microscope"), fullName), expected);
}

QTEST_GUILESS_MAIN(TestFolderStructure)
#include "tst_folderstructure.moc"
