# Warnings for ecsim's own targets only (third-party headers come in as SYSTEM includes).
set(ECSIM_WARNING_FLAGS -Wall -Wextra -Wpedantic -Werror)
# GCC 12 reports -Wrestrict on `"literal" + std::string&&` inside libstdc++ at -O2/-O3, a known
# false positive (GCC bug 105329, fixed in GCC 13). Keep the warning, but not as an error there.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND ECSIM_WARNING_FLAGS -Wno-error=restrict)
endif()
