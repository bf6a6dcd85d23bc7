#include "StagingAccessDialog.h"

#include "ScreenFit.h"
#include "app/Icons.h"
#include "sync/RegisterFromSettings.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

namespace tardigrade::ui {

namespace {
const QColor kErrorText(0xb7, 0x1c, 0x1c);
const QColor kWaitingText(0x5d, 0x40, 0x00);
const QColor kApprovedText(0x1b, 0x5e, 0x20);

QLabel *wrappingLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

void setTextColour(QWidget *w, const QColor &colour)
{
    QPalette p = w->palette();
    p.setColor(QPalette::WindowText, colour);
    w->setPalette(p);
}
} // namespace

StagingAccessDialog::StagingAccessDialog(QWidget *parent)
    : QDialog(parent), m_busy(new QWidget(this)), m_busyBar(new QProgressBar(m_busy)), m_error(new QWidget(this)),
      m_errorText(wrappingLabel(m_error)), m_answer(new QWidget(this)), m_heading(new QLabel(m_answer)),
      m_state(wrappingLabel(m_answer)), m_key(new QPlainTextEdit(m_answer)),
      m_copy(new QPushButton(tr("Copy Key"), m_answer)), m_fingerprint(new QLabel(m_answer)),
      m_md5(new QLabel(m_answer)), m_adminSteps(wrappingLabel(m_answer)),
      m_checkAgain(new QPushButton(tr("Check Again"), this))
{
    setWindowTitle(tr("Staging Access"));
    setWindowIcon(appIcon());

    // Busy: the first request also makes the key, which takes a second.
    auto *busyText = new QLabel(tr("Registering this computer with the MyTardis server…"), m_busy);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    auto *busyRow = new QVBoxLayout(m_busy);
    busyRow->setContentsMargins(0, 0, 0, 0);
    busyRow->addWidget(busyText);
    busyRow->addWidget(m_busyBar);

    auto *errorIcon = new QLabel(m_error);
    errorIcon->setPixmap(stateIcon(RunStatus::State::Error).pixmap(24, 24));
    errorIcon->setAlignment(Qt::AlignTop);
    setTextColour(m_errorText, kErrorText);
    auto *errorRow = new QHBoxLayout(m_error);
    errorRow->setContentsMargins(0, 0, 0, 0);
    errorRow->addWidget(errorIcon);
    errorRow->addWidget(m_errorText, 1);

    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    m_heading->setFont(headingFont);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_key->setReadOnly(true); // selectable, not editable
    m_key->setFont(fixed);
    m_key->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_key->setWordWrapMode(QTextOption::WrapAnywhere); // base64 has no spaces to wrap at
    // Five whole lines of the key, no sliver of a sixth (the text starts one
    // document margin down); the rest scrolls, and Copy Key takes all of it.
    m_key->setFixedHeight(m_key->fontMetrics().height() * 5 + 2 * m_key->frameWidth() +
                          int(m_key->document()->documentMargin()));
    m_key->setToolTip(tr("The public half of this computer's SSH key: safe to send by email"));
    m_fingerprint->setFont(fixed);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_md5->setForegroundRole(QPalette::PlaceholderText);
    m_md5->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copy->setToolTip(tr("Put the public key on the clipboard, to paste into an email to the administrator"));
    m_copy->setMinimumWidth(m_copy->sizeHint().width()); // "Copied" must not make it jump
    connect(m_copy, &QPushButton::clicked, this, &StagingAccessDialog::copyKey);

    auto *keyLabel = new QLabel(tr("Public key:"), m_answer);
    auto *keyHeader = new QHBoxLayout;
    keyHeader->addWidget(keyLabel);
    keyHeader->addStretch(1);
    keyHeader->addWidget(m_copy);
    auto *fingerprintRow = new QFormLayout;
    fingerprintRow->setContentsMargins(0, 0, 0, 0);
    fingerprintRow->addRow(tr("Fingerprint:"), m_fingerprint);
    fingerprintRow->addRow(QString(), m_md5);

    auto *answer = new QVBoxLayout(m_answer);
    answer->setContentsMargins(0, 0, 0, 0);
    answer->addWidget(m_heading);
    answer->addWidget(m_state);
    answer->addSpacing(6);
    answer->addLayout(keyHeader);
    answer->addWidget(m_key);
    answer->addLayout(fingerprintRow);
    answer->addSpacing(6);
    answer->addWidget(m_adminSteps);

    m_checkAgain->setToolTip(tr("Ask the server again whether the request has been approved"));
    connect(m_checkAgain, &QPushButton::clicked, this, &StagingAccessDialog::checkAgainClicked);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_checkAgain, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_busy);
    layout->addWidget(m_error);
    layout->addWidget(m_answer);
    layout->addStretch(1);
    layout->addWidget(buttons);

