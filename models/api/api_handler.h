#pragma once
// One handler per API action. handle() runs the action's checks in its documented precedence
// order and, when they pass, applies the action to the world. API errors are values.

#include <string_view>

#include "models/api/api_context.h"
#include "models/api/request.h"
#include "sim/error.h"

namespace ecsim::models {

using ApiResult = sim::Result<ApiResponse>;

class ApiHandler {
 public:
  virtual ~ApiHandler() = default;
  virtual std::string_view action() const = 0;
  [[nodiscard]] virtual ApiResult handle(const ApiRequest& request, ApiContext& ctx) = 0;
};

}  // namespace ecsim::models
