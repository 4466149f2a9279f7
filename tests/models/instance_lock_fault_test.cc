// A lock_instance fault locks an instance for security during its window: every call Alibaba
// refuses on a locked instance answers InstanceLockedForSecurity (400 for CreateImage and
// Stop/StartInstances, 403 for CreateSnapshot), and the instance is usable again once the window
// ends. The scenario parser reports a lock of an undeclared instance as FILE:LINE:COL.

#include <gtest/gtest.h>

#include <string>

#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::models {
namespace {

constexpr const char* kFleet = R"(
regions: {cn-hangzhou: {}}
instances:
  - InstanceId: i-web
    RegionId: cn-hangzhou
    Status: Running
    Disks:
      - {DiskId: d-sys, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}
  - InstanceId: i-db
    RegionId: cn-hangzhou
    Status: Running
    OperationLocks: [security]
    Disks:
      - {DiskId: d-db, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}
faults:
  - {type: lock_instance, InstanceId: i-web, from: 1h, until: 2h}
  - {type: lock_instance, InstanceId: i-db, from: 10m, until: 20m}
)";

ParsedScenario parse(const std::string& workload) {
  ParsedScenario p = parse_scenario_text(std::string(kFleet) + "workload:\n" + workload, "lock.yaml");
  for (const auto& e : p.errors) ADD_FAILURE() << e.to_string();
  return p;
}

// Runs the workload and returns its call log.
CallLog run(const std::string& workload) {
  ParsedScenario p = parse(workload);
  Simulation sim(p.spec, 7);
  sim.run();
  return sim.log();
}

std::string call(const std::string& at, const std::string& action, const std::string& instance) {
  std::string c = "  - {at: " + at + ", Action: " + action + ", RegionId: cn-hangzhou, ";
  if (action == "CreateSnapshot") return c + "DiskId: " + (instance == "i-web" ? "d-sys" : "d-db") + "}\n";
  return c + "InstanceId: " + instance + "}\n";
}

TEST(InstanceLockFault, CreateImageBeforeTheLockSucceeds) {
  const CallLog log = run(call("59m", "CreateImage", "i-web"));
  EXPECT_EQ(log.records()[0].outcome, Outcome::kOk);
}

TEST(InstanceLockFault, CreateImageDuringTheLockAnswersInstanceLockedForSecurity400) {
  const CallLog log = run(call("1h30m", "CreateImage", "i-web"));
  EXPECT_EQ(log.records()[0].code, "InstanceLockedForSecurity");
  EXPECT_EQ(log.records()[0].http_status, 400);
}

// Calls come before engine events at the same instant (sim/scheduler.h): the lock is placed, and
// lifted, just after the calls of its instant.
TEST(InstanceLockFault, ACallAtTheInstantTheLockStartsIsAnsweredBeforeTheLock) {
  const CallLog log = run(call("1h", "CreateImage", "i-web") + call("1h", "StopInstances", "i-web"));
  EXPECT_EQ(log.records()[0].outcome, Outcome::kOk) << log.records()[0].code;
  EXPECT_EQ(log.records()[1].outcome, Outcome::kOk) << log.records()[1].code;
}

TEST(InstanceLockFault, ACallAtTheInstantTheLockEndsStillFindsTheInstanceLocked) {
  const CallLog log = run(call("2h", "CreateImage", "i-web"));
  EXPECT_EQ(log.records()[0].code, "InstanceLockedForSecurity");
}

TEST(InstanceLockFault, StopAndStartInstancesDuringTheLockAnswerInstanceLockedForSecurity400) {
  const CallLog log = run(call("1h10m", "StopInstances", "i-web") + call("1h20m", "StartInstances", "i-web"));
  for (const CallRecord& r : log.records()) {
    EXPECT_EQ(r.code, "InstanceLockedForSecurity") << r.action;
    EXPECT_EQ(r.http_status, 400) << r.action;
  }
}

TEST(InstanceLockFault, CreateSnapshotDuringTheLockAnswersInstanceLockedForSecurity403) {
  const CallLog log = run(call("1h30m", "CreateSnapshot", "i-web"));
  EXPECT_EQ(log.records()[0].code, "InstanceLockedForSecurity");
  EXPECT_EQ(log.records()[0].http_status, 403);
}

