# Translations of the GUI, with Qt's Linguist tools (Debian: qt6-l10n-tools
# for lupdate and lrelease, qt6-tools-dev for their CMake package). They are
# optional: without them the GUI builds and runs in English.
#
#   <build>/translations/tardigrade.ts   every tr() string of ui/, made by
#       the build (lupdate): the template a translator starts from.
#   translations/tardigrade_<lang>.ts    a translation, kept in the sources;
#       `cmake --build <build> --target update_translations` merges new
#       strings into it.
#   <build>/app/translations/tardigrade_<lang>.qm   compiled (lrelease) beside
#       the tardigrade executable, and installed where ui/app/Translations.cpp
#       looks: share/tardigrade/translations (Linux), bin/translations
#       (Windows), Tardigrade.app/Contents/Resources/translations (macOS).
find_package(Qt6 QUIET COMPONENTS LinguistTools)

function(tardigrade_add_translations target)
  if(NOT TARGET Qt6::lupdate OR NOT TARGET Qt6::lrelease)
    message(STATUS "Qt Linguist tools not found (Debian: qt6-l10n-tools qt6-tools-dev): no translations")
    return()
  endif()

  get_target_property(_sources ${target} SOURCES)
  list(FILTER _sources INCLUDE REGEX "\\.(cpp|h)$")
  set(_template ${PROJECT_BINARY_DIR}/translations/tardigrade.ts)
  set(_list ${CMAKE_CURRENT_BINARY_DIR}/${target}_lupdate_sources.txt)
  string(REPLACE ";" "\n" _lines "${_sources}")
  file(CONFIGURE OUTPUT ${_list} CONTENT "${_lines}\n")
  add_custom_command(
    OUTPUT ${_template}
    COMMAND Qt6::lupdate -silent -no-obsolete -locations relative "@${_list}" -ts ${_template}
    DEPENDS ${_sources} ${_list} Qt6::lupdate
    COMMENT "Collecting the GUI's strings into translations/tardigrade.ts"
    VERBATIM)
  add_custom_target(${target}_translation_template ALL DEPENDS ${_template})
  set(TARDIGRADE_TRANSLATION_TEMPLATE ${_template} CACHE INTERNAL "The .ts file the build makes (tests read it)")

  file(GLOB _translations CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/translations/tardigrade_*.ts)
  if(NOT _translations)
    return()
  endif()
  set_source_files_properties(${_translations} PROPERTIES OUTPUT_LOCATION ${PROJECT_BINARY_DIR}/app/translations)
  qt_add_lupdate(${target} TS_FILES ${_translations} OPTIONS -no-obsolete -locations relative)
  qt_add_lrelease(${target} TS_FILES ${_translations} QM_FILES_OUTPUT_VARIABLE _qm)
  if(WIN32)
    install(FILES ${_qm} DESTINATION bin/translations)
  elseif(APPLE)
    install(FILES ${_qm} DESTINATION Tardigrade.app/Contents/Resources/translations)
  else()
    include(GNUInstallDirs)
    install(FILES ${_qm} DESTINATION ${CMAKE_INSTALL_DATADIR}/tardigrade/translations)
  endif()
endfunction()
