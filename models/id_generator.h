#pragma once
// Resource and request IDs in Alibaba's shapes, generated deterministically: the n-th ID of a
// kind depends only on (seed, kind, region, n), never on other random draws, so the same seed
// gives the same IDs and an unrelated change (a new fault, a new stream) does not rename anything.
//
//   image     m-bp1ab2cd3ef4gh5ij6kl   ("m-", the region's two-character code, 18 characters)
//   snapshot  s-bp1ab2cd3ef4gh5ij6kl
//   request   C8B26B44-0189-443E-9816-1A2B3C4D5E6F (an uppercase UUID)

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace ecsim::models {

class IdGenerator {
 public:
  explicit IdGenerator(std::uint64_t seed) : seed_(seed) {}

  std::string next_image_id(std::string_view region_id) { return next_resource_id("m-", region_id); }
  std::string next_snapshot_id(std::string_view region_id) { return next_resource_id("s-", region_id); }
  std::string next_request_id();

  // The two-character code Alibaba puts in resource IDs (cn-hangzhou "bp", cn-shanghai "uf", ...);
  // for a region it does not know, two characters derived from the name.
  static std::string region_code(std::string_view region_id);

 private:
  // One kind of ID ("m-" in cn-hangzhou): what every ID of it needs, worked out once.
  struct Kind {
    std::uint64_t next = 0;    // IDs handed out so far
    std::uint64_t hash = 0;    // fnv1a64 of prefix + region: the draws' stream
    std::string head;          // prefix + region code: "m-bp"
  };

  std::string next_resource_id(std::string_view prefix, std::string_view region_id);
  std::uint64_t draw(std::uint64_t kind_hash, std::uint64_t n) const;

  std::uint64_t seed_;
  std::map<std::string, Kind, std::less<>> kinds_;
  std::string key_;  // next_resource_id's lookup key, reused
  std::uint64_t requests_ = 0;
};

}  // namespace ecsim::models
