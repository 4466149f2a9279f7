# Warnings for ecsim's own targets only (third-party headers come in as SYSTEM includes).
set(ECSIM_WARNING_FLAGS -Wall -Wextra -Wpedantic -Werror)
# GCC 12 reports -Wrestrict on `"literal" + std::string&&` inside libstdc++ at -O2/-O3, a known
# false positive (GCC bug 105329, fixed in GCC 13). Keep the warning, but not as an error there.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND ECSIM_WARNING_FLAGS -Wno-error=restrict)
endif()
# Not a warning, but a flag every ecsim target needs for byte-identical outputs across compilers:
# g++ (in ISO mode) never fuses a*b+c into one fused multiply-add, clang 14 may ("on" by default,
# used when the target has FMA, e.g. with -march=native). A fused result is rounded once instead of
# twice, so a computed duration could differ in its last bit and then in its tick count. Off for both.
list(APPEND ECSIM_WARNING_FLAGS -ffp-contract=off)
