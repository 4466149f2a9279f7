# Helper functions in the manner of Abseil's absl_cc_library / absl_cc_test and LevelDB's
# leveldb_test: every ecsim target is declared the same way, with the same warnings.

# ecsim_library(NAME name SRCS ... DEPS ...) -> target ecsim_<name>, alias ecsim::<name>
function(ecsim_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(ecsim_${ARG_NAME} STATIC ${ARG_SRCS})
  add_library(ecsim::${ARG_NAME} ALIAS ecsim_${ARG_NAME})
  target_include_directories(ecsim_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_options(ecsim_${ARG_NAME} PRIVATE ${ECSIM_WARNING_FLAGS})
  target_link_libraries(ecsim_${ARG_NAME} PUBLIC ${ARG_DEPS})
endfunction()

# ecsim_test(NAME name SRCS ... DEPS ...) -> gtest executable registered with CTest
function(ecsim_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_compile_options(${ARG_NAME} PRIVATE ${ECSIM_WARNING_FLAGS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${ARG_NAME} PRIVATE
    ECSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ECSIM_BINARY_PATH="$<TARGET_FILE:ecsim>")
  gtest_discover_tests(${ARG_NAME} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
endfunction()

# ecsim_benchmark(NAME name SRCS ... DEPS ...) -> Google Benchmark executable
function(ecsim_benchmark)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_compile_options(${ARG_NAME} PRIVATE ${ECSIM_WARNING_FLAGS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} benchmark::benchmark)
endfunction()
