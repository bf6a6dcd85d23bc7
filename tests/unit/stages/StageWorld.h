#pragma once

// What the stages' unit tests share: a data folder on the local disk, an
// in-process catalogue (FakeCatalogue) that knows the facility account, a
// facility and an instrument, settings in memory, a journal, a clock that
// skips waits, and a sink that records what the stages report.
#include "FakeCatalogue.h"
#include "settings/Settings.h"
#include "sync/Journal.h"
#include "sync/RunEventSink.h"
#include "sync/RunPreparation.h"
#include "transfer/SshIdentity.h"
#include "util/Clock.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace tardigrade::test {

struct RecordingSink : RunEventSink {
    QMutex mutex;
    QStringList stages, messages;
    QVector<FileEvent> files;
    QVector<DatasetEvent> datasets;
    QVector<OwnerEvent> owners;
    QVector<QVector<LookupEvent>> lookups; // one batch per dataset

    void stageReached(const QString &s) override
    {
        QMutexLocker l(&mutex);
        stages << s;
    }
    void ownerResolved(const OwnerEvent &e) override
    {
        QMutexLocker l(&mutex);
        owners << e;
    }
    void datasetChanged(const DatasetEvent &e) override
    {
        QMutexLocker l(&mutex);
        datasets << e;
    }
    void fileChanged(const FileEvent &e) override
    {
        QMutexLocker l(&mutex);
        files << e;
    }
    void filesLookedUp(const QVector<LookupEvent> &e) override
    {
        QMutexLocker l(&mutex);
        lookups << e;
    }
    // The last look-up reported for a file, by its name.
    std::optional<LookupEvent> lookupOf(const QString &name)
    {
        QMutexLocker l(&mutex);
        for (int i = lookups.size() - 1; i >= 0; --i)
            for (const LookupEvent &e : lookups.at(i))
                if (e.path.endsWith(QLatin1Char('/') + name))
                    return e;
        return std::nullopt;
    }
    void message(const QString &m) override
    {
        QMutexLocker l(&mutex);
        messages << m;
    }
    // The last state reported for a file.
    FileState lastState(const QString &path)
    {
        QMutexLocker l(&mutex);
        for (int i = files.size() - 1; i >= 0; --i)
            if (files.at(i).path == path)
                return files.at(i).state;
        return FileState::Found;
    }
};

class StageWorld {
public:
    QTemporaryDir tmp;
    FakeCatalogue catalogue;
    FakeClock clock{QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC)};
    Facility facility;
    Instrument instrument;
    std::unique_ptr<Journal> journal;
    RecordingSink sink;

    StageWorld()
    {
        facility = catalogue.addFacility(QStringLiteral("Facility"));
        instrument = catalogue.addInstrument(facility, QStringLiteral("Instrument"));
        catalogue.addUser(QStringLiteral("alice"), QStringLiteral("Alice"), QStringLiteral("Smith"));
        QDir().mkpath(dataDir());
        auto opened = Journal::open(tmp.filePath(QStringLiteral("journal.sqlite")), catalogue.config().url);
        if (opened)
            journal = std::move(opened).value();
    }

    QString dataDir() const { return tmp.filePath(QStringLiteral("data")); }

    // The installation's SSH key, made once per test program (RSA 4096
    // takes a second) and copied into this world's settings folder.
    SshIdentity installKey()
    {
        static QTemporaryDir keys;
        static const auto made = SshIdentity::loadOrCreate(keys.filePath(QStringLiteral("MyData.cfg")));
        QDir().mkpath(QFileInfo(configFile()).absolutePath());
        const QString to = QFileInfo(configFile()).absolutePath() + QStringLiteral("/tardigrade_id");
        QFile::copy(made->privateKeyPath(), to);
        QFile::copy(made->publicKeyPath(), to + QStringLiteral(".pub"));
        QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return *SshIdentity::loadOrCreate(configFile());
    }
    QString configFile() const { return tmp.filePath(QStringLiteral("config/MyData.cfg")); }

    // data/<relative>, `size` bytes of a pattern; the absolute path.
    QString write(const QString &relative, qint64 size, char fill = 'x')
    {
        const QString path = dataDir() + QLatin1Char('/') + relative;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(QByteArray(int(size), fill));
        return path;
    }

    Settings settings() const
    {
        Settings s;
        s.setRawValue(SettingKey::MytardisUrl, catalogue.config().url);
        s.setRawValue(SettingKey::Username, catalogue.config().username);
        s.setRawValue(SettingKey::ApiKey, catalogue.config().apiKey);
        s.setRawValue(SettingKey::FacilityName, facility.name);
        s.setRawValue(SettingKey::InstrumentName, instrument.name);
        s.setRawValue(SettingKey::ContactName, QStringLiteral("Tester"));
        s.setRawValue(SettingKey::ContactEmail, QStringLiteral("tester@example.org"));
        s.setRawValue(SettingKey::DataDirectory, dataDir());
        s.setRawValue(SettingKey::FolderStructure, QStringLiteral("Username / Dataset"));
        s.setRawValue(SettingKey::IgnoreNewFiles, QStringLiteral("False"));
        s.setRawValue(SettingKey::Uuid, QStringLiteral("11111111-2222-3333-4444-555555555555"));
        return s;
    }

    // A run prepared as RunPreparation would leave it, by HTTP POST.
    PreparedRun prepared(UploadMethod method = UploadMethod::Post)
    {
        PreparedRun p;
        p.settings = settings();
        RunContext &c = p.context;
        c.configFile = configFile();
        c.client = catalogue.config();
        c.makeCatalogue = catalogue.factory();
        c.uploader.method = method;
        c.uploader.chunkedAbove = 4096;
        c.uploaderUuid = p.settings.uuid();
        c.stagingLocation = "/staging";
        c.journal = journal.get();
        c.clock = &clock;
        c.verificationDelaySecs = 3;
        p.account = *catalogue.checkCredentials();
        p.facility = facility;
        p.instrument = instrument;
        return p;
    }
};

} // namespace tardigrade::test
