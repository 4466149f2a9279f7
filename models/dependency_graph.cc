#include "models/dependency_graph.h"

#include <sstream>

#include "sim/assert.h"

namespace ecsim::models {

const char* to_string(ResourceKind k) {
  switch (k) {
    case ResourceKind::kInstance: return "instance";
    case ResourceKind::kDisk: return "disk";
    case ResourceKind::kSnapshot: return "snapshot";
    case ResourceKind::kImage: return "image";
  }
  ECSIM_UNREACHABLE("unknown ResourceKind");
}

const char* to_string(DependencyKind k) {
  switch (k) {
    case DependencyKind::kUses: return "uses";
    case DependencyKind::kOf: return "of";
    case DependencyKind::kAttachedTo: return "attached to";
    case DependencyKind::kCreatedFrom: return "created from";
    case DependencyKind::kCopyOf: return "copy of";
  }
  ECSIM_UNREACHABLE("unknown DependencyKind");
}

DependencyGraph::Vertex DependencyGraph::add_resource(ResourceKind kind, std::uint32_t index) {
  return boost::add_vertex(ResourceVertex{kind, false, index}, g_);
}

void DependencyGraph::add_dependency(Vertex dependent, Vertex dependency, DependencyKind kind) {
  boost::add_edge(dependent, dependency, DependencyEdge{kind}, g_);
}

std::vector<DependencyGraph::Vertex> DependencyGraph::dependents(Vertex v, DependencyKind kind) const {
  std::vector<Vertex> out;
  for (auto [it, end] = boost::in_edges(v, g_); it != end; ++it) {
    const Vertex src = boost::source(*it, g_);
    if (g_[*it].kind == kind && !g_[src].deleted) out.push_back(src);
  }
  return out;
}

std::vector<DependencyGraph::Vertex> DependencyGraph::dependencies(Vertex v, DependencyKind kind) const {
  std::vector<Vertex> out;
  for (auto [it, end] = boost::out_edges(v, g_); it != end; ++it) {
    const Vertex dst = boost::target(*it, g_);
    if (g_[*it].kind == kind && !g_[dst].deleted) out.push_back(dst);
  }
  return out;
}

std::string DependencyGraph::to_dot(const IdOf& id_of, bool include_deleted) const {
  std::ostringstream out;
  out << "digraph resources {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
  auto shape = [](ResourceKind k) {
    switch (k) {
      case ResourceKind::kInstance: return "box";
      case ResourceKind::kDisk: return "cylinder";
      case ResourceKind::kSnapshot: return "note";
      case ResourceKind::kImage: return "component";
    }
    return "ellipse";
  };
  for (auto [it, end] = boost::vertices(g_); it != end; ++it) {
    const ResourceVertex& r = g_[*it];
    if (r.deleted && !include_deleted) continue;
    const std::string_view id = id_of(r.kind, r.index);
    out << "  \"" << id << "\" [shape=" << shape(r.kind) << ", label=\"" << id << "\\n(" << to_string(r.kind)
        << ")\"" << (r.deleted ? ", style=dashed" : "") << "];\n";
  }
  for (auto [it, end] = boost::edges(g_); it != end; ++it) {
    const ResourceVertex& a = g_[boost::source(*it, g_)];
    const ResourceVertex& b = g_[boost::target(*it, g_)];
    if ((a.deleted || b.deleted) && !include_deleted) continue;
    out << "  \"" << id_of(a.kind, a.index) << "\" -> \"" << id_of(b.kind, b.index) << "\" [label=\"" << to_string(g_[*it].kind) << "\"];\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace ecsim::models
