#include "FolderStructure.h"

#include <QRegularExpression>

namespace tardigrade {

namespace {
QString normalised(const QString &name)
{
    static const QRegularExpression spaces(QStringLiteral("\\s*/\\s*"));
    QString n = name.trimmed().toLower();
    n.replace(spaces, QStringLiteral("/"));
    return n;
}
} // namespace

const QVector<FolderStructure> &FolderStructure::all()
{
    using L = Level;
    static const QVector<FolderStructure> table = {
        {QStringLiteral("Username / Dataset"), {L::Username, L::Dataset}},
        {QStringLiteral("Email / Dataset"), {L::Email, L::Dataset}},
        {QStringLiteral("Username / Experiment / Dataset"), {L::Username, L::Experiment, L::Dataset}},
        {QStringLiteral("Email / Experiment / Dataset"), {L::Email, L::Experiment, L::Dataset}},
        {QStringLiteral("Username / \"MyTardis\" / Experiment / Dataset"),
         {L::Username, L::MyTardis, L::Experiment, L::Dataset}},
        {QStringLiteral("User Group / Instrument / Full Name / Dataset"),
         {L::UserGroup, L::Instrument, L::FullName, L::Dataset}},
        {QStringLiteral("Experiment / Dataset"), {L::Experiment, L::Dataset}},
        {QStringLiteral("Dataset"), {L::Dataset}},
        {QStringLiteral("User Group / Dataset"), {L::UserGroup, L::Dataset}},
        {QStringLiteral("User Group / Experiment / Dataset"), {L::UserGroup, L::Experiment, L::Dataset}},
    };
    return table;
}

std::optional<FolderStructure> FolderStructure::find(const QString &name)
{
    const QString wanted = normalised(name);
    for (const FolderStructure &fs : all())
        if (normalised(fs.name()) == wanted)
            return fs;
    return std::nullopt;
}

OwnerKind FolderStructure::ownerKind() const
{
    if (has(Level::Username))
        return OwnerKind::Username;
    if (has(Level::Email))
        return OwnerKind::Email;
    if (has(Level::UserGroup))
        return OwnerKind::Group;
    return OwnerKind::None;
}

} // namespace tardigrade
