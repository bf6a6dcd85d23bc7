#pragma once

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFormLayout>
#include <QMap>
#include <QLineEdit>
#include <QString>
#include <QWidget>

#include "settings/SettingsSchema.h"

namespace tardigrade {
class Settings;
}

namespace tardigrade::ui {

// One page of the settings dialog: shows some keys of Settings, writes them
// back, and can be made read-only (locked settings). Each field is
// registered under its key, so a validation sentence naming a key can point
// at its widget.
class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(QWidget *parent = nullptr) : QWidget(parent) {}

    virtual QString title() const = 0;
    virtual void load(const Settings &settings) = 0;
    virtual void store(Settings &settings) const = 0;

    void setReadOnly(bool readOnly)
    {
        m_readOnly = readOnly;
        updateEnabled();
        // A read-only line edit looks like any other in most styles: give
        // it the window's background so locked fields look locked.
        const auto edits = findChildren<QLineEdit *>();
        for (QLineEdit *e : edits) {
            if (qobject_cast<QAbstractSpinBox *>(e->parentWidget()) || qobject_cast<QComboBox *>(e->parentWidget()))
                continue;
            if (!e->isReadOnly()) {
                e->setPalette(QPalette()); // inherit again, disabled look included
                continue;
            }
            QPalette p = e->palette();
            for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive})
                p.setColor(g, QPalette::Base, palette().color(g, QPalette::Window));
            e->setPalette(p);
        }
    }
    bool isReadOnly() const { return m_readOnly; }

    QWidget *fieldFor(SettingKey key) const { return m_fields.value(key); }
    QList<SettingKey> keys() const { return m_fields.keys(); }
    // The name a sentence gives the field, where no label beside it says it.
    QString fieldLabel(SettingKey key) const { return m_labels.value(key); }

protected:
    // Applies read-only and the page's own rules (e.g. schedule type).
    virtual void updateEnabled() = 0;
    void registerField(SettingKey key, QWidget *widget, const QString &label = {})
    {
        m_fields.insert(key, widget);
        if (!label.isEmpty())
            m_labels.insert(key, label);
    }
    // One look for every form of every page: labels left-aligned in a
    // column of the same width on all pages, only line edits stretched
    // (spin boxes and combos keep their natural width).
    void tidyForm(QFormLayout *form) const
    {
        form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        const int width = fontMetrics().horizontalAdvance(tr("Experiment folders:")) + 16;
        for (int row = 0; row < form->rowCount(); ++row)
            if (QLayoutItem *label = form->itemAt(row, QFormLayout::LabelRole))
                if (QWidget *w = label->widget())
                    w->setMinimumWidth(width);
    }

private:
    QMap<SettingKey, QWidget *> m_fields;
    QMap<SettingKey, QString> m_labels;
    bool m_readOnly = false;
};

} // namespace tardigrade::ui
