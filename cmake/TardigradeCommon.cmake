# One INTERFACE target that carries the language standard, warnings and strict
# Qt defines to every target of the project (after qBittorrent's CommonConfig).
add_library(tardigrade_common INTERFACE)
target_compile_features(tardigrade_common INTERFACE cxx_std_17)
if(MSVC)
  # Sources are UTF-8 (string literals with umlauts); /W4 is MSVC's -Wall -Wextra.
  # C++ only: the resource compiler (rc.exe) would reject them.
  target_compile_options(tardigrade_common INTERFACE $<$<COMPILE_LANGUAGE:CXX>:/W4 /utf-8 /permissive- /Zc:__cplusplus>)
  if(TARDIGRADE_WERROR)
    target_compile_options(tardigrade_common INTERFACE $<$<COMPILE_LANGUAGE:CXX>:/WX>)
  endif()
else()
  target_compile_options(tardigrade_common INTERFACE -Wall -Wextra -Wpedantic)
  if(TARDIGRADE_WERROR)
    target_compile_options(tardigrade_common INTERFACE -Werror)
  endif()
endif()
if(WIN32)
  # <windows.h> (in the portable seams) without its min/max macros.
  target_compile_definitions(tardigrade_common INTERFACE NOMINMAX)
endif()
target_compile_definitions(tardigrade_common INTERFACE
  QT_NO_CAST_TO_ASCII
  QT_NO_FOREACH
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_DISABLE_DEPRECATED_BEFORE=0x060000
  TARDIGRADE_VERSION="${PROJECT_VERSION}"
  TARDIGRADE_HOMEPAGE="${TARDIGRADE_HOMEPAGE}")

# A test that expects different answers from the two seam implementations
# asks for the define itself. Nothing else gets it, so every other file
# compiles the same in both variants and the compiler cache serves the
# second build (scripts/test builds both).
function(tardigrade_seam_define target)
  if(TARDIGRADE_PORTABLE_IO)
    target_compile_definitions(${target} PRIVATE TARDIGRADE_PORTABLE_IO)
  endif()
endfunction()

# The platform seams: a class whose implementation depends on the platform
# has <Name>Posix.cpp and <Name>Portable.cpp beside its header; one of them is
# built (TARDIGRADE_PORTABLE_IO). Only these files may use POSIX headers.
function(tardigrade_pick_seams out_var)
  set(_kept)
  foreach(_f ${ARGN})
    if(TARDIGRADE_PORTABLE_IO AND _f MATCHES "Posix\\.cpp$")
      continue()
    elseif(NOT TARDIGRADE_PORTABLE_IO AND _f MATCHES "Portable\\.cpp$")
      continue()
    endif()
    list(APPEND _kept ${_f})
  endforeach()
  set(${out_var} ${_kept} PARENT_SCOPE)
endfunction()

# tardigrade_add_area(NAME DEPS...): one static library per folder of core/,
# its sources globbed so that adding a file needs no edit here.
function(tardigrade_add_area name)
  file(GLOB _src CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
  list(FILTER _src INCLUDE REGEX "\\.cpp$")
  if(_src)
    file(GLOB _src CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
    tardigrade_pick_seams(_src ${_src})
    add_library(tardigrade_${name} STATIC ${_src})
    # AUTOMOC with Ninja reruns only when a file it scanned or a listfile
    # changes, so a new Q_OBJECT header found by the glob would go unmocced
    # (undefined vtable) in an existing build dir. A generated listfile that
    # changes with the source list makes it rerun.
    file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/area_sources.cmake CONTENT "# ${_src}\n")
    include(${CMAKE_CURRENT_BINARY_DIR}/area_sources.cmake)
    target_include_directories(tardigrade_${name} PUBLIC ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(tardigrade_${name} PUBLIC tardigrade_common ${ARGN})
  else() # an area not written yet
    add_library(tardigrade_${name} INTERFACE)
    target_include_directories(tardigrade_${name} INTERFACE ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(tardigrade_${name} INTERFACE tardigrade_common ${ARGN})
  endif()
endfunction()

# tardigrade_add_tests(LIBS...): every tst_*.cpp in the calling folder becomes
# one Qt Test executable registered with CTest.
function(tardigrade_add_tests)
  cmake_parse_arguments(T "" "LABEL;TIMEOUT" "LIBS;EXTRA_SOURCES" ${ARGN})
  file(GLOB _tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tst_*.cpp)
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  # Sanitizer builds run several times slower: their presets scale every
  # test's limit instead of the normal build's limits being loosened.
  if(TARDIGRADE_TEST_TIMEOUT_SCALE)
    math(EXPR T_TIMEOUT "${T_TIMEOUT} * ${TARDIGRADE_TEST_TIMEOUT_SCALE}")
  endif()
  foreach(_t ${_tests})
    get_filename_component(_name ${_t} NAME_WE)
    add_executable(${_name} ${_t} ${T_EXTRA_SOURCES})
    target_link_libraries(${_name} PRIVATE tardigrade_common Qt6::Test ${T_LIBS})
    target_include_directories(${_name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/common)
    target_compile_definitions(${_name} PRIVATE
      TARDIGRADE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      TARDIGRADE_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    add_test(NAME ${_name} COMMAND ${_name})
    set_tests_properties(${_name} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${T_LABEL}"
      ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TARDIGRADE_SECRET_STORE=file")
  endforeach()
endfunction()

# The command that runs tools/render-icon at build time. Its platform plugin
# is looked for where Qt is installed: a vcpkg build copies Qt's DLLs beside
# the tool, but not Qt's plugins.
function(tardigrade_render_icon_command out_var)
  set(_cmd $<TARGET_FILE:tardigrade-render-icon>)
  if(DEFINED QT6_INSTALL_PREFIX AND DEFINED QT6_INSTALL_PLUGINS)
    set(_cmd ${CMAKE_COMMAND} -E env "QT_PLUGIN_PATH=${QT6_INSTALL_PREFIX}/${QT6_INSTALL_PLUGINS}" ${_cmd})
  endif()
  set(${out_var} ${_cmd} PARENT_SCOPE)
endfunction()
