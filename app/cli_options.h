#pragma once
// The command line shared by the verbs that run a scenario many times (`ecsim run --replications`,
// app/replications.cc, and `ecsim sweep`, app/sweep_command.cc): their common options, and the one
// way a usage error is reported ("ecsim: ..." on stderr, exit status 2).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecsim::app {

// Prints "ecsim: MESSAGE" on stderr and returns 2, the exit status of a usage error.
int usage_error(const std::string& message);

// A whole non-negative decimal number, or nullopt.
std::optional<std::uint64_t> parse_u64(const std::string& text);

// SCENARIO [--seed N] [--replications K] [--threads T] [--out DIR] [--md] [--quiet]
struct ReplicationOptions {
  std::vector<std::string> files;  // the arguments that are not options
  std::optional<std::uint64_t> seed, replications, threads;
  std::string out;  // set it to the verb's default directory before parsing
  bool markdown = false, quiet = false;
};

// A verb's own option that takes a value: consumes `value`; on a bad value sets `error` (printed
// as a usage error) and returns false.
using ValueOption = std::function<bool(const std::string& value, std::string& error)>;

// Parses `args` into `options`, in order; `own` holds the verb's own options that take a value,
// by name. Stops at the first problem (an option without its value, a value that is not a number,
// an option neither common nor the verb's own: "unknown option 'X' for VERB") and returns 2 after
// printing it; returns 0 otherwise.
int parse_replication_options(const std::vector<std::string>& args, const std::string& verb,
                              const std::map<std::string, ValueOption>& own, ReplicationOptions& options);

// Checks the counts' ranges: replications 1..100000 (a missing count is out of range), threads
// 1..1024 when given. Returns 2 after printing the first problem, 0 otherwise.
int check_replication_counts(std::optional<std::uint64_t> replications, std::optional<std::uint64_t> threads);

}  // namespace ecsim::app