    resizeToFit(this, QSize(640, 200));
    showBusy();
}

void StagingAccessDialog::showBusy()
{
    m_busy->show();
    m_error->hide();
    m_answer->hide();
    m_checkAgain->setEnabled(false);
}

void StagingAccessDialog::showError(const QString &sentence)
{
    m_errorText->setText(sentence);
    m_busy->hide();
    m_answer->hide();
    m_error->show();
    m_checkAgain->setText(tr("Try Again"));
    m_checkAgain->setEnabled(true);
    fitHeight();
}

void StagingAccessDialog::showRegistration(const RegisteredInstallation &registered)
{
    const InstallationRegistration &reg = registered.registration;
    const bool approved = reg.approved();
    m_heading->setText(approved ? tr("Staging access is approved") : tr("Waiting for the administrator's approval"));
    setTextColour(m_heading, approved ? kApprovedText : kWaitingText);
    m_state->setText(reg.stateSentence());
    m_key->setPlainText(QString::fromLatin1(reg.identity.publicKeyLine()));
    m_fingerprint->setText(QString::fromLatin1(reg.identity.fingerprintSha256()));
    m_md5->setText(tr("MD5 %1, as MyTardis lists the request").arg(QString::fromLatin1(reg.identity.fingerprintMd5())));
    // MyData's documentation of the same approval: the key goes into the
    // staging account first, then the request is approved with a storage box.
    m_adminSteps->setText(
        approved ? tr("Nothing more to do: files go to the staging host by SCP from the next run on.")
                 : tr("<b>What your MyTardis administrator must do:</b> add the public key above to "
                      "<tt>~/.ssh/authorized_keys</tt> of the staging account on the staging host; then, in "
                      "MyTardis's admin pages under <i>Uploader registration requests</i>, open the request for "
                      "the instrument “%1” (the fingerprint above tells it apart), tick <i>Approved</i>, choose the "
                      "staging storage box and save. Until then files are uploaded by HTTP POST; the first run "
                      "after approval switches to staging by itself.")
                       .arg(registered.settings.instrumentName().toHtmlEscaped()));
    m_busy->hide();
    m_error->hide();
    m_answer->show();
    m_checkAgain->setText(tr("Check Again"));
    m_checkAgain->setEnabled(true);
    fitHeight();
}

void StagingAccessDialog::fitHeight()
{
    // The width stays (adjustSize() would squeeze the paragraphs into a
    // narrow column); the height follows what the wrapped text needs.
    QLayout *l = layout();
    l->activate();
    const int needed = l->hasHeightForWidth() ? l->totalHeightForWidth(width()) : l->totalSizeHint().height();
    resize(width(), needed);
    if (isVisible())
        moveOntoScreen(this); // it grew downwards from where the busy dialog was placed
}

bool StagingAccessDialog::isBusy() const
{
    return !m_busy->isHidden();
}

QString StagingAccessDialog::publicKey() const
{
    return m_answer->isHidden() ? QString() : m_key->toPlainText();
}

QString StagingAccessDialog::fingerprint() const
{
    return m_answer->isHidden() ? QString() : m_fingerprint->text();
}

QString StagingAccessDialog::stateText() const
{
    return m_answer->isHidden() ? QString() : m_state->text();
}

QString StagingAccessDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_errorText->text();
}

void StagingAccessDialog::copyKey()
{
    QApplication::clipboard()->setText(m_key->toPlainText());
    m_copy->setText(tr("Copied"));
    QTimer::singleShot(2000, m_copy, [this] { m_copy->setText(tr("Copy Key")); });
}

} // namespace tardigrade::ui
