#pragma once
// The resource-dependency graph, in Boost.Graph: a vertex per resource, an edge from each
// resource to what it depends on.
//
//   image    --uses-->          snapshot   (SnapshotCreatedImage blocks deleting the snapshot)
//   snapshot --of-->            disk
//   disk     --attached to-->   instance
//   instance --created from-->  image      (ImageUsingByInstance blocks deleting the image)
//   image    --copy of-->       image      (a copy's source)
//
// Vertices are never removed (vecS descriptors stay valid); a deleted resource is marked so.
// Vertices and edges are added in the order the world creates them, which is deterministic.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace ecsim::models {

enum class ResourceKind { kInstance, kDisk, kSnapshot, kImage };
enum class DependencyKind { kUses, kOf, kAttachedTo, kCreatedFrom, kCopyOf };

const char* to_string(ResourceKind k);
const char* to_string(DependencyKind k);

// 8 bytes: the resource's ID is not copied here (there is one vertex per snapshot and per image,
// millions of them); World::resource_id gives it from the table.
struct ResourceVertex {
  ResourceKind kind = ResourceKind::kInstance;
  bool deleted = false;
  std::uint32_t index = 0;  // into the world's table of that kind
};

struct DependencyEdge {
  DependencyKind kind = DependencyKind::kUses;
};

class DependencyGraph {
 public:
  // Edges live in a vector too (the seventh parameter; the default is a std::list): nothing is
  // ever removed, and a list would cost an allocation of its own per edge, two per image made.
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, ResourceVertex, DependencyEdge,
                                      boost::no_property, boost::vecS>;
  using Vertex = Graph::vertex_descriptor;

  Vertex add_resource(ResourceKind kind, std::uint32_t index);
  void add_dependency(Vertex dependent, Vertex dependency, DependencyKind kind);
  void mark_deleted(Vertex v) { g_[v].deleted = true; }

  // Live resources that depend on `v` through an edge of `kind` (e.g. the images using a snapshot).
  std::vector<Vertex> dependents(Vertex v, DependencyKind kind) const;
  // Live resources `v` depends on through an edge of `kind`.
  std::vector<Vertex> dependencies(Vertex v, DependencyKind kind) const;

  const ResourceVertex& resource(Vertex v) const { return g_[v]; }
  const Graph& graph() const { return g_; }
  std::size_t size() const { return boost::num_vertices(g_); }

  // Graphviz DOT of the live resources (deleted ones are drawn dashed when include_deleted),
  // each named by id_of(kind, index): i-..., d-..., s-..., m-... (World::dependency_dot).
  using IdOf = std::function<std::string_view(ResourceKind, std::uint32_t)>;
  std::string to_dot(const IdOf& id_of, bool include_deleted = true) const;

 private:
  Graph g_;
};

}  // namespace ecsim::models
