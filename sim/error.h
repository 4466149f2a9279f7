#pragma once
// Errors as values. An Error is an API-level outcome (HTTP status, Alibaba error code, message);
// Result<T> is either a T or an Error. The kernel knows no codes: they come from the models'
// error catalogue. Every function returning one of these is [[nodiscard]].

#include <string>
#include <utility>
#include <variant>

#include "sim/assert.h"

namespace ecsim::sim {

struct Error {
  int http_status = 0;
  std::string code;
  std::string message;

  friend bool operator==(const Error&, const Error&) = default;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}    // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { ECSIM_ASSERT(ok()); return std::get<0>(v_); }
  T& value() & { ECSIM_ASSERT(ok()); return std::get<0>(v_); }
  T&& value() && { ECSIM_ASSERT(ok()); return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { ECSIM_ASSERT(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace ecsim::sim
