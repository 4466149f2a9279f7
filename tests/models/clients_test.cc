// Clients (clients: in a scenario): a call made through a client retries retryable answers with
// exponential backoff and jitter, reuses (or not) a ClientToken, polls to a terminal state and
// gives up at its timeout. The call records one outcome, the final one, plus what it cost.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::models {
namespace {

constexpr std::string_view kWorld = R"(
seed: 7
regions:
  cn-hangzhou: {}
instances:
  - InstanceId: i-1
    RegionId: cn-hangzhou
    Disks:
      - {DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB, Used: 4GiB}
)";

struct ClientRun {
  ParsedScenario parsed;
  std::unique_ptr<Simulation> sim;
  const CallRecord& record(std::size_t i) const { return sim->log().records().at(i); }
};

ClientRun run(const std::string& rest, std::uint64_t seed = 7) {
  ClientRun r;
  r.parsed = parse_scenario_text(std::string(kWorld) + rest, "c.yaml");
  for (const auto& e : r.parsed.errors) ADD_FAILURE() << e.to_string();
  if (!r.parsed.ok()) return r;
  r.sim = std::make_unique<Simulation>(r.parsed.spec, seed);
  r.sim->run();
  return r;
}

std::size_t image_count(const Simulation& sim) { return sim.world().images().size(); }

TEST(Clients, ThrottledCallIsRetriedUntilItSucceedsAndRecordsTheAttempts) {
  // Throttling for the first 2 minutes; backoff 1m without jitter: attempts at 0, ~1m, ~3m.
  const ClientRun r = run(R"(
clients:
  tf: {retry: {max_attempts: 5, backoff: 1m, backoff_max: 10m, jitter: none}}
faults:
  - {Action: CreateImage, code: Throttling, until: 2m}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, client: tf}
)");
  ASSERT_TRUE(r.sim);
  const CallRecord& c = r.record(0);
  EXPECT_EQ(c.outcome, Outcome::kOk);
  EXPECT_EQ(c.attempts, 3u);
  EXPECT_GT(c.api_latency, sim::SimDuration::minutes(3));  // the client waited through the backoff
  EXPECT_EQ(c.status, std::optional<std::string>("Available"));
}

TEST(Clients, WithoutAClientACallIsSentOnce) {
  const ClientRun r = run(R"(
faults:
  - {Action: CreateImage, code: Throttling, until: 2m}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1}
)");
  ASSERT_TRUE(r.sim);
  EXPECT_EQ(r.record(0).outcome, Outcome::kError);
  EXPECT_EQ(r.record(0).code, "Throttling");
  EXPECT_EQ(r.record(0).attempts, 1u);
  EXPECT_FALSE(r.record(0).client.has_value());
}

TEST(Clients, NonRetryableCodesAreNotRetried) {
  const ClientRun r = run(R"(
clients:
  tf: {retry: {max_attempts: 5, codes: [ServiceUnavailable]}}
faults:
  - {Action: CreateImage, code: InternalError}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, client: tf}
)");
  ASSERT_TRUE(r.sim);
  EXPECT_EQ(r.record(0).code, "InternalError");
  EXPECT_EQ(r.record(0).attempts, 1u);
}

TEST(Clients, MaxAttemptsBoundsTheRetriesAndTheLastAnswerIsRecorded) {
  const ClientRun r = run(R"(
clients:
  tf: {retry: {max_attempts: 4, backoff: 1s}}
faults:
  - {Action: CreateImage, code: ServiceUnavailable}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, client: tf}
)");
  ASSERT_TRUE(r.sim);
  EXPECT_EQ(r.record(0).outcome, Outcome::kError);
  EXPECT_EQ(r.record(0).code, "ServiceUnavailable");
  EXPECT_EQ(r.record(0).attempts, 4u);
}

TEST(RetryPolicy, DefaultCodesAreTerraformsNeedRetry) {
  const RetryPolicy p;
  EXPECT_TRUE(p.retryable("Throttling", 400));
  EXPECT_TRUE(p.retryable("Throttling.User", 429));
  EXPECT_TRUE(p.retryable("Rejected.Throttling", 400));
  EXPECT_TRUE(p.retryable("ServiceUnavailable", 503));
  EXPECT_TRUE(p.retryable("InternalError", 500));
  EXPECT_FALSE(p.retryable("InvalidImageName.Duplicated", 400));
  EXPECT_FALSE(p.retryable("IdempotentProcessing", 403));
}

// The cost of a retry without a ClientToken: the first attempt was carried out but its answer was
// lost (a 503 after processing), so the retry creates a second image and the first is orphaned.
constexpr std::string_view kLostAnswer = R"(
faults:
  - {Action: CreateImage, code: ServiceUnavailable, until: 1s, processed: true}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, client: tf}
)";

