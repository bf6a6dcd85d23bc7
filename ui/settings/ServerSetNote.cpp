#include "ServerSetNote.h"

#include "FieldLabels.h"
#include "settings/ServerSetSettings.h"

#include <QVariant>

namespace tardigrade::ui {

namespace {
const char *const kOwnToolTip = "tardigradeOwnToolTip"; // the field's tooltip before it was marked
} // namespace

ServerSetNote::ServerSetNote(FieldFinder fieldFor, QWidget *parent) : QLabel(parent), m_fieldFor(std::move(fieldFor))
{
    setWordWrap(true);
    setMargin(6);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xe3, 0xf2, 0xfd));
    p.setColor(QPalette::WindowText, QColor(0x0d, 0x3c, 0x61));
    setPalette(p);
    hide();
}

void ServerSetNote::unmarkFields()
{
    for (const QPointer<QWidget> &w : std::as_const(m_marked))
        if (w) {
            w->setToolTip(w->property(kOwnToolTip).toString());
            w->setProperty(markProperty(), false);
        }
    m_marked.clear();
}

void ServerSetNote::showFor(const QString &configFile, const Settings &settings)
{
    unmarkFields();
    m_keys = ServerSetSettings::inForce(settings, ServerSetSettings::read(configFile));
    if (m_keys.isEmpty()) {
        hide();
        return;
    }
    const QString why = tr("Set by a facility manager on the server. Changed here, it stays as you set it until "
                           "they change it there again.");
    QStringList labels;
    for (const QString &name : std::as_const(m_keys)) {
        const SettingSpec *spec = findSetting(name);
        const QString label = spec ? FieldLabels::of(spec->id, settings.folderStructure()) : QString();
        labels << (label.isEmpty() ? name : label);
        QWidget *field = spec ? m_fieldFor(spec->id) : nullptr;
        if (!field || m_marked.contains(field))
            continue;
        field->setProperty(kOwnToolTip, field->toolTip());
        field->setProperty(markProperty(), true);
        field->setToolTip(field->toolTip().isEmpty() ? why : field->toolTip() + QStringLiteral("\n\n") + why);
        m_marked << field;
    }
    setText(tr("Set by a facility manager on the server: %1.").arg(labels.join(QStringLiteral(", "))));
    setToolTip(why);
    show();
}

} // namespace tardigrade::ui
