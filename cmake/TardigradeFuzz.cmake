# TARDIGRADE_FUZZ=ON: the build scripts/fuzz makes in build-fuzz/. Every
# target is compiled with libFuzzer's coverage hooks and AddressSanitizer +
# UndefinedBehaviorSanitizer, so the core libraries a fuzz target links are
# both guided and checked (an uninstrumented library would be fuzzed blind).
# Only the fuzz targets link libFuzzer's main (tests/fuzz/CMakeLists.txt).
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "TARDIGRADE_FUZZ needs clang (libFuzzer): configure with "
                      "-DCMAKE_CXX_COMPILER=clang++-14, or run scripts/fuzz.")
endif()
set(TARDIGRADE_SANITIZERS address,undefined)
add_compile_options(-fsanitize=fuzzer-no-link,${TARDIGRADE_SANITIZERS}
                    # a UB finding stops the run like a crash, so it becomes an input to keep
                    -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
# clang's -Wpedantic on every qCInfo(category) << ... (after it, to count)
target_compile_options(tardigrade_common INTERFACE -Wno-gnu-zero-variadic-macro-arguments)
add_link_options(-fsanitize=${TARDIGRADE_SANITIZERS})
# include(CTest) enables testing only with BUILD_TESTING; the fuzz build
# registers its short runs with CTest without the rest of the tests.
enable_testing()