TEST(InstanceLockFault, TheInstanceIsUsableAgainWhenTheLockEnds) {
  const CallLog log = run(call("2h1s", "CreateImage", "i-web") + call("2h1m", "StopInstances", "i-web"));
  EXPECT_EQ(log.records()[0].outcome, Outcome::kOk) << log.records()[0].code;
  EXPECT_EQ(log.records()[1].outcome, Outcome::kOk) << log.records()[1].code;
}

TEST(InstanceLockFault, ADeclaredSecurityLockOutlivesAFaultLockOnTheSameInstance) {
  // i-db is declared locked; a fault lock from 10m to 20m must not lift the declared one.
  const CallLog log = run(call("5m", "CreateImage", "i-db") + call("30m", "CreateImage", "i-db"));
  EXPECT_EQ(log.records()[0].code, "InstanceLockedForSecurity");
  EXPECT_EQ(log.records()[1].code, "InstanceLockedForSecurity");
}

TEST(InstanceLockFault, OverlappingLocksKeepTheInstanceLockedUntilTheLastEnds) {
  ParsedScenario p = parse_scenario_text(std::string(kFleet) +
                                             "  - {type: lock_instance, InstanceId: i-web, from: 90m, until: 3h}\n"
                                             "workload:\n" +
                                             call("2h30m", "CreateImage", "i-web") + call("3h1s", "CreateImage", "i-web"),
                                         "lock.yaml");
  ASSERT_TRUE(p.ok());
  Simulation sim(p.spec, 7);
  sim.run();
  EXPECT_EQ(sim.log().records()[0].code, "InstanceLockedForSecurity");
  EXPECT_EQ(sim.log().records()[1].outcome, Outcome::kOk) << sim.log().records()[1].code;
}

TEST(InstanceLockFault, ALockWithoutUntilLastsToTheEndOfTheRun) {
  ParsedScenario p = parse_scenario_text(R"(
regions: {cn-hangzhou: {}}
instances:
  - {InstanceId: i-web, RegionId: cn-hangzhou, Status: Running, Disks: [{DiskId: d-sys, Type: system, Size: 40GiB}]}
faults:
  - {type: lock_instance, InstanceId: i-web, from: 1h}
workload:
  - {at: 30d, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-web}
)",
                                         "lock.yaml");
  ASSERT_TRUE(p.ok());
  Simulation sim(p.spec, 7);
  sim.run();
  EXPECT_EQ(sim.log().records()[0].code, "InstanceLockedForSecurity");
}

TEST(InstanceLockFault, ALockOfAnUndeclaredInstanceIsAScenarioErrorAtItsPosition) {
  ParsedScenario p = parse_scenario_text(R"(regions: {cn-hangzhou: {}}
faults:
  - {type: lock_instance, InstanceId: i-nowhere, from: 1h}
)",
                                         "lock.yaml");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_NE(p.errors[0].to_string().find("lock.yaml:3:"), std::string::npos) << p.errors[0].to_string();
  EXPECT_NE(p.errors[0].to_string().find("i-nowhere"), std::string::npos);
}

TEST(InstanceLockFault, ALockThatEndsBeforeItStartsIsAScenarioError) {
  ParsedScenario p = parse_scenario_text(std::string(R"(regions: {cn-hangzhou: {}}
instances:
  - {InstanceId: i-web, RegionId: cn-hangzhou, Status: Running, Disks: [{DiskId: d-sys, Type: system, Size: 40GiB}]}
faults:
  - {type: lock_instance, InstanceId: i-web, from: 2h, until: 1h}
)"),
                                         "lock.yaml");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.errors[0].to_string().find("ends before it starts"), std::string::npos);
}

TEST(InstanceLockFault, ALockTakesNoProbability) {
  ParsedScenario p = parse_scenario_text(std::string(R"(regions: {cn-hangzhou: {}}
instances:
  - {InstanceId: i-web, RegionId: cn-hangzhou, Status: Running, Disks: [{DiskId: d-sys, Type: system, Size: 40GiB}]}
faults:
  - {type: lock_instance, InstanceId: i-web, probability: 50%}
)"),
                                         "lock.yaml");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.errors[0].to_string().find("takes no probability"), std::string::npos) << p.errors[0].to_string();
}

}  // namespace
}  // namespace ecsim::models
