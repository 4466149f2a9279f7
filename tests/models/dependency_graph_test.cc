// The resource-dependency graph after CreateImage: image --uses--> snapshot --of--> disk
// --attached to--> instance (--created from--> image), and its Graphviz rendering.

#include <gtest/gtest.h>

#include "create_image_harness.h"

namespace ecsim::models::testing {
namespace {

constexpr std::string_view kGraphWorld = R"(
regions: {cn-hangzhou: {}}
images:
  - {ImageId: m-base, RegionId: cn-hangzhou, ImageName: base}
instances:
  - InstanceId: i-web
    RegionId: cn-hangzhou
    ImageId: m-base
    Disks:
      - {DiskId: d-sys, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}
      - {DiskId: d-data, Type: data, Category: cloud_essd, Size: 100GiB, Used: 10GiB}
)";

std::vector<std::string> ids(const World& w, const std::vector<DependencyGraph::Vertex>& vs) {
  std::vector<std::string> out;
  for (auto v : vs) out.push_back(std::string(w.resource_id(w.graph().resource(v))));
  return out;
}

class CreateImageGraph : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = simulate(kGraphWorld, {Call{0, {{"InstanceId", "i-web"}}, {}}});
    ASSERT_EQ(outcome(sim_->log().records()[0]), kOk);
    image_ = sim_->log().records()[0].tracked->index;
  }
  const World& world() const { return sim_->world(); }
  const DependencyGraph& graph() const { return sim_->world().graph(); }
  std::unique_ptr<Simulation> sim_;
  ImageIndex image_ = 0;
};

TEST_F(CreateImageGraph, ImageUsesTheNewSnapshotOfEachDisk) {
  const Image& img = world().image(image_);
  std::vector<std::string> expected;
  for (const auto& m : img.mappings) expected.push_back(world().snapshot(m.snapshot).snapshot_id.str());
  EXPECT_EQ(ids(world(), graph().dependencies(world().vertex_of_image(image_), DependencyKind::kUses)), expected);
}

TEST_F(CreateImageGraph, EachSnapshotIsOfItsDisk) {
  for (const auto& m : world().image(image_).mappings) {
    const Snapshot& s = world().snapshot(m.snapshot);
    EXPECT_EQ(ids(world(), graph().dependencies(world().vertex_of_snapshot(m.snapshot), DependencyKind::kOf)),
              std::vector<std::string>{s.source_disk_id});
  }
}

TEST_F(CreateImageGraph, DisksAreAttachedToTheInstance) {
  const auto disk = *world().find_disk("d-data");
  EXPECT_EQ(ids(world(), graph().dependencies(world().vertex_of_disk(disk), DependencyKind::kAttachedTo)),
            std::vector<std::string>{"i-web"});
  const auto instance = *world().find_instance("i-web");
  EXPECT_EQ(ids(world(), graph().dependents(world().vertex_of_instance(instance), DependencyKind::kAttachedTo)),
            (std::vector<std::string>{"d-sys", "d-data"}));
}

TEST_F(CreateImageGraph, InstanceIsCreatedFromItsImage) {
  const auto instance = *world().find_instance("i-web");
  EXPECT_EQ(ids(world(), graph().dependencies(world().vertex_of_instance(instance), DependencyKind::kCreatedFrom)),
            std::vector<std::string>{"m-base"});
}

TEST_F(CreateImageGraph, DotShowsEveryEdgeWithItsLabel) {
  const std::string dot = world().dependency_dot();
  const Image& img = world().image(image_);
  const std::string sys_snapshot = world().snapshot(img.mappings[0].snapshot).snapshot_id.str();
  EXPECT_NE(dot.find("\"" + img.image_id + "\" -> \"" + sys_snapshot + "\" [label=\"uses\"]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"" + sys_snapshot + "\" -> \"d-sys\" [label=\"of\"]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"d-sys\" -> \"i-web\" [label=\"attached to\"]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"i-web\" -> \"m-base\" [label=\"created from\"]"), std::string::npos) << dot;
  EXPECT_TRUE(dot.starts_with("digraph resources {"));
}

TEST(CreateImageGraphFromSnapshot, ImageUsesTheGivenSnapshot) {
  auto s = simulate(kWorld, {Call{0, {{"SnapshotId", "s-sys"}}, {}}});
  const ImageIndex image = s->log().records()[0].tracked->index;
  const DependencyGraph& g = s->world().graph();
  EXPECT_EQ(ids(s->world(), g.dependencies(s->world().vertex_of_image(image), DependencyKind::kUses)),
            std::vector<std::string>{"s-sys"});
  const auto snap = *s->world().find_snapshot("s-sys");
  EXPECT_EQ(g.dependents(s->world().vertex_of_snapshot(snap), DependencyKind::kUses).size(), 1u);
}

