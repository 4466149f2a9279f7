// Throughput of the engine and of the distributions models draw from most.

#include <benchmark/benchmark.h>

#include "sim/rng.h"

namespace {

using ecsim::sim::Rng;

void BM_RngNextU64(benchmark::State& state) {
  Rng rng(42);
  for (auto _ : state) benchmark::DoNotOptimize(rng.next_u64());
  state.SetItemsProcessed(state.iterations());
}

void BM_RngExponential(benchmark::State& state) {
  Rng rng(42);
  for (auto _ : state) benchmark::DoNotOptimize(rng.exponential(1.0));
  state.SetItemsProcessed(state.iterations());
}

void BM_RngNormal(benchmark::State& state) {
  Rng rng(42);
  for (auto _ : state) benchmark::DoNotOptimize(rng.normal(0.0, 1.0));
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_RngNextU64);
BENCHMARK(BM_RngExponential);
BENCHMARK(BM_RngNormal);

}  // namespace
