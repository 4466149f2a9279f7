#include "analysis/operations_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "call_records.h"

namespace ecsim::analysis {
namespace {

using nlohmann::ordered_json;
using test_support::error_delete_image;
using test_support::ok_create_image;
using test_support::skipped_copy_image;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

// The contract's pinned keys, in order, then ecsim's own.
const std::vector<std::string> kPinnedKeys = {"index",    "name",   "at",       "Action",
                                              "outcome",  "http",   "code",     "RequestId",
                                              "response", "status", "status_at"};

std::vector<std::string> keys_of(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

std::vector<std::string> with(std::vector<std::string> keys,
                              std::initializer_list<const char*> more) {
  for (const char* k : more) keys.push_back(k);
  return keys;
}

std::string line_for(const models::CallRecord& record) {
  std::string out;
  append_operation_line(out, record);
  return out;
}

TEST(OperationsWriter, OkLineHasThePinnedKeysInOrderThenOurs) {
  const std::string line = line_for(ok_create_image(0));
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line
  const ordered_json j = ordered_json::parse(line);
  EXPECT_THAT(keys_of(j),
              ElementsAreArray(with(kPinnedKeys, {"RegionId", "message", "api_latency"})));
  EXPECT_EQ(j["index"], 0);
  EXPECT_EQ(j["name"], "golden");
  EXPECT_EQ(j["at"], 0);
  EXPECT_EQ(j["Action"], "CreateImage");
  EXPECT_EQ(j["outcome"], "ok");
  EXPECT_EQ(j["http"], 200);
  EXPECT_TRUE(j["code"].is_null());
  EXPECT_EQ(j["RequestId"], "req-0001");
  EXPECT_THAT(keys_of(j["response"]), ElementsAre("RequestId", "ImageId"));  // API order kept
  EXPECT_EQ(j["response"]["ImageId"], "m-0001");
  EXPECT_EQ(j["status"], "Available");
  EXPECT_EQ(j["status_at"], 723);
  EXPECT_EQ(j["RegionId"], "cn-hangzhou");
  EXPECT_TRUE(j["message"].is_null());
  EXPECT_EQ(j["api_latency"], 0.25);
}

TEST(OperationsWriter, OkLineBytesArePinned) {
  EXPECT_EQ(
      line_for(ok_create_image(0)),
      R"({"index":0,"name":"golden","at":0,"Action":"CreateImage","outcome":"ok","http":200,)"
      R"("code":null,"RequestId":"req-0001","response":{"RequestId":"req-0001","ImageId":"m-0001"},)"
      R"("status":"Available","status_at":723,"RegionId":"cn-hangzhou","message":null,)"
      R"("api_latency":0.25})"
      "\n");
}

TEST(OperationsWriter, ErrorLineCarriesCodeHttpAndMessage) {
  const ordered_json j = ordered_json::parse(line_for(error_delete_image(1)));
  EXPECT_THAT(keys_of(j),
              ElementsAreArray(with(kPinnedKeys, {"RegionId", "message", "api_latency"})));
  EXPECT_EQ(j["index"], 1);
  EXPECT_TRUE(j["name"].is_null());
  EXPECT_EQ(j["at"], 7200.5);
  EXPECT_EQ(j["outcome"], "error");
  EXPECT_EQ(j["http"], 404);
  EXPECT_EQ(j["code"], "InvalidImageId.NotFound");
  EXPECT_EQ(j["RequestId"], "req-0002");
  EXPECT_TRUE(j["status"].is_null());
  EXPECT_TRUE(j["status_at"].is_null());
  EXPECT_EQ(j["message"], "The specified ImageId does not exist.");
  EXPECT_EQ(j["api_latency"], 0.12);
}

TEST(OperationsWriter, SkippedLineHasNullHttpCodeRequestIdAndAReason) {
  const ordered_json j = ordered_json::parse(line_for(skipped_copy_image(2)));
  EXPECT_THAT(keys_of(j), ElementsAreArray(with(
                              kPinnedKeys, {"RegionId", "message", "api_latency", "skip_reason"})));
  EXPECT_EQ(j["outcome"], "skipped");
  EXPECT_EQ(j["at"], 1800);
  EXPECT_TRUE(j["http"].is_null());
  EXPECT_TRUE(j["code"].is_null());
  EXPECT_TRUE(j["RequestId"].is_null());
  EXPECT_TRUE(j["response"].is_object());
  EXPECT_TRUE(j["response"].empty());
  EXPECT_TRUE(j["status"].is_null());
  EXPECT_TRUE(j["api_latency"].is_null());
  EXPECT_EQ(j["skip_reason"], "${golden.ImageId}: call golden failed");
}

TEST(OperationsWriter, ResponseValuesAreEscaped) {
  models::CallRecord r = ok_create_image(0);
  r.response = {{"Description", "line\n\"quoted\"\t杭州"}};
  const ordered_json j = ordered_json::parse(line_for(r));
  EXPECT_EQ(j["response"]["Description"], "line\n\"quoted\"\t杭州");
}

TEST(OperationsWriter, FileHasOneLinePerRecordInIndexOrder) {
  models::CallLog log;
  // Stored out of order on purpose; the file follows `index`.
  log.records().push_back(skipped_copy_image(2));
  log.records().push_back(ok_create_image(0));
  log.records().push_back(error_delete_image(1));
  const std::string text = render_operations_jsonl(log);
  std::vector<int> indices;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    ASSERT_NE(end, std::string::npos);
    indices.push_back(ordered_json::parse(text.substr(begin, end - begin))["index"].get<int>());
    begin = end + 1;
  }
  EXPECT_THAT(indices, ElementsAre(0, 1, 2));
}

TEST(OperationsWriter, EmptyLogIsAnEmptyFile) {
  EXPECT_EQ(render_operations_jsonl(models::CallLog()), "");
}

TEST(OperationsWriter, IdenticalLogsGiveIdenticalBytes) {
  models::CallLog a;
  models::CallLog b;
  for (models::CallLog* log : {&a, &b}) {
    log->records().push_back(ok_create_image(0));
    log->records().push_back(error_delete_image(1));
    log->records().push_back(skipped_copy_image(2));
  }
  EXPECT_EQ(render_operations_jsonl(a), render_operations_jsonl(b));
}

TEST(OperationsWriterDeathTest, PendingRecordIsAnInternalError) {
  models::CallRecord r = ok_create_image(0);
  r.outcome = models::Outcome::kPending;
  EXPECT_EXIT((void)line_for(r), ::testing::ExitedWithCode(1), "internal error");
}

TEST(OperationsWriterDeathTest, GapInIndicesIsAnInternalError) {
  models::CallLog log;
  log.records().push_back(ok_create_image(0));
  log.records().push_back(error_delete_image(2));
  EXPECT_EXIT((void)render_operations_jsonl(log), ::testing::ExitedWithCode(1), "internal error");
}

}  // namespace
}  // namespace ecsim::analysis
