#pragma once
// The state of the simulated cloud: the account, the regions, and flat tables of instances,
// disks, snapshots and images indexed by integer ids, with lookups by Alibaba ID. Every change
// that affects a quota counter or the dependency graph goes through a method here, so the
// counters can never drift from the tables.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/account.h"
#include "models/dependency_graph.h"
#include "models/disk.h"
#include "models/id_generator.h"
#include "models/id_index.h"
#include "models/image.h"
#include "models/instance.h"
#include "models/model_params.h"
#include "models/name_index.h"
#include "models/region.h"
#include "models/snapshot.h"
#include "models/stable_table.h"
#include "sim/time.h"

namespace ecsim::models {

class World {
 public:
  World(std::uint64_t seed, sim::CalendarTime start) : ids_(seed), start_(start) {}

  Account account;
  ModelParams params;

  // --- regions ---
  Region& add_region(const std::string& region_id);
  Region* find_region(std::string_view region_id);
  const std::map<std::string, Region, std::less<>>& regions() const { return regions_; }

  // --- resources ---
  InstanceIndex add_instance(Instance instance);
  DiskIndex add_disk(Disk disk);  // attaches to disk.instance when set
  SnapshotIndex add_snapshot(Snapshot snapshot);
  ImageIndex add_image(Image image);

  std::optional<InstanceIndex> find_instance(std::string_view id) const;
  // Hints that a call about to be made will look up this instance, or this image name: the
  // index slots start loading now (models/id_index.h). No effect on anything but speed.
  void prefetch_instance(std::string_view id) const { instance_by_id_.prefetch(id); }
  void prefetch_image_name(std::string_view region_id, std::string_view name) const {
    own_images_by_name_.prefetch(region_id, name);
  }
  std::optional<DiskIndex> find_disk(std::string_view id) const;
  std::optional<SnapshotIndex> find_snapshot(std::string_view id) const;  // live ones only
  std::optional<ImageIndex> find_image(std::string_view id) const;        // live ones only
  // The account's own live image with this ID in this region: what the calls only an image's owner
  // may make (ModifyImageAttribute, ModifyImageSharePermission, CancelCopyImage) can see; any
  // other image is InvalidImageId.NotFound to them.
  std::optional<ImageIndex> find_own_image(std::string_view region_id, std::string_view id) const;

  Instance& instance(InstanceIndex i) { return instances_[i]; }
  Disk& disk(DiskIndex i) { return disks_[i]; }
  Snapshot& snapshot(SnapshotIndex i) { return snapshots_[i]; }
  Image& image(ImageIndex i) { return images_[i]; }
  const Instance& instance(InstanceIndex i) const { return instances_[i]; }
  const Disk& disk(DiskIndex i) const { return disks_[i]; }
  const Snapshot& snapshot(SnapshotIndex i) const { return snapshots_[i]; }
  const Image& image(ImageIndex i) const { return images_[i]; }
  const StableTable<Instance>& instances() const { return instances_; }
  const StableTable<Disk>& disks() const { return disks_; }
  const StableTable<Snapshot>& snapshots() const { return snapshots_; }
  const StableTable<Image>& images() const { return images_; }

  // The data an image holds: the used bytes of each snapshot's source disk (its size when the disk
  // is not part of the scenario). What CopyImage and ExportImage move, and what SizeExceedImage checks.
  std::int64_t image_data_bytes(ImageIndex i) const;

  // State changes, checked against the transition tables (a move not in the table is a bug).
  void set_image_status(ImageIndex i, ImageStatus to, sim::SimTime at);
  void set_snapshot_status(SnapshotIndex i, SnapshotStatus to, sim::SimTime at);

  // The first live image with this name in the region owned by the account, if any. O(1): an
  // index kept by add_image, set_image_status and rename_image.
  std::optional<ImageIndex> find_image_by_name(std::string_view region_id, std::string_view name) const;
  // Changes an image's name (ModifyImageAttribute), keeping the name index right.
  void rename_image(ImageIndex i, std::string name);

  // --- time and IDs ---
  sim::CalendarTime start() const { return start_; }
  sim::CalendarTime calendar(sim::SimTime t) const { return start_ + t.since_start(); }
  IdGenerator& ids() { return ids_; }

  // --- sharing ---
  // The accounts an image is shared with, sorted (ModifyImageSharePermission): ImageUseShared for
  // DeleteImage, ImageUseSharedModify for deprecation. Kept beside the image, not in it: few of
  // a region's images are shared, and an empty list in each was 8 bytes times 10^7.
  const std::vector<std::string>& image_shared_with(ImageIndex i) const;
  void set_image_shared_with(ImageIndex i, std::vector<std::string> accounts);

