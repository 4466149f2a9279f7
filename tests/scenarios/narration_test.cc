// `ecsim explain` narrates a run (analysis/narration.h). Tour 01 is the reference story: the
// lines a newcomer reads must state the facts of the run (the call, each snapshot's completion at
// its virtual time with the image's progress, the image becoming Available), in causal order, and
// narrating must not change the run.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/narration.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::scenario_tests {

using namespace ::ecsim::testing;  // scenario_files, run_scenario, test_name_for

namespace {

struct Narrated {
  std::unique_ptr<models::Simulation> sim;
  std::unique_ptr<analysis::Narrator> narrator;
  std::vector<std::string> lines;  // "HH:MM:SS  text"
};

Narrated narrate(const std::string& file) {
  Narrated n;
  const models::ParsedScenario parsed = models::parse_scenario_file((scenarios_root() / file).string());
  EXPECT_TRUE(parsed.ok());
  n.sim = std::make_unique<models::Simulation>(parsed.spec, parsed.spec.seed);
  n.narrator = std::make_unique<analysis::Narrator>(*n.sim);
  n.sim->bus().subscribe(n.narrator.get());
  (void)n.sim->run();
  for (const auto& l : n.narrator->lines()) n.lines.push_back(analysis::narration_clock(l.at) + "  " + l.text);
  return n;
}

// The index of the first line containing every piece, or -1.
int find_line(const std::vector<std::string>& lines, const std::vector<std::string>& pieces) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    bool all = true;
    for (const auto& p : pieces) all = all && lines[i].find(p) != std::string::npos;
    if (all) return static_cast<int>(i);
  }
  return -1;
}

std::string dump(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

const models::Image& created_image(const models::Simulation& sim) {
  const std::string* id = sim.log().records().at(0).response_field("ImageId");
  EXPECT_NE(id, nullptr);
  return sim.world().image(*sim.world().find_image(*id));
}

TEST(Narration, Tour01StartsWithTheCallAndTheImageItStarted) {
  const Narrated n = narrate("tour/01_from_instance.yaml");
  const models::Image& img = created_image(*n.sim);
  ASSERT_FALSE(n.lines.empty());
  EXPECT_EQ(n.lines.front(), "00:00:00  call \"golden\": CreateImage InstanceId=i-web-1 ImageName=web-golden ImageFamily=web "
                             "-> ok: ImageId " + img.image_id + " (being built)");
}

TEST(Narration, Tour01TellsEachSnapshotAccomplishedAtItsTimeWithTheImagesProgress) {
  const Narrated n = narrate("tour/01_from_instance.yaml");
  const models::World& w = n.sim->world();
  const models::Image& img = created_image(*n.sim);
  int previous = -1;
  // System disk first (10 GiB used, ESSD), then the data disk (60 GiB, ultra) that decides.
  for (const auto& [disk, used] : std::vector<std::pair<std::string, std::string>>{{"d-web-sys", "10 GiB"}, {"d-web-data", "60 GiB"}}) {
    const models::Snapshot* snap = nullptr;
    for (const auto& s : w.snapshots()) {
      if (s.source_disk_id == disk) snap = &s;
    }
    ASSERT_NE(snap, nullptr) << disk;
    ASSERT_EQ(snap->status, models::SnapshotStatus::kAccomplished);
    const int at = find_line(n.lines, {analysis::narration_clock(snap->finished_at) + "  snapshot " + snap->snapshot_id + " of " + disk +
                                           " (" + used + " used) accomplished — image " + img.image_id + " now "});
    EXPECT_GE(at, 0) << disk << "\n" << dump(n.lines);
    EXPECT_GT(at, previous) << "snapshots in the order they finished";
    previous = at;
  }
  // The last snapshot leaves the image at 90% (registration left), and comes before its effect.
  const int last = find_line(n.lines, {"of d-web-data", "accomplished", "now 90%"});
  const int ready = find_line(n.lines, {img.image_id.str(), "every snapshot ready"});
  EXPECT_GE(last, 0) << dump(n.lines);
  EXPECT_GT(ready, last) << dump(n.lines);
}

TEST(Narration, Tour01EndsWithTheImageAvailableAtItsTime) {
  const Narrated n = narrate("tour/01_from_instance.yaml");
  const models::Image& img = created_image(*n.sim);
  ASSERT_EQ(img.status, models::ImageStatus::kAvailable);
  ASSERT_TRUE(img.finished_at.has_value());
  const std::string expected_start = analysis::narration_clock(*img.finished_at) + "  image " + img.image_id + " (web-golden) Available after ";
  EXPECT_EQ(n.lines.back().rfind(expected_start, 0), 0u) << dump(n.lines);
}

TEST(Narration, NamesTheErrorCodeAndMessageOfAFailedCall) {
  const Narrated n = narrate("tour/10_export.yaml");
  EXPECT_GE(find_line(n.lines, {"00:01:00  call DeleteImage ImageId=m-old -> 403 ImageIsExporting: The specified image is currently being exported."}), 0)
      << dump(n.lines);
  EXPECT_GE(find_line(n.lines, {"export tsk-", "of m-old finished: oss://ecsim-backups/web2025_m-old_system.qcow2"}), 0) << dump(n.lines);
}

TEST(Narration, TellsTheFamilysLatestImageWhenOneIsDeprecatedAndRestored) {
  const Narrated n = narrate("tour/08_share_and_deprecate.yaml");
  EXPECT_GE(find_line(n.lines, {"00:04:00  image m-web-v2 (web-v2) Deprecated; family web now resolves to m-web-v1"}), 0) << dump(n.lines);
  EXPECT_GE(find_line(n.lines, {"00:09:00  image m-web-v2 (web-v2) Available again (restored); family web now resolves to m-web-v2"}), 0)
      << dump(n.lines);
}

TEST(Narration, IsTheSameForTheSameSeedAndDoesNotChangeTheRun) {
  const Narrated a = narrate("tour/07_copy_to_another_region.yaml");
  const Narrated b = narrate("tour/07_copy_to_another_region.yaml");
  EXPECT_EQ(a.lines, b.lines);
  const ScenarioRun plain = run_scenario("tour/07_copy_to_another_region.yaml");
  EXPECT_EQ(a.sim->scheduler().fingerprint(), plain.sim->scheduler().fingerprint());
}

}  // namespace
}  // namespace ecsim::scenario_tests
