#include "app/cli_options.h"

#include <charconv>
#include <cstdio>

namespace ecsim::app {

int usage_error(const std::string& message) {
  std::fprintf(stderr, "ecsim: %s\n", message.c_str());
  return 2;
}

std::optional<std::uint64_t> parse_u64(const std::string& text) {
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
  return v;
}

int parse_replication_options(const std::vector<std::string>& args, const std::string& verb,
                              const std::map<std::string, ValueOption>& own, ReplicationOptions& options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool counted = a == "--seed" || a == "--replications" || a == "--threads";
    const auto own_option = own.find(a);
    const bool takes_value = counted || a == "--out" || own_option != own.end();
    if (takes_value && i + 1 >= args.size()) return usage_error(a + " needs a value");
    if (a == "--out") {
      options.out = args[++i];
    } else if (own_option != own.end()) {
      std::string error;
      if (!own_option->second(args[++i], error)) return usage_error(error);
    } else if (counted) {
      auto v = parse_u64(args[++i]);
      if (!v) return usage_error(a + " needs a non-negative integer, got '" + args[i] + "'");
      (a == "--seed" ? options.seed : a == "--replications" ? options.replications : options.threads) = v;
    } else if (a == "--md") {
      options.markdown = true;
    } else if (a == "--quiet") {
      options.quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "' for " + verb);
    } else {
      options.files.push_back(a);
    }
  }
  return 0;
}

int check_replication_counts(std::optional<std::uint64_t> replications, std::optional<std::uint64_t> threads) {
  if (!replications || *replications < 1 || *replications > 100000) return usage_error("--replications needs 1..100000");
  if (threads && (*threads < 1 || *threads > 1024)) return usage_error("--threads needs 1..1024");
  return 0;
}

}  // namespace ecsim::app
