#pragma once
// The regions and the links between them that CopyImage transfers over, as a Boost.Graph
// undirected graph. Vertices are added in sorted region-id order and edges in the order the
// links are declared, so descriptors, and with them every path choice, are deterministic.
//
// The best path between two regions is the WIDEST path: the one whose narrowest link (the
// bottleneck) is widest, since a transfer's speed is bounded by its bottleneck and not by the sum
// of anything. It is found with boost::dijkstra_shortest_paths over the (max, min) semiring:
// "distance" is the bottleneck bandwidth so far, combine = min, compare = greater, zero = +inf,
// inf = 0. Equal bottlenecks keep the first path found (vertex order), which is deterministic.
// Latencies along the chosen path are summed.
//
// Without a `network:` key the scenario runs in default_network(): a documented world of
// Alibaba Cloud public regions with assumed bandwidths (models/README.md, "CopyImage").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "sim/time.h"

namespace ecsim::models {

struct RegionLinkSpec {
  std::string a, b;
  std::int64_t bandwidth_bytes_per_s = 0;
  sim::SimDuration latency = sim::SimDuration::zero();
};

struct NetworkSpec {
  std::vector<std::string> regions;  // may be empty: the links' endpoints are the regions
  std::vector<RegionLinkSpec> links;
};

// Alibaba public regions (mainland China, Hong Kong, Asia-Pacific, Europe, America) with
// assumed link bandwidths: 40 MiB/s between mainland regions, 30 MiB/s mainland <-> Hong Kong,
// 20 MiB/s on international links. No published figures; the international figure makes a 40 GiB
// image copy take ~35 min, the one public anecdote (terraform-provider-alicloud PR #4382).
NetworkSpec default_network();

class RegionNetwork {
 public:
  struct RegionVertex {
    std::string id;
  };
  struct LinkEdge {
    std::uint32_t link = 0;  // index into links()
    std::int64_t bandwidth_bytes_per_s = 0;
    sim::SimDuration latency = sim::SimDuration::zero();
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, RegionVertex, LinkEdge>;

  struct Path {
    std::vector<std::uint32_t> links;    // link indices from source to destination
    std::int64_t bottleneck_bytes_per_s = 0;
    sim::SimDuration latency = sim::SimDuration::zero();
  };

  RegionNetwork() : RegionNetwork(default_network()) {}
  explicit RegionNetwork(const NetworkSpec& spec);

  bool has_region(std::string_view id) const;
  // The widest path; nullopt when a region is unknown, the two are equal, or no path joins them.
  std::optional<Path> best_path(std::string_view from, std::string_view to) const;

  const std::vector<RegionLinkSpec>& links() const { return links_; }
  const Graph& graph() const { return g_; }

 private:
  std::optional<Graph::vertex_descriptor> vertex(std::string_view id) const;

  Graph g_;
  std::vector<std::string> sorted_ids_;  // vertex i has id sorted_ids_[i]
  std::vector<RegionLinkSpec> links_;
};

}  // namespace ecsim::models
