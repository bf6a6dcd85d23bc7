#include "OwnerResolver.h"

#include "Catalogue.h"
#include "CatalogueThreads.h"
#include "util/Log.h"

#include <QSet>

namespace tardigrade {

QString OwnerResolution::resolvedName() const
{
    if (skipped)
        return {};
    if (group && valid)
        return group->name;
    if (user)
        return valid && kind != OwnerKind::None ? user->username
                                                : user->username + QStringLiteral(" (facility account)");
    return {};
}

OwnerResolver::OwnerResolver(CatalogueReader &client, OwnerResolverOptions options)
    : m_client(client), m_options(std::move(options))
{
}

Result<OwnerResolution> OwnerResolver::resolve(const ScannedDataset &dataset)
{
    return resolve(dataset.ownerKind, dataset.owner);
}

OwnerResolution OwnerResolver::invalid(OwnerKind kind, const QString &owner, const QString &why) const
{
    OwnerResolution r;
    r.kind = kind;
    r.owner = owner;
    r.valid = false;
    if (m_options.uploadInvalidUserFolders) {
        r.user = m_options.facilityAccount;
        r.reason = why + QStringLiteral(
                             ": its datasets go to the facility account \"%1\" (upload_invalid_user_folders is True).")
                             .arg(m_options.facilityAccount.username);
    } else {
        r.skipped = true;
        r.reason = why + QStringLiteral(": its datasets are skipped (set upload_invalid_user_folders to True to upload "
                                        "them to the facility account).");
    }
    return r;
}

OwnerResolution OwnerResolver::userOrInvalid(OwnerKind kind, const QString &owner, const std::optional<User> &user,
                                             const QString &noMatch) const
{
    if (!user)
        return invalid(kind, owner, noMatch.arg(owner));
    OwnerResolution r;
    r.kind = kind;
    r.owner = owner;
    r.valid = true;
    r.user = *user;
    return r;
}

QString OwnerResolver::keyOf(OwnerKind kind, const QString &owner)
{
    return ownerKindName(kind) + QLatin1Char('\x1f') + owner;
}

const OwnerResolution *OwnerResolver::known(const ScannedDataset &dataset) const
{
    const auto it = m_memo.constFind(keyOf(dataset.ownerKind, dataset.owner));
    return it == m_memo.constEnd() ? nullptr : &*it;
}

void OwnerResolver::remember(const QString &key, const OwnerResolution &r)
{
    if (!r.valid)
        qCInfo(lcCatalogue) << r.reason;
    m_memo.insert(key, r);
}

Result<OwnerResolution> OwnerResolver::resolve(OwnerKind kind, const QString &owner)
{
    const QString key = keyOf(kind, owner);
    const auto it = m_memo.constFind(key);
    if (it != m_memo.constEnd())
        return *it;
    auto r = lookUp(m_client, kind, owner);
    if (!r)
        return r.error();
    remember(key, *r);
    return r;
}

void OwnerResolver::prefetch(const QVector<ScannedDataset> &datasets, CatalogueReader &here,
                             const CatalogueFactory &make, const ClientConfig &config, int threads,
                             const std::atomic_bool *cancel)
{
    // Each distinct owner folder once, in the scan's order.
    QVector<QPair<OwnerKind, QString>> asks;
    QSet<QString> asked;
    for (const ScannedDataset &ds : datasets) {
        const QString key = keyOf(ds.ownerKind, ds.owner);
        if (m_memo.contains(key) || asked.contains(key))
            continue;
        asked.insert(key);
        asks.append({ds.ownerKind, ds.owner});
    }
    QVector<std::optional<Result<OwnerResolution>>> found(asks.size());
    forEachOnThreads(int(asks.size()), threads, here, make, config, cancel, [&](int i, CatalogueReader &reader) {
        found[i] = lookUp(reader, asks.at(i).first, asks.at(i).second);
    });
    for (int i = 0; i < asks.size(); ++i)
        if (found.at(i) && *found.at(i)) // not asked (cancelled) or failed: resolve() asks again
            remember(keyOf(asks.at(i).first, asks.at(i).second), found.at(i)->value());
}

Result<OwnerResolution> OwnerResolver::lookUp(CatalogueReader &reader, OwnerKind kind, const QString &owner) const
{
    OwnerResolution r;
    r.kind = kind;
    r.owner = owner;
    switch (kind) {
    case OwnerKind::None:
        r.valid = true;
        r.user = m_options.facilityAccount;
        break;
    case OwnerKind::Username: {
        if (owner.trimmed().isEmpty()) {
            r = invalid(kind, owner, QStringLiteral("A user folder has an empty name"));
            break;
        }
        auto u = reader.userByUsername(owner);
        if (!u)
            return u.error();
        r = userOrInvalid(kind, owner, *u, QStringLiteral("User folder \"%1\" matches no MyTardis username"));
        break;
    }
    case OwnerKind::Email: {
        if (!owner.contains(QLatin1Char('@'))) {
            r = invalid(kind, owner, QStringLiteral("Folder \"%1\" is not an email address").arg(owner));
            break;
        }
        auto u = reader.userByEmail(owner);
        if (!u)
            return u.error();
        r = userOrInvalid(kind, owner, *u, QStringLiteral("Email folder \"%1\" matches no MyTardis user"));
        break;
    }
    case OwnerKind::Group: {
        auto g = reader.groupByName(owner);
        if (!g)
            return g.error();
        if (g->has_value()) {
            r.valid = true;
            r.group = **g;
            r.user = m_options.facilityAccount; // groups' experiments belong to the facility account
        } else {
            r = invalid(
                kind, owner,
                QStringLiteral("Group folder \"%1\" matches no MyTardis group (group_prefix included)").arg(owner));
        }
        break;
    }
    }
    return r;
}

} // namespace tardigrade
