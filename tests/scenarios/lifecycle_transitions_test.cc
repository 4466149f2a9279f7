// Every state change the simulator makes while running every scenario under scenarios/ is a
// transition of models/lifecycle.cc's tables (the ones `ecsim lifecycle --dot` will draw). An
// observer on the lifecycle bus remembers each image's and snapshot's last status and checks
// each change it sees; World::set_*_status asserts the same at the source, this test checks it
// from the outside and fails with the scenario and the pair.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <utility>

#include "models/lifecycle.h"
#include "models/lifecycle_bus.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::scenario_tests {

using namespace ::ecsim::testing;  // scenario_files, run_scenario, test_name_for

namespace {

using models::ImageStatus;
using models::SnapshotStatus;

class TransitionRecorder : public models::LifecycleObserver {
 public:
  explicit TransitionRecorder(const models::World& world) : world_(world) {}

  void on_lifecycle(const models::LifecycleEvent&) override {
    // Any event may follow several changes (a copy slot freeing starts the next copy), so look at
    // every resource.
    for (std::size_t i = 0; i < world_.images().size(); ++i) {
      const ImageStatus now = world_.images()[i].status;
      auto [it, fresh] = images_.try_emplace(i, now);
      if (!fresh && it->second != now) image_pairs.insert({it->second, now});
      it->second = now;
    }
    for (std::size_t i = 0; i < world_.snapshots().size(); ++i) {
      const SnapshotStatus now = world_.snapshots()[i].status;
      auto [it, fresh] = snapshots_.try_emplace(i, now);
      if (!fresh && it->second != now) snapshot_pairs.insert({it->second, now});
      it->second = now;
    }
  }

  std::set<std::pair<ImageStatus, ImageStatus>> image_pairs;
  std::set<std::pair<SnapshotStatus, SnapshotStatus>> snapshot_pairs;

 private:
  const models::World& world_;
  std::map<std::size_t, ImageStatus> images_;
  std::map<std::size_t, SnapshotStatus> snapshots_;
};

TEST(LifecycleTransitions, EveryTransitionTakenInTheScenariosIsInTheTable) {
  std::set<std::pair<ImageStatus, ImageStatus>> all_images;
  std::set<std::pair<SnapshotStatus, SnapshotStatus>> all_snapshots;
  for (const std::string& file : scenario_files()) {
    const models::ParsedScenario parsed = models::parse_scenario_file((scenarios_root() / file).string());
    if (!parsed.ok()) continue;  // invalid scenarios are reported by ScenarioFile tests
    models::Simulation sim(parsed.spec, parsed.spec.seed);
    TransitionRecorder recorder(sim.world());
    recorder.on_lifecycle({sim::SimTime::zero(), models::LifecycleEvent::Kind::kImageCreating, 0});  // initial states
    sim.bus().subscribe(&recorder);
    (void)sim.run();
    for (const auto& [from, to] : recorder.image_pairs) {
      EXPECT_TRUE(models::image_transition_allowed(from, to))
          << file << ": image " << models::to_string(from) << " -> " << models::to_string(to);
      all_images.insert({from, to});
    }
    for (const auto& [from, to] : recorder.snapshot_pairs) {
      EXPECT_TRUE(models::snapshot_transition_allowed(from, to))
          << file << ": snapshot " << models::to_string(from) << " -> " << models::to_string(to);
      all_snapshots.insert({from, to});
    }
  }
  // The scenarios exercise the lifecycle: creation, failure, copies, cancels and deletes.
  EXPECT_TRUE(all_images.contains({ImageStatus::kCreating, ImageStatus::kAvailable}));
  EXPECT_TRUE(all_images.contains({ImageStatus::kCreating, ImageStatus::kCreateFailed}));
  EXPECT_TRUE(all_images.contains({ImageStatus::kAvailable, ImageStatus::kDeleted}));
  EXPECT_TRUE(all_images.contains({ImageStatus::kCreating, ImageStatus::kDeleted}));
  EXPECT_TRUE(all_images.contains({ImageStatus::kAvailable, ImageStatus::kDeprecated}));
  EXPECT_TRUE(all_images.contains({ImageStatus::kDeprecated, ImageStatus::kAvailable}));
  EXPECT_TRUE(all_snapshots.contains({SnapshotStatus::kProgressing, SnapshotStatus::kAccomplished}));
  EXPECT_TRUE(all_snapshots.contains({SnapshotStatus::kAccomplished, SnapshotStatus::kDeleted}));
}

}  // namespace
}  // namespace ecsim::scenario_tests
