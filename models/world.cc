#include "models/world.h"

#include <algorithm>

#include "sim/assert.h"

namespace ecsim::models {

Region& World::add_region(const std::string& region_id) {
  auto [it, inserted] = regions_.try_emplace(region_id);
  if (inserted) it->second.region_id = region_id;
  return it->second;
}

Region* World::find_region(std::string_view region_id) {
  auto it = regions_.find(region_id);
  return it == regions_.end() ? nullptr : &it->second;
}

InstanceIndex World::add_instance(Instance instance) {
  const auto i = static_cast<InstanceIndex>(instances_.size());
  ++changes_;
  instances_.push_back(std::move(instance));
  instance_by_id_.insert(instances_.back().instance_id, i, instance_id_of());
  return i;
}

DiskIndex World::add_disk(Disk disk) {
  const auto i = static_cast<DiskIndex>(disks_.size());
  ++changes_;
  if (disk.instance != kNoIndex) {
    ECSIM_ASSERT(disk.instance < instances_.size());
    Instance& owner = instances_[disk.instance];
    // The system disk goes first: CreateImage maps it to /dev/xvda.
    if (disk.type == DiskType::kSystem) owner.disks.insert(owner.disks.begin(), i);
    else owner.disks.push_back(i);
  }
  disks_.push_back(std::move(disk));
  disk_by_id_.insert(disks_.back().disk_id, i, disk_id_of());
  return i;
}

SnapshotIndex World::add_snapshot(Snapshot snapshot) {
  const auto i = static_cast<SnapshotIndex>(snapshots_.size());
  ++changes_;
  ECSIM_ASSERT(snapshot.first_user == kNoIndex);
  if (snapshot.source_disk != kNoIndex) {
    if (snapshot.status == SnapshotStatus::kProgressing) ++disks_[snapshot.source_disk].snapshots_in_progress;
  }
  if (Region* r = find_region(snapshot.region_id)) {
    ++r->snapshots_count;
    if (snapshot.status == SnapshotStatus::kProgressing) ++r->snapshots_unfinished;
  }
  snapshots_.push_back(std::move(snapshot));
  snapshot_by_id_.insert(snapshots_.back().snapshot_id, i, snapshot_id_of());
  return i;
}

bool World::counts_against_image_quota(const Image& image, const Account& account) {
  return image.owner_account == account.account_id && image.owner_alias == "self";
}

ImageIndex World::add_image(Image image) {
  const auto i = static_cast<ImageIndex>(images_.size());
  ++changes_;
  for (const ImageDiskMapping& m : image.mappings) {
    if (m.snapshot != kNoIndex) add_snapshot_user(m.snapshot, i);
  }
  if (Region* r = find_region(image.region_id); r != nullptr && counts_against_image_quota(image, account)) {
    ++r->images_count;
    if (!image.family.empty()) ++r->images_per_family[image.family];
  }
  images_.push_back(std::move(image));
  image_by_id_.insert(images_.back().image_id, i, image_id_of());
  index_name(i);
  return i;
}

std::int64_t World::image_data_bytes(ImageIndex i) const {
  std::int64_t total = 0;
  for (const ImageDiskMapping& m : images_[i].mappings) {
    if (m.snapshot == kNoIndex) continue;
    const Snapshot& s = snapshots_[m.snapshot];
    total += s.source_disk != kNoIndex ? disks_[s.source_disk].used_bytes : s.source_disk_size_bytes;
  }
  return total;
}

void World::add_snapshot_user(SnapshotIndex s, ImageIndex i) {
  Snapshot& snap = snapshots_[s];
  if (snap.first_user == kNoIndex) snap.first_user = i;
  else more_snapshot_users_.emplace(s, i);
}

std::vector<ImageIndex> World::images_using(SnapshotIndex s) const {
  std::vector<ImageIndex> out;
  const ImageIndex first = snapshots_[s].first_user;
  if (first == kNoIndex) return out;
  if (images_[first].status != ImageStatus::kDeleted) out.push_back(first);
  for (auto [it, end] = more_snapshot_users_.equal_range(s); it != end; ++it) {
    if (images_[it->second].status != ImageStatus::kDeleted) out.push_back(it->second);
  }
  return out;
}

const std::vector<std::string>& World::image_shared_with(ImageIndex i) const {
  static const std::vector<std::string> kNone;
  const auto it = shared_with_.find(i);
  return it == shared_with_.end() ? kNone : it->second;
}

void World::set_image_shared_with(ImageIndex i, std::vector<std::string> accounts) {
  ECSIM_ASSERT(i < images_.size());
  if (accounts.empty()) shared_with_.erase(i);
  else shared_with_[i] = std::move(accounts);
}

std::vector<InstanceIndex> World::instances_created_from(ImageIndex i) const {
  std::vector<InstanceIndex> out;
  for (auto [it, end] = instances_from_image_.equal_range(i); it != end; ++it) out.push_back(it->second);
  return out;
}

void World::set_created_from(InstanceIndex instance, ImageIndex image) {
  ECSIM_ASSERT(instances_[instance].created_from == kNoIndex);
  instances_[instance].created_from = image;
  instances_from_image_.emplace(image, instance);
  ++changes_;
}

void World::set_mapping_snapshot(ImageIndex image, std::size_t k, SnapshotIndex snapshot) {
  ImageDiskMapping& m = images_[image].mappings.at(k);
  ECSIM_ASSERT(m.snapshot == kNoIndex);
  m.snapshot = snapshot;
  add_snapshot_user(snapshot, image);
  ++changes_;
}

const DependencyGraph& World::graph() const {
  if (graph_changes_ == changes_) return graph_;
  // Edges in the order the dependencies arose, per kind of resource: a disk is attached when it
  // is added, a snapshot is of its disk, an image uses the snapshots of its mappings, an instance
  // was created from its image.
  graph_ = DependencyGraph();
  for (std::size_t i = 0; i < instances_.size(); ++i) graph_.add_resource(ResourceKind::kInstance, static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < disks_.size(); ++i) graph_.add_resource(ResourceKind::kDisk, static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < snapshots_.size(); ++i) {
    const auto v = graph_.add_resource(ResourceKind::kSnapshot, static_cast<std::uint32_t>(i));
    if (snapshots_[i].status == SnapshotStatus::kDeleted) graph_.mark_deleted(v);
  }
  for (std::size_t i = 0; i < images_.size(); ++i) {
    const auto v = graph_.add_resource(ResourceKind::kImage, static_cast<std::uint32_t>(i));
    if (images_[i].status == ImageStatus::kDeleted) graph_.mark_deleted(v);
  }
  for (std::size_t i = 0; i < disks_.size(); ++i) {
    if (disks_[i].instance != kNoIndex)
      graph_.add_dependency(vertex_of_disk(static_cast<DiskIndex>(i)), vertex_of_instance(disks_[i].instance), DependencyKind::kAttachedTo);
  }
  for (std::size_t i = 0; i < snapshots_.size(); ++i) {
    if (snapshots_[i].source_disk != kNoIndex)
      graph_.add_dependency(vertex_of_snapshot(static_cast<SnapshotIndex>(i)), vertex_of_disk(snapshots_[i].source_disk), DependencyKind::kOf);
  }
  for (std::size_t i = 0; i < images_.size(); ++i) {
    for (const ImageDiskMapping& m : images_[i].mappings) {
      if (m.snapshot != kNoIndex)
        graph_.add_dependency(vertex_of_image(static_cast<ImageIndex>(i)), vertex_of_snapshot(m.snapshot), DependencyKind::kUses);
    }
  }
  for (std::size_t i = 0; i < instances_.size(); ++i) {
    if (instances_[i].created_from != kNoIndex)
      graph_.add_dependency(vertex_of_instance(static_cast<InstanceIndex>(i)), vertex_of_image(instances_[i].created_from), DependencyKind::kCreatedFrom);
  }
  graph_changes_ = changes_;
  return graph_;
}

std::string_view World::resource_id(ResourceKind kind, std::uint32_t index) const {
  switch (kind) {
    case ResourceKind::kInstance: return instances_[index].instance_id;
    case ResourceKind::kDisk: return disks_[index].disk_id;
    case ResourceKind::kSnapshot: return snapshots_[index].snapshot_id;
    case ResourceKind::kImage: return images_[index].image_id;
  }
  ECSIM_UNREACHABLE("unknown ResourceKind");
}

std::string World::dependency_dot(bool include_deleted) const {
  return graph().to_dot([this](ResourceKind kind, std::uint32_t index) { return resource_id(kind, index); },
                       include_deleted);
}

std::optional<InstanceIndex> World::find_instance(std::string_view id) const {
  return instance_by_id_.find(id, instance_id_of());
}

std::optional<DiskIndex> World::find_disk(std::string_view id) const {
  return disk_by_id_.find(id, disk_id_of());
}

std::optional<SnapshotIndex> World::find_snapshot(std::string_view id) const {
  const auto i = snapshot_by_id_.find(id, snapshot_id_of());
  if (!i || snapshots_[*i].status == SnapshotStatus::kDeleted) return std::nullopt;
  return i;
}

std::optional<ImageIndex> World::find_image(std::string_view id) const {
  const auto i = image_by_id_.find(id, image_id_of());
  if (!i || images_[*i].status == ImageStatus::kDeleted) return std::nullopt;
  return i;
}

std::optional<ImageIndex> World::find_own_image(std::string_view region_id, std::string_view id) const {
  const auto idx = find_image(id);
  if (!idx) return std::nullopt;
  const Image& img = images_[*idx];
  if (img.region_id != region_id || img.owner_alias != "self" || img.owner_account != account.account_id) return std::nullopt;
  return idx;
}

void World::index_name(ImageIndex i) {
  const Image& img = images_[i];
  if (img.status == ImageStatus::kDeleted || img.owner_account != account.account_id) return;
  own_images_by_name_.insert(img.region_id, img.name, i);
}

void World::unindex_name(ImageIndex i) {
  const Image& img = images_[i];
  own_images_by_name_.erase(img.region_id, img.name, i);
}

std::optional<ImageIndex> World::find_image_by_name(std::string_view region_id, std::string_view name) const {
  return own_images_by_name_.find_first(region_id, name, image_name_of());
}

void World::rename_image(ImageIndex i, std::string name) {
  unindex_name(i);
  images_[i].name = std::move(name);
  index_name(i);
}

void World::set_image_status(ImageIndex i, ImageStatus to, sim::SimTime at) {
  Image& img = images_[i];
  ECSIM_ASSERT_MSG(image_transition_allowed(img.status, to), "image transition not in the table");
  img.status = to;
  if (is_terminal(to) && !img.finished_at) img.finished_at = at;
  if (to == ImageStatus::kDeleted) {
    unindex_name(i);
    ++changes_;
    if (Region* r = find_region(img.region_id); r != nullptr && counts_against_image_quota(img, account)) {
      --r->images_count;
      if (!img.family.empty() && --r->images_per_family[img.family] == 0) r->images_per_family.erase(img.family);
    }
  }
}

void World::set_snapshot_status(SnapshotIndex i, SnapshotStatus to, sim::SimTime at) {
  Snapshot& s = snapshots_[i];
  ECSIM_ASSERT_MSG(snapshot_transition_allowed(s.status, to), "snapshot transition not in the table");
  Region* r = find_region(s.region_id);
  if (s.status == SnapshotStatus::kProgressing) {
    s.finished_at = at;
    if (r != nullptr) --r->snapshots_unfinished;
    if (s.source_disk != kNoIndex) --disks_[s.source_disk].snapshots_in_progress;
  }
  s.status = to;
  if (to == SnapshotStatus::kAccomplished) s.usable = true;
  if (to == SnapshotStatus::kDeleted) {
    ++changes_;
    if (r != nullptr) --r->snapshots_count;
  }
}

}  // namespace ecsim::models
