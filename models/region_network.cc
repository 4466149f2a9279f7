#include "models/region_network.h"

#include <algorithm>
#include <functional>
#include <limits>

#include <boost/graph/dijkstra_shortest_paths.hpp>

#include "sim/assert.h"

namespace ecsim::models {

NetworkSpec default_network() {
  constexpr std::int64_t kMiB = 1024 * 1024;
  const std::int64_t mainland = 40 * kMiB, hongkong = 30 * kMiB, international = 20 * kMiB;
  auto ms = [](std::int64_t n) { return sim::SimDuration::milliseconds(n); };
  NetworkSpec n;
  n.regions = {"ap-northeast-1", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "cn-beijing", "cn-chengdu",
               "cn-guangzhou",   "cn-hangzhou",    "cn-hongkong",    "cn-huhehaote",   "cn-qingdao", "cn-shanghai",
               "cn-shenzhen",    "cn-wulanchabu",  "cn-zhangjiakou", "eu-central-1",   "eu-west-1",  "me-east-1",
               "us-east-1",      "us-west-1"};
  n.links = {
      // mainland backbone (hub: cn-hangzhou, cn-shanghai, cn-beijing)
      {"cn-hangzhou", "cn-shanghai", mainland, ms(5)},
      {"cn-hangzhou", "cn-beijing", mainland, ms(25)},
      {"cn-shanghai", "cn-beijing", mainland, ms(25)},
      {"cn-hangzhou", "cn-shenzhen", mainland, ms(25)},
      {"cn-shanghai", "cn-shenzhen", mainland, ms(25)},
      {"cn-shenzhen", "cn-guangzhou", mainland, ms(5)},
      {"cn-hangzhou", "cn-chengdu", mainland, ms(30)},
      {"cn-beijing", "cn-qingdao", mainland, ms(10)},
      {"cn-beijing", "cn-zhangjiakou", mainland, ms(5)},
      {"cn-beijing", "cn-huhehaote", mainland, ms(10)},
      {"cn-beijing", "cn-wulanchabu", mainland, ms(10)},
      // Hong Kong
      {"cn-shenzhen", "cn-hongkong", hongkong, ms(5)},
      {"cn-shanghai", "cn-hongkong", hongkong, ms(30)},
      // international
      {"cn-hongkong", "ap-southeast-1", international, ms(35)},
      {"cn-shanghai", "ap-northeast-1", international, ms(30)},
      {"ap-southeast-1", "ap-southeast-3", international, ms(10)},
      {"ap-southeast-1", "ap-southeast-5", international, ms(20)},
      {"ap-southeast-1", "me-east-1", international, ms(80)},
      {"ap-southeast-1", "eu-central-1", international, ms(160)},
      {"eu-central-1", "eu-west-1", international, ms(15)},
      {"cn-shanghai", "us-west-1", international, ms(130)},
      {"us-west-1", "us-east-1", international, ms(65)},
      {"eu-west-1", "us-east-1", international, ms(75)},
  };
  return n;
}

RegionNetwork::RegionNetwork(const NetworkSpec& spec) : links_(spec.links) {
  sorted_ids_ = spec.regions;
  for (const RegionLinkSpec& l : spec.links) {
    sorted_ids_.push_back(l.a);
    sorted_ids_.push_back(l.b);
  }
  std::sort(sorted_ids_.begin(), sorted_ids_.end());
  sorted_ids_.erase(std::unique(sorted_ids_.begin(), sorted_ids_.end()), sorted_ids_.end());
  for (const std::string& id : sorted_ids_) boost::add_vertex(RegionVertex{id}, g_);
  for (std::size_t k = 0; k < links_.size(); ++k) {
    const RegionLinkSpec& l = links_[k];
    ECSIM_ASSERT_MSG(l.bandwidth_bytes_per_s > 0, "a link needs a positive bandwidth");
    boost::add_edge(*vertex(l.a), *vertex(l.b), LinkEdge{static_cast<std::uint32_t>(k), l.bandwidth_bytes_per_s, l.latency}, g_);
  }
}

std::optional<RegionNetwork::Graph::vertex_descriptor> RegionNetwork::vertex(std::string_view id) const {
  auto it = std::lower_bound(sorted_ids_.begin(), sorted_ids_.end(), id);
  if (it == sorted_ids_.end() || *it != id) return std::nullopt;
  return static_cast<Graph::vertex_descriptor>(it - sorted_ids_.begin());
}

bool RegionNetwork::has_region(std::string_view id) const { return vertex(id).has_value(); }

std::optional<RegionNetwork::Path> RegionNetwork::best_path(std::string_view from, std::string_view to) const {
  const auto s = vertex(from), t = vertex(to);
  if (!s || !t || *s == *t) return std::nullopt;
  const std::size_t n = boost::num_vertices(g_);
  std::vector<Graph::vertex_descriptor> pred(n);
  std::vector<std::int64_t> width(n, 0);
  constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max();
  boost::dijkstra_shortest_paths(
      g_, *s,
      boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, g_)))
          .distance_map(boost::make_iterator_property_map(width.begin(), boost::get(boost::vertex_index, g_)))
          .weight_map(boost::get(&LinkEdge::bandwidth_bytes_per_s, g_))
          .distance_compare(std::greater<std::int64_t>())
          .distance_combine([](std::int64_t a, std::int64_t b) { return std::min(a, b); })
          .distance_inf(std::int64_t{0})
          .distance_zero(kInf));
  if (width[*t] == 0) return std::nullopt;
  Path path;
  path.bottleneck_bytes_per_s = width[*t];
  for (auto v = *t; v != *s; v = pred[v]) {
    const auto u = pred[v];
    ECSIM_ASSERT(u != v);
    // The widest of the parallel edges between u and v (declared order breaks ties).
    std::optional<LinkEdge> best;
    for (auto [e, end] = boost::out_edges(u, g_); e != end; ++e) {
      if (boost::target(*e, g_) != v) continue;
      if (!best || g_[*e].bandwidth_bytes_per_s > best->bandwidth_bytes_per_s) best = g_[*e];
    }
    ECSIM_ASSERT(best.has_value());
    path.links.push_back(best->link);
    path.latency += best->latency;
  }
  std::reverse(path.links.begin(), path.links.end());
  return path;
}

}  // namespace ecsim::models
