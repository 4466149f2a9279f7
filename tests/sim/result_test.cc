// Errors as values (sim/error.h): a Result<T> holds either a T or an Error, and asking it for the
// one it does not hold is a bug (an internal error), never an exception or a default value.

#include "sim/error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace ecsim::sim {
namespace {

Error not_found() { return Error{.http_status = 404, .code = "InvalidImageId.NotFound", .message = "no such image"}; }

TEST(Result, HoldsAValue) {
  const Result<int> r = 42;
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(*r, 42);
}

TEST(Result, HoldsAnError) {
  const Result<int> r = not_found();
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error().http_status, 404);
  EXPECT_EQ(r.error().code, "InvalidImageId.NotFound");
  EXPECT_EQ(r.error().message, "no such image");
  EXPECT_EQ(r.error(), not_found());
}

TEST(Result, GivesMemberAccessToTheValue) {
  const Result<std::string> r = std::string("img-1");
  EXPECT_EQ(r->size(), 5u);
}

TEST(Result, ValueCanBeModifiedInPlace) {
  Result<std::string> r = std::string("img");
  r.value() += "-2";
  EXPECT_EQ(r.value(), "img-2");
}

TEST(Result, ValueCanBeMovedOut) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  const std::unique_ptr<int> p = std::move(r).value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 7);
}

TEST(ResultError, ComparesAllFields) {
  Error other = not_found();
  EXPECT_EQ(other, not_found());
  other.message = "different";
  EXPECT_NE(other, not_found());
}

TEST(ResultDeathTest, ValueOfAnErrorIsAnInternalError) {
  const Result<int> r = not_found();
  EXPECT_EXIT(static_cast<void>(r.value()), ::testing::ExitedWithCode(1), "internal error");
}

TEST(ResultDeathTest, DereferencingAnErrorIsAnInternalError) {
  const Result<int> r = not_found();
  EXPECT_EXIT(static_cast<void>(*r), ::testing::ExitedWithCode(1), "internal error");
}

TEST(ResultDeathTest, ErrorOfAValueIsAnInternalError) {
  const Result<int> r = 1;
  EXPECT_EXIT(static_cast<void>(r.error()), ::testing::ExitedWithCode(1), "internal error");
}

}  // namespace
}  // namespace ecsim::sim
