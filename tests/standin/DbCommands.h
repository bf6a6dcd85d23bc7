#pragma once

#include <QJsonObject>

namespace tardigrade::standin {

class CatalogueDb;

// The subcommands tests run from another process on a live catalogue.
class DbCommands {
public:
    // `approve --all`: approves every pending registration request; returns
    // how many.
    static int approveAll(CatalogueDb &db);
    // `dump`: {"experiments": [...], "datasets": [...], "datafiles": [...]}.
    static QJsonObject dump(CatalogueDb &db);
};

} // namespace tardigrade::standin
