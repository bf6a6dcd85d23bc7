// Starting the tray application twice for one settings folder (the
// installer's login entry and the settings' own, or a second double click)
// leaves one running: the second start hands over to the first and exits.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestGuiStart : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QProcess *start(const QString &cfg)
    {
        auto *p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("TARDIGRADE_SECRET_STORE"), QStringLiteral("file"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(QStringLiteral(TARDIGRADE_BIN), {QStringLiteral("--config"), cfg});
        return p;
    }

private slots:
    void secondStartHandsOverAndExits()
    {
        QVERIFY(m_dir.isValid());
        const QString cfg = m_dir.filePath(QStringLiteral("conf/MyData.cfg"));
        QVERIFY(QDir().mkpath(QFileInfo(cfg).absolutePath()));
        QFile f(cfg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[MyData]\ninstrument_name = Start Check\nschedule_type = Manually\n");
        f.close();

        QProcess *first = start(cfg);
        QVERIFY(first->waitForStarted(5000));
        // The first holds the user's lock (in the user's own Tardigrade
        // folder, whatever --config says) once it runs.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath(QStringLiteral("xdg/tardigrade/tardigrade.lock"))), 10000);
        QProcess *second = start(cfg);
        QVERIFY2(second->waitForFinished(10000), "the second start kept running beside the first");
        QCOMPARE(second->exitStatus(), QProcess::NormalExit);
        QCOMPARE(second->exitCode(), 0);
        QCOMPARE(first->state(), QProcess::Running);

        // Other settings: one tray app per user still, and the start that
        // asked for them says which settings the running one uses.
        const QString other = m_dir.filePath(QStringLiteral("other/MyData.cfg"));
        QVERIFY(QDir().mkpath(QFileInfo(other).absolutePath()));
        QVERIFY(QFile::copy(cfg, other));
        QProcess *third = start(other);
        QVERIFY2(third->waitForFinished(10000), "a second tray app started beside the first");
        QCOMPARE(third->exitCode(), 1);
        const QString said = QString::fromUtf8(third->readAll());
        QVERIFY2(said.contains(QStringLiteral("Tardigrade is already running with the settings in %1: quit it")
                                   .arg(QDir::toNativeSeparators(QFileInfo(cfg).absoluteFilePath()))),
                 qPrintable(said));
        QCOMPARE(first->state(), QProcess::Running);

        first->terminate();
        if (!first->waitForFinished(5000)) {
            first->kill();
            first->waitForFinished(5000);
        }
    }
};

QTEST_GUILESS_MAIN(TestGuiStart)
#include "tst_guistart.moc"
