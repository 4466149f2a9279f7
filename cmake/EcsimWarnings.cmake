# Warnings for ecsim's own targets only (third-party headers come in as SYSTEM includes).
set(ECSIM_WARNING_FLAGS -Wall -Wextra -Wpedantic -Werror)
