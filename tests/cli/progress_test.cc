// The progress line of `ecsim run`: its text, when it is shown (a terminal, neither --quiet nor
// --json), that it never changes the run, and that nothing of it reaches a stderr that is not a
// terminal. The wall clock it reads lives in app/ only.

#include "app/progress.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "models/scenario/scenario_parser.h"

namespace ecsim::app {
namespace {

const std::string kSource = ECSIM_SOURCE_DIR;

TEST(ProgressFormat, ShowsVirtualTimeRateAndCalls) {
  ProgressSample s;
  s.virtual_time = sim::SimTime::zero() + sim::SimDuration::hours(26) + sim::SimDuration::seconds(5);
  s.events_per_second = 1'234'567;
  s.calls_done = 12034;
  s.calls_total = 50000;
  EXPECT_EQ(format_progress(s), "ecsim: virtual " + sim::format_clock(s.virtual_time) + " | 1.23M events/s | calls 12034/50000");
}

TEST(ProgressFormat, RatesKeepAtMostThreeSignificantFigures) {
  EXPECT_EQ(format_rate(0), "0");
  EXPECT_EQ(format_rate(950), "950");
  EXPECT_EQ(format_rate(12'345), "12.3k");
  EXPECT_EQ(format_rate(999'999), "1.00M");
  EXPECT_EQ(format_rate(250e6), "250M");
  EXPECT_EQ(format_rate(3e9), "3.00G");
}

TEST(ProgressLine, IsNotWantedWithQuietOrJsonOrOnAFile) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  EXPECT_FALSE(progress_wanted(file, false, false));  // not a terminal
  EXPECT_FALSE(progress_wanted(file, true, false));
  EXPECT_FALSE(progress_wanted(file, false, true));
  std::fclose(file);
}

TEST(ProgressLine, RunningWithItGivesTheSameTrajectory) {
  const models::ParsedScenario p = models::parse_scenario_file(kSource + "/scenarios/quickstart.yaml");
  ASSERT_TRUE(p.ok());
  models::Simulation plain(p.spec, p.spec.seed);
  plain.run();
  models::Simulation shown(p.spec, p.spec.seed);
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  ProgressLine progress(sink, /*enabled=*/true);
  const InterruptibleRun r = run_with_progress(shown, progress);
  std::fclose(sink);
  EXPECT_EQ(r.stop, sim::RunStop::kExhausted);
  EXPECT_EQ(shown.scheduler().fingerprint(), plain.scheduler().fingerprint());
  EXPECT_EQ(shown.scheduler().events_processed(), plain.scheduler().events_processed());
}

TEST(ProgressLine, NothingReachesAStderrThatIsNotATerminal) {
  const auto out = std::filesystem::temp_directory_path() / "ecsim_progress_out";
  const auto err = std::filesystem::temp_directory_path() / "ecsim_progress_err";
  const std::string cmd = std::string(ECSIM_BINARY_PATH) + " run " + kSource + "/scenarios/cookbook/nightly_images.yaml --out " +
                          out.string() + " > /dev/null 2> " + err.string();
  const int raw = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 0);
  std::ifstream in(err);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "");
  std::filesystem::remove_all(out);
  std::filesystem::remove(err);
}

}  // namespace
}  // namespace ecsim::app
