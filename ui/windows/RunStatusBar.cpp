#include "RunStatusBar.h"

#include "SteadyWidth.h"
#include "app/RunStatus.h"
#include "models/Formatting.h"

#include <QLabel>
#include <QProgressBar>

namespace tardigrade::ui {

RunStatusBar::RunStatusBar(const RunStatus &status, QWidget *parent)
    : QStatusBar(parent), m_status(status), m_stage(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_bytes(new QLabel(this)), m_speed(new QLabel(this)), m_eta(new QLabel(this)), m_next(new QLabel(this))
{
    m_stage->setObjectName(QStringLiteral("stage"));
    m_stage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The stage takes what the counts leave: its text (long when a run
    // fails) never pushes them, and the full sentence is in its tooltip.
    const int charWidth = fontMetrics().averageCharWidth();
    m_stage->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_stage->setMinimumWidth(charWidth * 12);
    m_bar->setRange(0, 1000);
    // Up to 26 characters wide, down to 10 in a window on a small screen
    // (1280x800 at 200% leaves 640 pixels for all of it).
    m_bar->setMinimumWidth(charWidth * 10);
    m_bar->setMaximumWidth(charWidth * 26);
    m_bar->setMaximumHeight(fontMetrics().height() + 4);
    m_bar->setTextVisible(false);
    m_bytes->setObjectName(QStringLiteral("bytes"));
    m_speed->setObjectName(QStringLiteral("speed"));
    m_eta->setObjectName(QStringLiteral("eta"));
    m_next->setObjectName(QStringLiteral("next"));
    // Each as wide as its widest text: the bar and the labels stay put as
    // the counts tick and the ETA goes from hours to seconds. The counts are
    // right-aligned like a table's; the ETA, last, keeps close to them.
    reserveWidthFor(m_bytes, {bytesOf(888'800'000, 888'800'000'000), bytesOf(888'800'000, 888'800'000)});
    reserveWidthFor(m_speed, {formatSpeed(888'800'000)});
    reserveWidthFor(m_eta, {etaOf(888 * 3600 + 58 * 60), etaOf(58 * 60 + 58), etaOf(0)});
    for (QLabel *l : {m_bytes, m_speed})
        l->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Room beyond the counts goes two parts to the stage, one to the bar.
    addWidget(m_stage, 2);
    addPermanentWidget(m_bar, 1);
    addPermanentWidget(m_bytes);
    addPermanentWidget(m_speed);
    addPermanentWidget(m_eta);
    addPermanentWidget(m_next);
    connect(&status, &RunStatus::changed, this, &RunStatusBar::update);
    update();
}

QString RunStatusBar::stageText() const
{
    return m_stage->text();
}
QString RunStatusBar::bytesText() const
{
    return m_bytes->text();
}
QString RunStatusBar::speedText() const
{
    return m_speed->text();
}
QString RunStatusBar::etaText() const
{
    return m_eta->text();
}
QString RunStatusBar::nextRunText() const
{
    return m_next->text();
}
int RunStatusBar::progressValue() const
{
    return m_bar->value();
}
bool RunStatusBar::progressVisible() const
{
    return !m_bar->isHidden();
}

QString RunStatusBar::bytesOf(qint64 done, qint64 total)
{
    return tr("%1 of %2").arg(formatBytes(done), formatBytes(total));
}

QString RunStatusBar::etaOf(int seconds)
{
    return seconds < 0 ? QString() : tr("%1 left").arg(formatEta(seconds));
}

void RunStatusBar::update()
{
    const ProgressEvent &p = m_status.progress();
    const bool running = m_status.isRunning();
    m_stage->setText(m_status.statusLine());
    m_stage->setToolTip(m_status.statusLine());

    m_bar->setVisible(running);
    if (running) {
        if (p.bytesTotal > 0) {
            m_bar->setRange(0, 1000);
            m_bar->setValue(int(qBound(qint64(0), p.bytesDone * 1000 / p.bytesTotal, qint64(1000))));
        } else if (p.filesTotal > 0) {
            m_bar->setRange(0, 1000);
            m_bar->setValue(qBound(0, p.filesDone * 1000 / p.filesTotal, 1000));
        } else {
            m_bar->setRange(0, 0); // busy: checking settings, scanning, looking up
        }
    }
    // While a run goes the three keep their place even when empty, so that
    // one appearing does not push the others.
    for (QLabel *l : {m_bytes, m_speed, m_eta})
        l->setVisible(running);
    m_bytes->setText(running && p.bytesTotal > 0 ? bytesOf(p.bytesDone, p.bytesTotal) : QString());
    // A speed and an ETA only while bytes move: once all are sent the run
    // waits for the server's verifications, and the engine's last rate
    // would be stale.
    const bool verifying = p.stage == QLatin1String("Verifying");
    const bool bytesLeft = p.bytesTotal <= 0 || p.bytesDone < p.bytesTotal;
    const bool moving = running && !verifying && bytesLeft;
    m_speed->setText(moving ? formatSpeed(p.bytesPerSecond) : QString());
    m_eta->setText(moving ? etaOf(p.etaSeconds) : QString());
    // The next run is for the idle window; during a run its room goes to
    // the counts, so that the whole bar fits a small screen.
    m_next->setText(m_status.nextRunText());
    m_next->setVisible(!running && !m_next->text().isEmpty());
}

} // namespace tardigrade::ui