TEST(CreateImageGraphFailedCall, AddsNoVertex) {
  auto before = simulate(kWorld, {});
  auto after = simulate(kWorld, {Call{0, {{"SnapshotId", "s-none"}}, {}}});
  EXPECT_EQ(after->world().graph().size(), before->world().graph().size());
}

// The graph is derived from the tables when asked for; the indexes the calls use on their hot path
// (images_using, instances_created_from) are kept as the world changes. Both must follow every
// change, including those made after the graph was first derived.
class WorldDependencies : public ::testing::Test {
 protected:
  WorldDependencies() : world_(1, sim::CalendarTime{}) {
    world_.add_region("cn-hangzhou");
    Instance inst;
    inst.instance_id = "i-a";
    inst.region_id = "cn-hangzhou";
    instance_ = world_.add_instance(inst);
    Disk d;
    d.disk_id = "d-a";
    d.region_id = "cn-hangzhou";
    d.instance = instance_;
    disk_ = world_.add_disk(d);
    Snapshot s;
    s.snapshot_id = "s-a";
    s.region_id = "cn-hangzhou";
    s.source_disk = disk_;
    snapshot_ = world_.add_snapshot(s);
  }
  ImageIndex add_image_using(const std::string& id, SnapshotIndex s) {
    Image img;
    img.image_id = id;
    img.region_id = "cn-hangzhou";
    img.name = id;
    img.mappings.push_back(ImageDiskMapping{"/dev/xvda", DiskType::kSystem, s, 0});
    return world_.add_image(img);
  }
  World world_;
  InstanceIndex instance_ = 0;
  DiskIndex disk_ = 0;
  SnapshotIndex snapshot_ = 0;
};

TEST_F(WorldDependencies, ImagesUsingASnapshotAreTheLiveOnesInTheOrderTheyCameToUseIt) {
  const ImageIndex first = add_image_using("m-first", snapshot_);
  const ImageIndex second = add_image_using("m-second", snapshot_);
  const ImageIndex third = add_image_using("m-third", snapshot_);
  EXPECT_EQ(world_.images_using(snapshot_), (std::vector<ImageIndex>{first, second, third}));
  world_.set_image_status(second, ImageStatus::kDeleted, sim::SimTime{});
  EXPECT_EQ(world_.images_using(snapshot_), (std::vector<ImageIndex>{first, third}));
}

TEST_F(WorldDependencies, InstancesCreatedFromAnImageAreRecorded) {
  const ImageIndex image = add_image_using("m-base", snapshot_);
  EXPECT_TRUE(world_.instances_created_from(image).empty());
  world_.set_created_from(instance_, image);
  EXPECT_EQ(world_.instances_created_from(image), std::vector<InstanceIndex>{instance_});
}

TEST_F(WorldDependencies, GraphFollowsChangesMadeAfterItWasDerived) {
  const ImageIndex image = add_image_using("m-one", snapshot_);
  EXPECT_EQ(world_.graph().size(), 4U);
  EXPECT_EQ(ids(world_, world_.graph().dependents(world_.vertex_of_snapshot(snapshot_), DependencyKind::kUses)),
            std::vector<std::string>{"m-one"});
  const ImageIndex other = add_image_using("m-two", snapshot_);
  EXPECT_EQ(world_.graph().size(), 5U);
  world_.set_image_status(image, ImageStatus::kDeleted, sim::SimTime{});
  EXPECT_TRUE(world_.graph().resource(world_.vertex_of_image(image)).deleted);
  EXPECT_EQ(ids(world_, world_.graph().dependents(world_.vertex_of_snapshot(snapshot_), DependencyKind::kUses)),
            std::vector<std::string>{"m-two"});
  world_.set_created_from(instance_, other);
  EXPECT_EQ(ids(world_, world_.graph().dependencies(world_.vertex_of_instance(instance_), DependencyKind::kCreatedFrom)),
            std::vector<std::string>{"m-two"});
}

TEST_F(WorldDependencies, CopyTargetUsesTheSnapshotItWasGiven) {
  Image copy;
  copy.image_id = "m-copy";
  copy.region_id = "cn-hangzhou";
  copy.mappings.push_back(ImageDiskMapping{"/dev/xvda", DiskType::kSystem, kNoIndex, 0});
  const ImageIndex target = world_.add_image(copy);
  EXPECT_TRUE(world_.graph().dependencies(world_.vertex_of_image(target), DependencyKind::kUses).empty());
  world_.set_mapping_snapshot(target, 0, snapshot_);
  EXPECT_EQ(world_.images_using(snapshot_), std::vector<ImageIndex>{target});
  EXPECT_EQ(ids(world_, world_.graph().dependencies(world_.vertex_of_image(target), DependencyKind::kUses)),
            std::vector<std::string>{"s-a"});
}

}  // namespace
}  // namespace ecsim::models::testing
