# macOS: Tardigrade.app with Qt and every other library inside it
# (macdeployqt, through Qt's deploy script), packed into a drag-and-drop
# .dmg (CPack DragNDrop, with the usual link to /Applications).
# Signing and notarising: installers/macos/README.md and sign-and-notarize.
if(NOT TARDIGRADE_GUI)
  return()
endif()

if(Qt6_VERSION VERSION_LESS 6.5)
  message(WARNING "Qt ${Qt6_VERSION}: the app bundle is built but Qt is not deployed into it (needs Qt 6.5 or later)")
else()
  # macdeployqt copies Qt, its plugins and the libraries Tardigrade links
  # (libssh, OpenSSL, QtKeychain from Homebrew or vcpkg) into the bundle.
  qt_generate_deploy_app_script(TARGET tardigrade OUTPUT_SCRIPT _deploy NO_TRANSLATIONS)
  install(SCRIPT ${_deploy})
endif()

set(CPACK_GENERATOR "DragNDrop")
set(CPACK_DMG_VOLUME_NAME "Tardigrade ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_PACKAGE_ICON "${TARDIGRADE_ICNS}")
set(CPACK_PACKAGE_FILE_NAME "tardigrade-${PROJECT_VERSION}-macos-${CMAKE_SYSTEM_PROCESSOR}")