TEST(Clients, RetryWithoutClientTokenCreatesADuplicate) {
  const ClientRun r = run("clients:\n  tf: {client_token: none, retry: {max_attempts: 3, backoff: 5s, jitter: none}}\n" +
                    std::string(kLostAnswer));
  ASSERT_TRUE(r.sim);
  EXPECT_EQ(r.record(0).outcome, Outcome::kOk);
  EXPECT_EQ(r.record(0).attempts, 2u);
  EXPECT_EQ(r.record(0).orphaned.size(), 1u);
  EXPECT_EQ(image_count(*r.sim), 2u);
}

TEST(Clients, RetryReusingTheClientTokenGetsTheFirstImageBack) {
  const ClientRun r = run("clients:\n  tf: {client_token: reuse, retry: {max_attempts: 3, backoff: 5s, jitter: none}}\n" +
                    std::string(kLostAnswer));
  ASSERT_TRUE(r.sim);
  EXPECT_EQ(r.record(0).outcome, Outcome::kOk);
  EXPECT_EQ(r.record(0).attempts, 2u);
  EXPECT_TRUE(r.record(0).orphaned.empty());
  EXPECT_EQ(image_count(*r.sim), 1u);
}

TEST(Clients, RetryWithoutTokenOfANamedImageAnswersDuplicatedName) {
  const ClientRun r = run(R"(
clients:
  tf: {client_token: none, retry: {max_attempts: 3, backoff: 5s, jitter: none}}
faults:
  - {Action: CreateImage, code: ServiceUnavailable, until: 1s, processed: true}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, ImageName: web, client: tf}
)");
  ASSERT_TRUE(r.sim);
  EXPECT_EQ(r.record(0).code, "InvalidImageName.Duplicated");
  EXPECT_EQ(r.record(0).orphaned.size(), 1u);
}

TEST(Clients, PollingObservesTheTerminalStatusAtAPollInstant) {
  const ClientRun r = run(R"(
clients:
  poller: {poll: {interval: 1m}}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, client: poller}
)");
  ASSERT_TRUE(r.sim);
  const CallRecord& c = r.record(0);
  ASSERT_TRUE(c.status_at && c.observed_at);
  EXPECT_GE(*c.observed_at, *c.status_at);
  EXPECT_LT(*c.observed_at - *c.status_at, sim::SimDuration::minutes(1));
  EXPECT_EQ((*c.observed_at - (c.at + c.api_latency)).ticks() % sim::SimDuration::minutes(1).ticks(), 0);
  EXPECT_GE(c.polls, 1u);
}

TEST(Clients, TimeoutBeforeTheTerminalStatusGivesUp) {
  const ClientRun r = run(R"(
clients:
  impatient: {timeout: 10s, cleanup: true}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, client: impatient}
)");
  ASSERT_TRUE(r.sim);
  const CallRecord& c = r.record(0);
  ASSERT_TRUE(c.gave_up_at.has_value());
  EXPECT_EQ(*c.gave_up_at, sim::SimTime::zero() + sim::SimDuration::seconds(10));
  EXPECT_FALSE(c.cleanup.empty());  // DeleteImage's answer, or "unsupported" without a handler
}

TEST(Clients, BackoffJitterIsDrawnFromTheClientsOwnStream) {
  // Same seed, same jittered attempts; the draws of another client do not move them.
  const std::string one = R"(
clients:
  a: {retry: {max_attempts: 6, backoff: 10s}}
faults:
  - {Action: CreateImage, code: Throttling, until: 2m}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, client: a}
)";
  const ClientRun first = run(one), again = run(one);
  ASSERT_TRUE(first.sim && again.sim);
  EXPECT_EQ(first.record(0).api_latency, again.record(0).api_latency);
  EXPECT_EQ(first.record(0).attempts, again.record(0).attempts);
}

TEST(Clients, UndefinedClientIsAnError) {
  const ParsedScenario p = parse_scenario_text(std::string(kWorld) + R"(
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, client: nobody}
)", "c.yaml");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_NE(p.errors[0].to_string().find("c.yaml:12:"), std::string::npos) << p.errors[0].to_string();
  EXPECT_NE(p.errors[0].what.find("client 'nobody' is not defined"), std::string::npos);
}

TEST(Clients, BadClientSettingsAreAllReported) {
  const ParsedScenario p = parse_scenario_text(std::string(kWorld) + R"(
clients:
  c: {retry: {max_attempts: 0, jitter: wild, codes: [Throtling]}, client_token: maybe, poll: {}, colour: red}
)", "c.yaml");
  EXPECT_EQ(p.errors.size(), 6u);
  for (const auto& e : p.errors) EXPECT_EQ(e.line, 12) << e.to_string();
}

}  // namespace
}  // namespace ecsim::models
