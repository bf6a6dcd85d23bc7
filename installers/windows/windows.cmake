# Windows: what the installer holds and the NSIS installer itself.
#   bin/   tardigrade.exe, tardigrade.com (app/CMakeLists.txt), Qt and its
#          plugins (windeployqt), libssh, OpenSSL, SQLite and QtKeychain
#          (their DLLs from vcpkg), the Visual C++ runtime
#   doc/   README and licence (installers/CMakeLists.txt)
# The installer: per-machine or per-user, start-menu entry, optional start at
# login, an uninstaller that keeps the users' settings (nsis.cmake and
# NSIS.template.in, built on Linux too by tests/package/check-nsis).

# The Visual C++ runtime beside the executables: no separate redistributable
# to install on an instrument PC.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
set(CMAKE_INSTALL_UCRT_LIBRARIES ON)
include(InstallRequiredSystemLibraries)

if(TARDIGRADE_GUI)
  if(Qt6_VERSION VERSION_LESS 6.5)
    message(WARNING "Qt ${Qt6_VERSION}: Qt is not deployed into the installation (needs Qt 6.5 or later)")
  else()
    # windeployqt: Qt's DLLs and the plugins the executables need (platform,
    # styles, TLS backends, SVG icon engine and image format).
    qt_generate_deploy_app_script(TARGET tardigrade OUTPUT_SCRIPT _deploy NO_TRANSLATIONS NO_COMPILER_RUNTIME)
    install(SCRIPT ${_deploy})
  endif()
endif()

# Every DLL the executables load, found where vcpkg installed them, Qt's own
# included: windeployqt copies Qt's modules and plug-ins but not what those
# load in turn (pcre2, zlib, libpng, freetype, double-conversion). Windows'
# own DLLs and the compiler runtime (above) stay out.
set(_dll_dirs)
if(DEFINED VCPKG_INSTALLED_DIR AND DEFINED VCPKG_TARGET_TRIPLET)
  list(APPEND _dll_dirs "${VCPKG_INSTALLED_DIR}/${VCPKG_TARGET_TRIPLET}/bin")
endif()
set(_targets tardigrade)
if(TARGET tardigrade-console)
  list(APPEND _targets tardigrade-console)
endif()
install(TARGETS ${_targets} RUNTIME_DEPENDENCY_SET tardigrade_dlls RUNTIME DESTINATION bin)
install(RUNTIME_DEPENDENCY_SET tardigrade_dlls
  PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-" "^(vcruntime|msvcp|concrt|ucrtbase)"
  POST_EXCLUDE_REGEXES "[/\\\\][Ss]ystem32[/\\\\]"
  DIRECTORIES ${_dll_dirs}
  DESTINATION bin)

include(${CMAKE_CURRENT_LIST_DIR}/nsis.cmake)
set(CPACK_GENERATOR "NSIS")
