#include "OkServerChecks.h"

#include "app/BackgroundTask.h"

#include <QWidget>

namespace tardigrade::ui {

OkServerChecks::OkServerChecks(const QString &configFile, QWidget *dialog)
    : QObject(dialog), m_configFile(configFile), m_dialog(dialog), m_task(new BackgroundTask(this))
{
}

OkServerChecks::~OkServerChecks() = default;

void OkServerChecks::start(const Settings &fields, const QString &savedInstrumentName, const QString &publicKeyFile)
{
    cancel();
    m_settings = fields;
    m_review.reset();
    m_change = InstrumentChange::None;
    m_running = true;
    emit busy(tr("Checking the settings with MyTardis and counting the datasets…"));
    const QString configFile = m_configFile;
    m_task->run<SettingsReview>(
        QStringLiteral("tardigrade-settings-check"),
        [fields, savedInstrumentName, configFile, publicKeyFile](const std::atomic_bool *cancel) {
            return reviewSettings(fields, savedInstrumentName, configFile, publicKeyFile, cancel);
        },
        [this](const SettingsReview &review) { reviewed(review); });
}

void OkServerChecks::cancel()
{
    m_task->cancel();
    m_running = false;
}

void OkServerChecks::end()
{
    m_running = false;
}

void OkServerChecks::reviewed(const SettingsReview &review)
{
    m_review = review;
    emit busy(tr("Checked: waiting for your answer…")); // a question may follow
    const ServerCheckResult &server = review.server;
    // No server at the URL (offline, or a typo): the settings may still be
    // right, and the user must not be kept from saving them.
    if (server.serverUnreachable) {
        const bool save = m_questions.saveAnyway(m_dialog, server.failures.value(0));
        end();
        if (save)
            emit passed(m_settings);
        else
            emit failed(review.problems());
        return;
    }
    if (review.facilityMissing && !review.managedFacilities.isEmpty()) {
        QStringList names;
        for (const Facility &f : review.managedFacilities)
            names << f.name;
        // The facility's sentence is the last of the server's: nothing is checked after it.
        const QString chosen =
            m_questions.pickFacility(m_dialog, server.failures.value(server.failures.size() - 1), names);
        if (!chosen.isEmpty()) {
            end();
            emit facilityChosen(chosen);
            return;
        }
    }
    if (!review.problems().isEmpty()) {
        end();
        emit failed(review.problems());
        return;
    }
    if (review.instrumentMissing()) {
        // Only answers here: the change is made after the last question.
        const QString instrument = m_settings.instrumentName().trimmed();
        if (review.renameFrom && m_questions.renameInstrument(m_dialog, review.renameFrom->name, instrument)) {
            m_change = InstrumentChange::Rename;
        } else if (m_questions.createInstrument(m_dialog, instrument, server.facility->name)) {
            m_change = InstrumentChange::Create;
        } else {
            end();
            // English on purpose, as the server check's sentences are: the
            // dialog finds the field to highlight by the key named in it.
            emit failed({QStringLiteral("Instrument \"%1\" is not in facility \"%2\" on MyTardis; choose OK again "
                                        "to create it, or set instrument_name to an instrument that exists.")
                             .arg(instrument, server.facility->name)});
            return;
        }
    }
    askToContinue();
}

void OkServerChecks::askToContinue()
{
    const QString to = m_settings.instrumentName().trimmed();
    QStringList details;
    if (m_change == InstrumentChange::Rename)
        details << tr("Saving renames instrument \"%1\" to \"%2\" on MyTardis.").arg(m_review->renameFrom->name, to);
    else if (m_change == InstrumentChange::Create)
        details << tr("Saving creates instrument \"%1\" in facility \"%2\" on MyTardis.")
                       .arg(to, m_review->server.facility->name);
    if (!m_review->stagingSentence.isEmpty())
        details << m_review->stagingSentence;
    const bool go =
        m_questions.continueWithDatasets(m_dialog, m_review->datasetCount.value_or(0), details.join(QLatin1Char(' ')));
    if (!go) {
        end();
        emit stopped(); // nothing made on the server, nothing saved
        return;
    }
    if (m_change == InstrumentChange::None) {
        end();
        emit passed(m_settings);
        return;
    }
    makeChangeThenPass();
}

void OkServerChecks::makeChangeThenPass()
{
    const Settings settings = m_settings;
    const QString configFile = m_configFile;
    const bool rename = m_change == InstrumentChange::Rename;
    const Instrument from = rename ? *m_review->renameFrom : Instrument();
    const QString to = settings.instrumentName().trimmed();
    emit busy(rename ? tr("Renaming instrument \"%1\" to \"%2\"…").arg(from.name, to)
                     : tr("Creating instrument \"%1\"…").arg(to));
    m_task->run<Result<Instrument>>(
        QStringLiteral("tardigrade-settings-change"),
        [settings, configFile, rename, from](const std::atomic_bool *cancel) {
            return rename ? renameInstrumentFromSettings(settings, from, cancel)
                          : createInstrumentFromSettings(settings, configFile, cancel);
        },
        [this](const Result<Instrument> &made) {
            end();
            if (!made) {
                emit failed({made.error().message}); // listed; the settings stay unsaved
                return;
            }
            emit passed(m_settings);
        });
}

} // namespace tardigrade::ui
