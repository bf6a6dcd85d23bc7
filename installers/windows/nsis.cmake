# The NSIS installer (CPack), shared by windows.cmake and by the test that
# builds this very installer on Linux with Debian's makensis
# (tests/package/check-nsis). Expects TARDIGRADE_ICO, the icon's .ico file.
# The script itself is NSIS.template.in beside this file.
set(CPACK_MODULE_PATH ${CMAKE_CURRENT_LIST_DIR}) # CPack looks for NSIS.template.in here first
set(CPACK_NSIS_DISPLAY_NAME "Tardigrade")
set(CPACK_NSIS_PACKAGE_NAME "Tardigrade")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Tardigrade")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Tardigrade")
set(CPACK_NSIS_COMPRESSOR "/SOLID lzma")
set(CPACK_NSIS_MUI_ICON "${TARDIGRADE_ICO}")
set(CPACK_NSIS_MUI_UNIICON "${TARDIGRADE_ICO}")
set(CPACK_NSIS_URL_INFO_ABOUT "${TARDIGRADE_HOMEPAGE}")
set(CPACK_PACKAGE_FILE_NAME "tardigrade-${PROJECT_VERSION}-windows-x64")
