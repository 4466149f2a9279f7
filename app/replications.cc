#include "app/replications.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "analysis/atomic_file.h"
#include "analysis/replication_stats.h"
#include "app/cli_options.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::app {

analysis::RunMetrics run_one_replication(const models::ScenarioSpec& spec, std::uint64_t seed, std::string& error) {
  models::Simulation sim(spec, seed);
  analysis::LifecycleRecorder recorder(sim.world());
  sim.bus().subscribe(&recorder);
  if (sim.run() == sim::RunStop::kHitEventLimit) {
    error = "the run with seed " + std::to_string(seed) + " hit its event limit";
    return {};
  }
  return analysis::compute_run_metrics(sim.log(), recorder, sim.world(), sim.scheduler().now());
}

ReplicationRuns run_replications(const models::ScenarioSpec& spec, const std::vector<std::uint64_t>& seeds,
                                 unsigned threads) {
  ReplicationRuns out;
  out.runs.resize(seeds.size());
  std::vector<std::string> errors(seeds.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k = next.fetch_add(1); k < seeds.size(); k = next.fetch_add(1)) {
      out.runs[k] = run_one_replication(spec, seeds[k], errors[k]);
    }
  };
  const unsigned n = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(seeds.size())));
  std::vector<std::thread> workers;
  workers.reserve(n - 1);
  for (unsigned t = 1; t < n; ++t) workers.emplace_back(work);
  work();
  for (std::thread& w : workers) w.join();
  for (const std::string& e : errors) {  // the first failure in replication order
    if (!e.empty()) {
      out.error = e;
      break;
    }
  }
  return out;
}

unsigned default_thread_count() { return std::max(1u, std::thread::hardware_concurrency()); }

int run_replications_command(const std::vector<std::string>& args) {
  ReplicationOptions options;
  options.out = "ecsim-out";
  if (const int status = parse_replication_options(args, "run --replications", {}, options)) return status;
  if (options.files.size() != 1) return usage_error("run takes exactly one scenario");
  if (const int status = check_replication_counts(options.replications, options.threads)) return status;
  models::ParsedScenario parsed = models::parse_scenario_file(options.files.front());
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    return 2;
  }
  const std::uint64_t base_seed = options.seed.value_or(parsed.spec.seed);
  const auto seeds = analysis::replication_seeds(base_seed, static_cast<std::size_t>(*options.replications));
  const ReplicationRuns result =
      run_replications(parsed.spec, seeds, options.threads ? static_cast<unsigned>(*options.threads) : default_thread_count());
  if (!result.ok()) {
    std::fprintf(stderr, "ecsim: internal error: %s\n", result.error.c_str());
    return 1;
  }
  const auto aggregates = analysis::aggregate_replications(result.runs);
  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  for (const auto& [name, text] :
       {std::pair<const char*, std::string>{"replications.csv", analysis::render_replications_csv(seeds, result.runs)},
        std::pair<const char*, std::string>{"replications_summary.csv", analysis::render_aggregate_csv(aggregates)}}) {
    const auto status = analysis::write_file_atomically(std::filesystem::path(options.out) / name, text);
    if (!status.ok()) {
      std::fprintf(stderr, "ecsim: cannot write outputs to %s: %s\n", options.out.c_str(), status.message().c_str());
      return 1;
    }
  }
  if (!options.quiet) {
    std::cout << "seed " << base_seed << "\nscenario " << parsed.spec.name << "\nreplications " << *options.replications
              << " (seeds: SplitMix64 of the seed)\n";
    std::cout << analysis::render_aggregate_table(aggregates, options.markdown);
    std::cout << "outputs: " << options.out << "/{replications.csv,replications_summary.csv}\n";
  }
  return 0;
}

}  // namespace ecsim::app
