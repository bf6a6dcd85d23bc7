#include "ScpAnswer.h"

#include <QString>

namespace tardigrade {

bool ScpAnswer::feed(char byte)
{
    if (m_complete)
        return true;
    if (!m_haveCode) {
        m_haveCode = true;
        m_code = byte;
        m_complete = byte == 0;
        return m_complete;
    }
    if (byte != '\n')
        m_message.append(byte);
    m_complete = byte == '\n' || m_message.size() >= MaxMessage;
    return m_complete;
}

Status ScpAnswer::status() const
{
    if (!m_haveCode)
        return Error::transient(QStringLiteral("the staging host's scp sent no answer"));
    if (m_code == 0)
        return {};
    const QString text = QString::fromUtf8(m_message).trimmed();
    // 1: this file failed, the sink goes on; 2: the sink gave up.
    if (m_code == 1)
        return Error::permanent(text);
    if (m_code == 2)
        return Error::transient(text);
    // Any other byte is text where the protocol wants a code: most often the
    // staging account's shell start-up files print a greeting, which puts
    // every scp out of step.
    const QString shown = QString::fromUtf8(QByteArray(1, m_code).append(m_message)).simplified().left(80);
    return Error::transient(QStringLiteral("its scp sent text where the SCP protocol expects a status (\"%1\"): the "
                                           "staging account's shell start-up files must not print anything")
                                .arg(shown));
}

} // namespace tardigrade
