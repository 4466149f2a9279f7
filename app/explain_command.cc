// `ecsim explain SCENARIO [--seed N]`: the run narrated in plain language (analysis/narration.h),
// on stdout. Same scenario and seed, same text.

#include <charconv>
#include <cstdio>
#include <iostream>
#include <optional>

#include "analysis/narration.h"
#include "app/commands.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::app {

int explain_command(const std::vector<std::string>& args) {
  std::optional<std::string> file;
  std::optional<std::uint64_t> seed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--seed") {
      std::uint64_t s = 0;
      const std::string v = i + 1 < args.size() ? args[++i] : "";
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), s);
      if (v.empty() || ec != std::errc{} || p != v.data() + v.size()) {
        std::fprintf(stderr, "ecsim: --seed needs a non-negative integer, got '%s'\n", v.c_str());
        return usage(2);
      }
      seed = s;
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::fprintf(stderr, "ecsim: unknown option '%s'\n", args[i].c_str());
      return usage(2);
    } else if (file) {
      std::fprintf(stderr, "ecsim: explain takes exactly one scenario\n");
      return usage(2);
    } else {
      file = args[i];
    }
  }
  if (!file) {
    std::fprintf(stderr, "ecsim: explain takes exactly one scenario\n");
    return usage(2);
  }
  models::ParsedScenario parsed = models::parse_scenario_file(*file);
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    return 2;
  }
  const std::uint64_t s = seed.value_or(parsed.spec.seed);
  models::Simulation sim(parsed.spec, s);
  analysis::Narrator narrator(sim);
  sim.bus().subscribe(&narrator);
  if (sim.run() == sim::RunStop::kHitEventLimit) {
    std::fprintf(stderr, "ecsim: internal error: the run hit its event limit\n");
    return 1;
  }
  std::cout << "scenario " << parsed.spec.name << ", seed " << s << "\n" << narrator.render();
  return 0;
}

}  // namespace ecsim::app
