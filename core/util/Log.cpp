#include "Log.h"

Q_LOGGING_CATEGORY(lcSettings, "tardigrade.settings")
Q_LOGGING_CATEGORY(lcScan, "tardigrade.scan")
Q_LOGGING_CATEGORY(lcCatalogue, "tardigrade.catalogue")
Q_LOGGING_CATEGORY(lcTransfer, "tardigrade.transfer")
Q_LOGGING_CATEGORY(lcSync, "tardigrade.sync")
Q_LOGGING_CATEGORY(lcSchedule, "tardigrade.schedule")
Q_LOGGING_CATEGORY(lcPlatform, "tardigrade.platform")
