# What every package says about Tardigrade (CPack), whatever its format;
# also read by tests/package/nsis, which builds the Windows installer here.
set(CPACK_PACKAGE_NAME "tardigrade")
set(CPACK_PACKAGE_VENDOR "The Tardigrade developers")
set(CPACK_PACKAGE_CONTACT "The Tardigrade developers <tardigrade@mytardis.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Tardigrade moves scientific data off instrument PCs (microscopes, detectors, sequencers) into a MyTardis data \
catalogue, reliably and unattended: a tray application for the instrument PC, and the same engine as a \
command-line tool and a headless service. It is the successor of MyData and reads its settings.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${TARDIGRADE_HOMEPAGE}")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_LIST_DIR}/../LICENSE")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Tardigrade")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/;/\\\\.git/")