  // --- dependencies ---
  // What the calls check on their hot path, from indexes kept as the world changes:
  // the live images using a snapshot (SnapshotCreatedImage) and the instances created from an
  // image (ImageUsingByInstance), each in the order the dependency arose.
  std::vector<ImageIndex> images_using(SnapshotIndex s) const;
  std::vector<InstanceIndex> instances_created_from(ImageIndex i) const;
  // The instance was created from the image (a scenario's instances, once the images exist).
  void set_created_from(InstanceIndex instance, ImageIndex image);
  // A CopyImage target gets its own copy of the source's snapshot for mapping k.
  void set_mapping_snapshot(ImageIndex image, std::size_t k, SnapshotIndex snapshot);

  // The whole resource-dependency graph, in Boost.Graph, for the views over all of it (the DOT
  // rendering, the tests, ecsim graph). Derived from the tables on first use after a change and
  // then kept: holding it as the run goes cost ~400 bytes per image (two vertices, two edges,
  // four adjacency vectors) for edges the tables already imply.
  const DependencyGraph& graph() const;
  // The ID of the resource a graph vertex stands for, and the graph in Graphviz DOT.
  std::string_view resource_id(ResourceKind kind, std::uint32_t index) const;
  std::string_view resource_id(const ResourceVertex& v) const { return resource_id(v.kind, v.index); }
  std::string dependency_dot(bool include_deleted = true) const;

 private:
  static bool counts_against_image_quota(const Image& image, const Account& account);
  void index_name(ImageIndex i);
  void unindex_name(ImageIndex i);

  IdGenerator ids_;
  sim::CalendarTime start_;
  std::map<std::string, Region, std::less<>> regions_;
  // Not vectors: a table of millions never moves its elements to grow (no copy of every Image,
  // no transient doubling of memory), and references to an element stay valid.
  StableTable<Instance> instances_;
  StableTable<Disk> disks_;
  StableTable<Snapshot> snapshots_;
  StableTable<Image> images_;
  // Lookups only: never iterated, so their order cannot reach an output.
  IdIndex instance_by_id_, disk_by_id_, snapshot_by_id_, image_by_id_;
  auto instance_id_of() const {
    return [this](std::uint32_t i) { return std::string_view(instances_[i].instance_id); };
  }
  auto disk_id_of() const {
    return [this](std::uint32_t i) { return std::string_view(disks_[i].disk_id); };
  }
  auto snapshot_id_of() const {
    return [this](std::uint32_t i) { return std::string_view(snapshots_[i].snapshot_id); };
  }
  auto image_id_of() const {
    return [this](std::uint32_t i) { return std::string_view(images_[i].image_id); };
  }
  // Live images of the account by (region, name).
  NameIndex own_images_by_name_;
  auto image_name_of() const {
    return [this](std::uint32_t i) { return NameIndex::Key{images_[i].region_id, images_[i].name}; };
  }
  // Snapshot -> images using it beyond the first (Snapshot::first_user): rare, only when an image
  // is created from an existing snapshot that another image already uses. Ordered: iterated.
  std::multimap<SnapshotIndex, ImageIndex> more_snapshot_users_;
  std::multimap<ImageIndex, InstanceIndex> instances_from_image_;
  std::map<ImageIndex, std::vector<std::string>> shared_with_;  // images shared with some account
  void add_snapshot_user(SnapshotIndex s, ImageIndex i);
  // The graph as last derived, and the change count it was derived at.
  std::uint64_t changes_ = 0;
  mutable std::uint64_t graph_changes_ = UINT64_MAX;
  mutable DependencyGraph graph_;

 public:
  // A resource's vertex in graph() (vertices are grouped by kind: instances, disks, snapshots,
  // images, each in table order).
  DependencyGraph::Vertex vertex_of_instance(InstanceIndex i) const { return i; }
  DependencyGraph::Vertex vertex_of_disk(DiskIndex i) const { return instances_.size() + i; }
  DependencyGraph::Vertex vertex_of_snapshot(SnapshotIndex i) const { return instances_.size() + disks_.size() + i; }
  DependencyGraph::Vertex vertex_of_image(ImageIndex i) const {
    return instances_.size() + disks_.size() + snapshots_.size() + i;
  }
};

}  // namespace ecsim::models
