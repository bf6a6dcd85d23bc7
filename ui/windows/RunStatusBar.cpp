#include "RunStatusBar.h"

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
    m_stage->setMinimumWidth(200);
    m_bar->setRange(0, 1000);
    m_bar->setFixedWidth(fontMetrics().averageCharWidth() * 26);
    m_bar->setMaximumHeight(fontMetrics().height() + 4);
    m_bar->setTextVisible(false);
    addWidget(m_stage, 1);
    addPermanentWidget(m_bar);
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
    const auto show = [](QLabel *label, const QString &text) {
        label->setText(text);
        label->setVisible(!text.isEmpty());
    };
    show(m_bytes, running && p.bytesTotal > 0 ? tr("%1 of %2").arg(formatBytes(p.bytesDone), formatBytes(p.bytesTotal))
                                              : QString());
    show(m_speed, running ? formatSpeed(p.bytesPerSecond) : QString());
    show(m_eta, running && p.etaSeconds >= 0 ? tr("%1 left").arg(formatEta(p.etaSeconds)) : QString());
    show(m_next, m_status.nextRunText());
}

} // namespace tardigrade::ui
