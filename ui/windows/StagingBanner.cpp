#include "StagingBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace tardigrade::ui {

StagingBanner::StagingBanner(QWidget *parent)
    : QFrame(parent), m_text(new QLabel(this)), m_request(new QPushButton(tr("Request Staging Access…"), this))
{
    setObjectName(QStringLiteral("stagingBanner"));
    // The settings dialog's "locked" banner colours: a notice, not an error.
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xd6));
    p.setColor(QPalette::WindowText, QColor(0x5d, 0x40, 0x00));
    setPalette(p);
    setFrameShape(QFrame::NoFrame);

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize) * 3 / 2;
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse); // the fingerprint, to compare or paste
    m_request->setToolTip(tr("Register this computer with the MyTardis server and show the key to send to the "
                             "administrator"));
    connect(m_request, &QPushButton::clicked, this, &StagingBanner::requestClicked);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(10);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_request, 0, Qt::AlignVCenter);
    hide(); // until a run says approval is awaited
}

void StagingBanner::setAccess(const StagingAccess &access)
{
    if (access.state == StagingState::Unknown)
        return;
    if (!access.awaitingApproval()) {
        hide();
        return;
    }
    const QString fingerprint =
        access.fingerprint.isEmpty() ? QString() : tr(" (key fingerprint <tt>%1</tt>)").arg(access.fingerprint);
    const QString why = access.state == StagingState::NotRequested
                            ? tr("<b>Files are uploaded by HTTP POST: this computer has not asked for staging "
                                 "access yet.</b>")
                            : tr("<b>Files are uploaded by HTTP POST until staging access is approved.</b>");
    m_text->setText(why + QLatin1Char(' ') +
                    tr("A MyTardis administrator must add this computer's public key%1 to the staging account "
                       "and approve its uploader registration request in MyTardis's admin pages.")
                        .arg(fingerprint));
    show();
}

QString StagingBanner::text() const
{
    return m_text->text();
}

} // namespace tardigrade::ui
