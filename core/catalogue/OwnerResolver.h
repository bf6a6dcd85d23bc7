#pragma once

#include "Catalogue.h"
#include "Records.h"
#include "scan/ScanTypes.h"
#include "util/Result.h"

#include <QHash>
#include <QString>
#include <QVector>
#include <atomic>
#include <optional>

namespace tardigrade {

class CatalogueReader;

// Who a dataset's owner folder turned out to be on the server.
struct OwnerResolution {
    OwnerKind kind = OwnerKind::None;
    QString owner;              // the folder name as scanned (group: with group_prefix)
    bool valid = false;         // the folder matched a user or group
    bool skipped = false;       // invalid and upload_invalid_user_folders is False
    std::optional<User> user;   // the folder's user; the facility account for None and invalid folders
    std::optional<Group> group; // the folder's group (Group structures)
    QString reason;             // for the report: why the folder is invalid, and what happens

    // The experiment's user owner (for the ACL), when not the facility account.
    bool hasOwnUser() const
    {
        return valid && user.has_value() && (kind == OwnerKind::Username || kind == OwnerKind::Email);
    }
    QString resolvedName() const; // server username / group name / "facility account"
};

struct OwnerResolverOptions {
    bool uploadInvalidUserFolders = true; // upload_invalid_user_folders
    User facilityAccount;                 // the account of the settings (checkCredentials)
};

// Resolves every owner folder of a scan to a MyTardis user or group
// (mytardis-api.md section 7): username (with the mydata_user fallback for
// renamed accounts), email (case-insensitive) or group name. Folders that
// match nobody go to the facility account or are skipped, with the reason
// recorded. Answers are memoised for the resolver's lifetime (one run).
// Network errors are returned, not memoised.
class OwnerResolver {
public:
    OwnerResolver(CatalogueReader &client, OwnerResolverOptions options);

    Result<OwnerResolution> resolve(const ScannedDataset &dataset);
    Result<OwnerResolution> resolve(OwnerKind kind, const QString &owner);

    // Asks for the owners of `datasets` not yet known, each once, on up to
    // `threads` threads at once (this one with `here`, the others each with a
    // catalogue from `make`), and memoises the answers: a data directory of
    // many user folders waits for about N / threads round trips, not N. A
    // look-up that fails here is simply asked again by resolve(), which
    // reports it. Nothing else may use the resolver meanwhile.
    void prefetch(const QVector<ScannedDataset> &datasets, CatalogueReader &here, const CatalogueFactory &make,
                  const ClientConfig &config, int threads, const std::atomic_bool *cancel = nullptr);
    // The memoised answer for the dataset's owner, or null: asks nothing.
    const OwnerResolution *known(const ScannedDataset &dataset) const;

    int cachedCount() const { return m_memo.size(); }

private:
    static QString keyOf(OwnerKind kind, const QString &owner);
    // The answer of `reader` (the server's, or one needing no request); memoises nothing.
    Result<OwnerResolution> lookUp(CatalogueReader &reader, OwnerKind kind, const QString &owner) const;
    void remember(const QString &key, const OwnerResolution &r);
    OwnerResolution invalid(OwnerKind kind, const QString &owner, const QString &why) const;
    // The folder's user when the server found one, else invalid with `noMatch` (%1: the folder).
    OwnerResolution userOrInvalid(OwnerKind kind, const QString &owner, const std::optional<User> &user,
                                  const QString &noMatch) const;

    CatalogueReader &m_client;
    OwnerResolverOptions m_options;
    QHash<QString, OwnerResolution> m_memo;
};

} // namespace tardigrade
