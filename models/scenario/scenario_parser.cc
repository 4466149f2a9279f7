#include "models/scenario/scenario_parser.h"

#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "models/api/error_catalog.h"
#include "models/size.h"

namespace ecsim::models {

std::string ScenarioError::to_string() const {
  std::string s = file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": error: " + what;
  if (!expected.empty()) s += " (expected " + expected + ")";
  return s;
}

std::optional<sim::Ratio> parse_probability(std::string_view text) {
  // "1/10", "10%", "0.1", "1", "0"
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    auto num = parse_size_bytes(std::string(text.substr(0, slash)) + "B");
    auto den = parse_size_bytes(std::string(text.substr(slash + 1)) + "B");
    if (!num || !den || *den == 0 || *num > *den) return std::nullopt;
    return sim::Ratio{static_cast<std::uint64_t>(*num), static_cast<std::uint64_t>(*den)};
  }
  bool percent = false;
  if (!text.empty() && text.back() == '%') {
    percent = true;
    text.remove_suffix(1);
  }
  std::uint64_t num = 0, den = 1;
  std::size_t i = 0, digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 18) {
    num = num * 10 + static_cast<std::uint64_t>(text[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t frac = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && frac < 12) {
      num = num * 10 + static_cast<std::uint64_t>(text[i] - '0');
      den *= 10;
      ++i;
      ++frac;
    }
    if (frac == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  if (percent) den *= 100;
  if (num > den) return std::nullopt;
  return sim::Ratio{num, den};
}

std::optional<std::int64_t> parse_throughput_bytes_per_s(std::string_view text) {
  if (text.size() < 3 || text.substr(text.size() - 2) != "/s") return std::nullopt;
  auto bytes = parse_size_bytes(text.substr(0, text.size() - 2));
  if (!bytes || *bytes <= 0) return std::nullopt;
  return bytes;
}

namespace {

class Parser {
 public:
  Parser(std::string file, ParsedScenario& out) : file_(std::move(file)), out_(out) {}

  void error(const YAML::Node& at, std::string what, std::string expected = {}) {
    const YAML::Mark m = at.Mark();
    error_at(m.line, m.column, std::move(what), std::move(expected));
  }
  void error_at(int line0, int col0, std::string what, std::string expected = {}) {
    out_.errors.push_back(ScenarioError{file_, line0 >= 0 ? line0 + 1 : 1, col0 >= 0 ? col0 + 1 : 1, std::move(what),
                                        std::move(expected)});
  }

  // A map's keys must be among `allowed`; reports each unknown key at its position.
  bool check_map(const YAML::Node& node, const std::string& what, const std::vector<std::string>& allowed) {
    if (!node.IsMap()) {
      error(node, what + " must be a mapping", "a mapping of keys to values");
      return false;
    }
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (!seen.insert(key).second) error(it->first, "duplicate key '" + key + "' in " + what);
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        error(it->first, "unknown key '" + key + "' in " + what, "one of: " + list);
      }
    }
    return true;
  }

  std::optional<std::string> scalar(const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
      error(n, what + " must be a single value", "a string or number");
      return std::nullopt;
    }
    return n.Scalar();
  }
  std::optional<sim::SimDuration> duration(const YAML::Node& n, const std::string& what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    auto d = sim::parse_duration(*s);
    if (!d) error(n, "invalid duration '" + *s + "' for " + what, "a number with a unit ms, s, m, h or d, e.g. 90s or 1.5h");
    return d;
  }
  std::optional<std::int64_t> size(const YAML::Node& n, const std::string& what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    auto b = parse_size_bytes(*s);
    if (!b) error(n, "invalid size '" + *s + "' for " + what, "a number with a unit MiB, GiB or TiB, e.g. 40GiB; a bare number is GiB");
    return b;
  }
  std::optional<std::int64_t> integer(const YAML::Node& n, const std::string& what, std::int64_t lo, std::int64_t hi) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    std::int64_t v = 0;
    bool ok = !s->empty() && s->size() <= 18;
    for (char c : *s) ok = ok && c >= '0' && c <= '9';
    if (ok) {
      for (char c : *s) v = v * 10 + (c - '0');
    }
    if (!ok || v < lo || v > hi) {
      error(n, "invalid integer '" + *s + "' for " + what, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return std::nullopt;
    }
    return v;
  }
  std::optional<bool> boolean(const YAML::Node& n, const std::string& what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    if (*s == "true" || *s == "True" || *s == "yes") return true;
    if (*s == "false" || *s == "False" || *s == "no") return false;
    error(n, "invalid boolean '" + *s + "' for " + what, "true or false");
    return std::nullopt;
  }
  std::optional<double> real(const YAML::Node& n, const std::string& what, double lo, double hi) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    std::istringstream in(*s);
    in.imbue(std::locale::classic());
    double v = 0;
    in >> v;
    if (!in || !in.eof() || !(v >= lo && v <= hi)) {
      error(n, "invalid number '" + *s + "' for " + what, "a number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return std::nullopt;
    }
    return v;
  }
  std::optional<sim::CalendarTime> calendar(const YAML::Node& n, const std::string& what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    auto t = sim::parse_calendar_time(*s);
    if (!t) error(n, "invalid time '" + *s + "' for " + what, "an ISO 8601 UTC time such as 2026-01-01T00:00:00Z");
    return t;
  }
  template <typename T>
  std::optional<T> enumerated(const YAML::Node& n, const std::string& what, std::optional<T> (*parse)(std::string_view),
                              const std::string& values) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    auto v = parse(*s);
    if (!v) error(n, "invalid value '" + *s + "' for " + what, "one of: " + values);
    return v;
  }

  void parse(const YAML::Node& root);

 private:
  void parse_regions(const YAML::Node& n);
  void parse_account(const YAML::Node& n);
  void parse_instances(const YAML::Node& n);
  void parse_snapshots(const YAML::Node& n);
  void parse_images(const YAML::Node& n);
  void parse_faults(const YAML::Node& n);
  void parse_models(const YAML::Node& n);
  void parse_workload(const YAML::Node& n);
  void parse_run(const YAML::Node& n);
  std::optional<Expectation> parse_expect(const YAML::Node& n);
  void flatten(const std::string& key, const YAML::Node& value, ApiRequest& request);
  void check_references();
  void unique_id(const YAML::Node& n, const std::string& id, const std::string& kind);

  std::string file_;
  ParsedScenario& out_;
  std::set<std::string> ids_;
  std::vector<std::pair<const YAML::Node, std::string>> pending_refs_;
};

void Parser::unique_id(const YAML::Node& n, const std::string& id, const std::string& kind) {
  if (!ids_.insert(id).second) error(n, "duplicate " + kind + " '" + id + "'", "IDs unique across the scenario");
}

void Parser::parse(const YAML::Node& root) {
  ScenarioSpec& spec = out_.spec;
  spec.file = file_;
  if (!root.IsMap()) {
    error(root, "a scenario must be a mapping of top-level keys", "keys such as name, seed, regions, workload");
    return;
  }
  check_map(root, "the scenario",
            {"name", "seed", "start", "regions", "account", "instances", "snapshots", "images", "faults", "models",
             "workload", "run"});
  if (root["name"]) {
    if (auto s = scalar(root["name"], "name")) spec.name = *s;
  }
  if (root["seed"]) {
    if (auto v = integer(root["seed"], "seed", 0, 999'999'999'999'999'999LL)) spec.seed = static_cast<std::uint64_t>(*v);
  }
  spec.start = *sim::parse_calendar_time("2026-01-01T00:00:00Z");
  if (root["start"]) {
    if (auto t = calendar(root["start"], "start")) spec.start = *t;
  }
  if (root["account"]) parse_account(root["account"]);
  if (root["regions"]) parse_regions(root["regions"]);
  else error(root, "the scenario declares no regions", "a 'regions:' mapping with at least one region");
  if (root["models"]) parse_models(root["models"]);
  if (root["instances"]) parse_instances(root["instances"]);
  if (root["snapshots"]) parse_snapshots(root["snapshots"]);
  if (root["images"]) parse_images(root["images"]);
  if (root["faults"]) parse_faults(root["faults"]);
  if (root["run"]) parse_run(root["run"]);
  if (root["workload"]) parse_workload(root["workload"]);
  check_references();
}

void Parser::parse_run(const YAML::Node& n) {
  if (!check_map(n, "run", {"until"})) return;
  if (n["until"]) out_.spec.horizon = duration(n["until"], "run.until");
}

void Parser::parse_regions(const YAML::Node& n) {
  if (!n.IsMap()) {
    error(n, "regions must be a mapping of region IDs", "e.g. regions: {cn-hangzhou: {}}");
    return;
  }
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string id = it->first.Scalar();
    Region r;
    r.region_id = id;
    const YAML::Node body = it->second;
    if (body.IsNull()) {
      out_.spec.regions.emplace(id, r);
      continue;
    }
    if (!check_map(body, "region " + id, {"quota", "snapshot_capacity", "empty_disk_category"})) continue;
    if (const YAML::Node q = body["quota"]) {
      if (check_map(q, "quota of " + id,
                    {"images", "image_families", "images_per_family", "snapshots", "unfinished_snapshots",
                     "concurrent_snapshots_per_disk"})) {
        auto set = [&](const char* key, std::int64_t& field) {
          if (q[key]) {
            if (auto v = integer(q[key], std::string("quota.") + key, 0, 1'000'000'000)) field = *v;
          }
        };
        set("images", r.quota.images);
        set("image_families", r.quota.image_families);
        set("images_per_family", r.quota.images_per_family);
        set("snapshots", r.quota.snapshots);
        set("unfinished_snapshots", r.quota.unfinished_snapshots);
        set("concurrent_snapshots_per_disk", r.quota.concurrent_snapshots_per_disk);
      }
    }
    if (body["snapshot_capacity"]) {
      if (auto s = scalar(body["snapshot_capacity"], "snapshot_capacity")) {
        if (auto v = parse_throughput_bytes_per_s(*s)) r.snapshot_capacity_bytes_per_s = *v;
        else error(body["snapshot_capacity"], "invalid throughput '" + *s + "'", "a size per second, e.g. 2GiB/s");
      }
    }
    if (body["empty_disk_category"]) {
      if (auto c = enumerated<DiskCategory>(body["empty_disk_category"], "empty_disk_category", parse_disk_category,
                                            "cloud, cloud_efficiency, cloud_ssd, cloud_essd"))
        r.empty_disk_category = std::string(to_string(*c));
    }
    out_.spec.regions.emplace(id, r);
  }
}

void Parser::parse_account(const YAML::Node& n) {
  if (!check_map(n, "account",
                 {"AccountId", "Status", "Balance", "SnapshotService", "KmsAuthorized", "Whitelists", "ResourceGroups",
                  "KmsKeys"}))
    return;
  Account& a = out_.spec.account;
  if (n["AccountId"]) {
    if (auto s = scalar(n["AccountId"], "AccountId")) a.account_id = *s;
  }
  if (n["Status"]) {
    auto s = scalar(n["Status"], "account Status");
    if (s && *s == "Normal") a.status = AccountStatus::kNormal;
    else if (s && *s == "Abnormal") a.status = AccountStatus::kAbnormal;
    else if (s && *s == "EnterpriseRevoked") a.status = AccountStatus::kEnterpriseRevoked;
    else if (s) error(n["Status"], "invalid account Status '" + *s + "'", "Normal, Abnormal or EnterpriseRevoked");
  }
  if (n["Balance"]) {
    auto s = scalar(n["Balance"], "Balance");
    if (s && (*s == "sufficient" || *s == "insufficient")) a.balance_sufficient = *s == "sufficient";
    else if (s) error(n["Balance"], "invalid Balance '" + *s + "'", "sufficient or insufficient");
  }
  if (n["SnapshotService"]) {
    auto s = scalar(n["SnapshotService"], "SnapshotService");
    if (s && (*s == "activated" || *s == "inactive")) a.snapshot_service_activated = *s == "activated";
    else if (s) error(n["SnapshotService"], "invalid SnapshotService '" + *s + "'", "activated or inactive");
  }
  if (n["KmsAuthorized"]) {
    if (auto b = boolean(n["KmsAuthorized"], "KmsAuthorized")) a.kms_authorized = *b;
  }
  auto string_list = [&](const YAML::Node& list, const std::string& what, std::set<std::string>& out) {
    if (!list.IsSequence()) {
      error(list, what + " must be a list", "a YAML list");
      return;
    }
    for (const auto& item : list) {
      if (auto s = scalar(item, what)) out.insert(*s);
    }
  };
  if (n["Whitelists"]) string_list(n["Whitelists"], "Whitelists", a.whitelists);
  if (n["ResourceGroups"]) string_list(n["ResourceGroups"], "ResourceGroups", a.resource_groups);
  if (const YAML::Node keys = n["KmsKeys"]) {
    if (!keys.IsSequence()) {
      error(keys, "KmsKeys must be a list", "a list of {KeyId, Enabled, EcsTagged}");
    } else {
      for (const auto& k : keys) {
        if (!check_map(k, "a KMS key", {"KeyId", "Enabled", "EcsTagged"})) continue;
        KmsKey key;
        if (!k["KeyId"]) {
          error(k, "a KMS key needs a KeyId");
          continue;
        }
        if (auto s = scalar(k["KeyId"], "KeyId")) key.key_id = *s;
        if (k["Enabled"]) key.enabled = boolean(k["Enabled"], "Enabled").value_or(true);
        if (k["EcsTagged"]) key.ecs_tagged = boolean(k["EcsTagged"], "EcsTagged").value_or(true);
        a.kms_keys[key.key_id] = key;
      }
    }
  }
}

void Parser::parse_instances(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "instances must be a list", "a YAML list of instances");
    return;
  }
  for (const auto& node : n) {
    if (!check_map(node, "an instance",
                   {"InstanceId", "RegionId", "Status", "OperationLocks", "HibernationConfigured", "ImageId", "Disks"}))
      continue;
    InstanceSpec is;
    is.pos = {node.Mark().line + 1, node.Mark().column + 1};
    Instance& inst = is.instance;
    if (!node["InstanceId"]) error(node, "an instance needs an InstanceId");
    else if (auto s = scalar(node["InstanceId"], "InstanceId")) {
      inst.instance_id = *s;
      unique_id(node["InstanceId"], *s, "InstanceId");
    }
    if (!node["RegionId"]) error(node, "instance " + inst.instance_id + " needs a RegionId");
    else if (auto s = scalar(node["RegionId"], "RegionId")) {
      inst.region_id = *s;
      if (!out_.spec.regions.contains(*s))
        error(node["RegionId"], "instance " + inst.instance_id + " is in region '" + *s + "', which is not declared",
              "a region listed under regions:");
    }
    if (node["Status"]) {
      if (auto st = enumerated<InstanceStatus>(node["Status"], "Status", parse_instance_status,
                                               "Running, Stopped, Starting, Stopping, Pending"))
        inst.status = *st;
    }
    if (const YAML::Node locks = node["OperationLocks"]) {
      if (!locks.IsSequence()) error(locks, "OperationLocks must be a list", "e.g. [security]");
      else
        for (const auto& l : locks) {
          if (auto s = scalar(l, "an operation lock")) inst.operation_locks.insert(*s);
        }
    }
    if (node["HibernationConfigured"])
      inst.hibernation_configured = boolean(node["HibernationConfigured"], "HibernationConfigured").value_or(false);
    if (node["ImageId"]) {
      if (auto s = scalar(node["ImageId"], "ImageId")) inst.image_id = *s;
    }
    if (const YAML::Node disks = node["Disks"]) {
      if (!disks.IsSequence()) {
        error(disks, "Disks must be a list", "a list of {DiskId, Type, Category, Size, Used}");
      } else {
        for (const auto& dn : disks) {
          if (!check_map(dn, "a disk",
                         {"DiskId", "Type", "Category", "PerformanceLevel", "Size", "Used", "Status", "NeverAttached",
                          "Transferring", "AttachedWhileStopped", "Encrypted", "KMSKeyId"}))
            continue;
          Disk d;
          if (!dn["DiskId"]) error(dn, "a disk needs a DiskId");
          else if (auto s = scalar(dn["DiskId"], "DiskId")) {
            d.disk_id = *s;
            unique_id(dn["DiskId"], *s, "DiskId");
          }
          if (dn["Type"]) {
            auto s = scalar(dn["Type"], "Type");
            if (s && (*s == "system" || *s == "data")) d.type = *s == "system" ? DiskType::kSystem : DiskType::kData;
            else if (s) error(dn["Type"], "invalid disk Type '" + *s + "'", "system or data");
          }
          if (dn["Category"]) {
            if (auto c = enumerated<DiskCategory>(dn["Category"], "Category", parse_disk_category,
                                                  "cloud, cloud_efficiency, cloud_ssd, cloud_essd, cloud_auto, "
                                                  "cloud_essd_entry, ephemeral_ssd, local_ssd_pro, local_hdd_pro, "
                                                  "elastic_ephemeral_disk_standard, elastic_ephemeral_disk_premium"))
              d.category = *c;
          }
          if (dn["PerformanceLevel"]) {
            auto s = scalar(dn["PerformanceLevel"], "PerformanceLevel");
            if (s && s->size() == 3 && s->substr(0, 2) == "PL" && (*s)[2] >= '0' && (*s)[2] <= '3') d.performance_level = (*s)[2] - '0';
            else if (s) error(dn["PerformanceLevel"], "invalid PerformanceLevel '" + *s + "'", "PL0, PL1, PL2 or PL3");
          }
          if (dn["Size"]) d.size_bytes = size(dn["Size"], "Size").value_or(0);
          else error(dn, "disk " + d.disk_id + " needs a Size", "e.g. Size: 40GiB");
          d.used_bytes = dn["Used"] ? size(dn["Used"], "Used").value_or(0) : d.size_bytes / 2;
          if (d.used_bytes > d.size_bytes) error(dn["Used"] ? dn["Used"] : dn, "disk " + d.disk_id + " uses more than its Size");
          if (dn["Status"]) {
            if (auto st = enumerated<DiskStatus>(dn["Status"], "disk Status", parse_disk_status,
                                                 "In_use, Available, Attaching, Detaching, Creating, ReIniting, Invalid"))
              d.status = *st;
          }
          if (dn["NeverAttached"]) d.never_attached = boolean(dn["NeverAttached"], "NeverAttached").value_or(false);
          if (dn["Transferring"]) d.transferring = boolean(dn["Transferring"], "Transferring").value_or(false);
          if (dn["AttachedWhileStopped"])
            d.attached_while_stopped = boolean(dn["AttachedWhileStopped"], "AttachedWhileStopped").value_or(false);
          if (dn["Encrypted"]) d.encrypted = boolean(dn["Encrypted"], "Encrypted").value_or(false);
          if (dn["KMSKeyId"]) {
            if (auto s = scalar(dn["KMSKeyId"], "KMSKeyId")) d.kms_key_id = *s;
          }
          is.disks.push_back(d);
        }
      }
    }
    out_.spec.instances.push_back(std::move(is));
  }
}

void Parser::parse_snapshots(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "snapshots must be a list", "a YAML list of snapshots");
    return;
  }
  for (const auto& node : n) {
    if (!check_map(node, "a snapshot",
                   {"SnapshotId", "RegionId", "SourceDiskId", "SourceDiskType", "SourceDiskCategory", "Size",
                    "CreationTime", "Status", "Category", "StorageLocation", "DefaultFree", "RetainedSystemDisk",
                    "Encrypted", "KMSKeyId"}))
      continue;
    SnapshotSpec ss;
    ss.pos = {node.Mark().line + 1, node.Mark().column + 1};
    Snapshot& s = ss.snapshot;
    s.creation_time = out_.spec.start;
    if (!node["SnapshotId"]) error(node, "a snapshot needs a SnapshotId");
    else if (auto v = scalar(node["SnapshotId"], "SnapshotId")) {
      s.snapshot_id = *v;
      unique_id(node["SnapshotId"], *v, "SnapshotId");
    }
    if (node["RegionId"]) {
      if (auto v = scalar(node["RegionId"], "RegionId")) {
        s.region_id = *v;
        if (!out_.spec.regions.contains(*v)) error(node["RegionId"], "region '" + *v + "' is not declared", "a region listed under regions:");
      }
    }
    if (node["SourceDiskId"]) {
      if (auto v = scalar(node["SourceDiskId"], "SourceDiskId")) s.source_disk_id = *v;
    }
    if (node["SourceDiskType"]) {
      auto v = scalar(node["SourceDiskType"], "SourceDiskType");
      if (v && (*v == "system" || *v == "data")) s.source_disk_type = *v == "system" ? DiskType::kSystem : DiskType::kData;
      else if (v) error(node["SourceDiskType"], "invalid SourceDiskType '" + *v + "'", "system or data");
    }
    if (node["SourceDiskCategory"])
      s.source_disk_category = enumerated<DiskCategory>(node["SourceDiskCategory"], "SourceDiskCategory",
                                                        parse_disk_category, "a disk category such as cloud_essd");
    if (node["Size"]) s.source_disk_size_bytes = size(node["Size"], "Size").value_or(0);
    if (node["CreationTime"]) s.creation_time = calendar(node["CreationTime"], "CreationTime").value_or(out_.spec.start);
    if (node["Status"]) {
      auto st = enumerated<SnapshotStatus>(node["Status"], "snapshot Status", parse_snapshot_status,
                                           "progressing, accomplished or failed");
      if (st && *st == SnapshotStatus::kDeleted) error(node["Status"], "a declared snapshot cannot be Deleted", "progressing, accomplished or failed");
      else if (st) s.status = *st;
    }
    if (node["Category"]) {
      if (auto c = enumerated<SnapshotCategory>(node["Category"], "snapshot Category", parse_snapshot_category,
                                                "standard, flash or archive"))
        s.category = *c;
    }
    if (node["StorageLocation"]) {
      auto v = scalar(node["StorageLocation"], "StorageLocation");
      if (v && (*v == "region" || *v == "cloudbox")) s.storage_location = *v;
      else if (v) error(node["StorageLocation"], "invalid StorageLocation '" + *v + "'", "region or cloudbox");
    }
    if (node["DefaultFree"]) s.default_free = boolean(node["DefaultFree"], "DefaultFree").value_or(false);
    if (node["RetainedSystemDisk"]) s.retained_system_disk = boolean(node["RetainedSystemDisk"], "RetainedSystemDisk").value_or(false);
    if (node["Encrypted"]) s.encrypted = boolean(node["Encrypted"], "Encrypted").value_or(false);
    if (node["KMSKeyId"]) {
      if (auto v = scalar(node["KMSKeyId"], "KMSKeyId")) s.kms_key_id = *v;
    }
    out_.spec.snapshots.push_back(std::move(ss));
  }
}

void Parser::parse_images(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "images must be a list", "a YAML list of images");
    return;
  }
  for (const auto& node : n) {
    if (!check_map(node, "an image",
                   {"ImageId", "RegionId", "ImageName", "Status", "ImageOwnerAlias", "OwnerAccount", "ImageVersion",
                    "ImageFamily", "ImdsSupport", "Snapshots"}))
      continue;
    ImageSpec is;
    is.pos = {node.Mark().line + 1, node.Mark().column + 1};
    Image& img = is.image;
    img.creation_time = out_.spec.start;
    auto str = [&](const char* key, std::string& field) {
      if (node[key]) {
        if (auto v = scalar(node[key], key)) field = *v;
      }
    };
    if (!node["ImageId"]) error(node, "an image needs an ImageId");
    str("ImageId", img.image_id);
    if (node["ImageId"]) unique_id(node["ImageId"], img.image_id, "ImageId");
    str("RegionId", img.region_id);
    if (!node["RegionId"]) error(node, "image " + img.image_id + " needs a RegionId");
    else if (!out_.spec.regions.contains(img.region_id))
      error(node["RegionId"], "region '" + img.region_id + "' is not declared", "a region listed under regions:");
    str("ImageName", img.name);
    str("ImageOwnerAlias", img.owner_alias);
    str("OwnerAccount", img.owner_account);
    str("ImageVersion", img.version);
    str("ImageFamily", img.family);
    str("ImdsSupport", img.imds_support);
    if (node["Status"]) {
      auto st = enumerated<ImageStatus>(node["Status"], "image Status", parse_image_status,
                                        "Available, Deprecated, CreateFailed, UnAvailable");
      if (st && (*st == ImageStatus::kCreating || *st == ImageStatus::kWaiting || *st == ImageStatus::kDeleted))
        error(node["Status"], "a declared image must be in a settled state", "Available, Deprecated, CreateFailed or UnAvailable");
      else if (st) img.status = *st;
    }
    if (const YAML::Node snaps = node["Snapshots"]) {
      if (!snaps.IsSequence()) error(snaps, "Snapshots must be a list of snapshot IDs", "system disk snapshot first");
      else
        for (const auto& s : snaps) {
          if (auto v = scalar(s, "a snapshot ID")) {
            is.snapshot_ids.push_back(*v);
            bool known = false;
            for (const auto& ss : out_.spec.snapshots) known = known || ss.snapshot.snapshot_id == *v;
            if (!known) error(s, "image " + img.image_id + " uses snapshot '" + *v + "', which is not declared", "a SnapshotId under snapshots:");
          }
        }
    }
    out_.spec.images.push_back(std::move(is));
  }
}

void Parser::parse_faults(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "faults must be a list", "a YAML list of faults");
    return;
  }
  int k = 0;
  for (const auto& node : n) {
    ++k;
    if (!check_map(node, "a fault", {"type", "Action", "RegionId", "code", "probability", "from", "until", "factor"})) continue;
    std::string type = "api_error";
    if (node["type"]) type = scalar(node["type"], "type").value_or("");
    const std::string stream = "faults/" + std::to_string(k) + "/" + type;
    sim::SimTime from = sim::SimTime::zero(), until = sim::SimTime::max();
    if (node["from"]) from = sim::SimTime::zero() + duration(node["from"], "from").value_or(sim::SimDuration::zero());
    if (node["until"]) until = sim::SimTime::zero() + duration(node["until"], "until").value_or(sim::SimDuration::max());
    std::string region;
    if (node["RegionId"]) region = scalar(node["RegionId"], "RegionId").value_or("");
    sim::Ratio p{1, 1};
    if (node["probability"]) {
      auto s = scalar(node["probability"], "probability");
      auto r = s ? parse_probability(*s) : std::nullopt;
      if (!r && s) error(node["probability"], "invalid probability '" + *s + "'", "a number from 0 to 1, a percentage or a ratio such as 1/20");
      if (r) p = *r;
    }
    if (type == "api_error") {
      ApiFault f;
      f.region_id = region;
      f.probability = p;
      f.from = from;
      f.until = until;
      f.stream = stream;
      if (node["Action"]) f.action = scalar(node["Action"], "Action").value_or("");
      if (!node["code"]) {
        error(node, "an api_error fault needs a code", "an error code such as InternalError or Throttling");
        continue;
      }
      const std::string code = scalar(node["code"], "code").value_or("");
      bool found = false;
      for (const ErrorSpec& e : all_error_specs()) {
        if (e.code == code) {
          f.error = make_error(e.row);
          found = true;
          break;
        }
      }
      if (!found) {
        error(node["code"], "unknown error code '" + code + "'", "a code from the error catalogue (docs/errors.md)");
        continue;
      }
      out_.spec.faults.api.push_back(f);
    } else if (type == "snapshot_failure") {
      out_.spec.faults.snapshot_failures.push_back(SnapshotFault{region, p, from, until, stream});
    } else if (type == "snapshot_slowdown") {
      double factor = 1.0;
      if (node["factor"]) factor = real(node["factor"], "factor", 0.001, 1000.0).value_or(1.0);
      else error(node, "a snapshot_slowdown needs a factor", "a capacity multiplier such as 0.25");
      out_.spec.faults.snapshot_slowdowns.push_back(SnapshotSlowdown{region, factor, from, until});
    } else {
      error(node["type"], "unknown fault type '" + type + "'", "api_error, snapshot_failure or snapshot_slowdown");
    }
  }
}

void Parser::parse_models(const YAML::Node& n) {
  if (!check_map(n, "models", {"snapshot", "image", "api"})) return;
  ModelParams& m = out_.spec.params;
  if (const YAML::Node s = n["snapshot"]) {
    if (check_map(s, "models.snapshot", {"noise_cv", "change_rate_per_day", "instant_access_delay", "categories"})) {
      if (s["noise_cv"]) m.snapshot.noise_cv = real(s["noise_cv"], "noise_cv", 0, 5).value_or(m.snapshot.noise_cv);
      if (s["change_rate_per_day"])
        m.snapshot.change_rate_per_day = real(s["change_rate_per_day"], "change_rate_per_day", 0, 1).value_or(m.snapshot.change_rate_per_day);
      if (s["instant_access_delay"])
        m.snapshot.instant_access_delay = duration(s["instant_access_delay"], "instant_access_delay").value_or(m.snapshot.instant_access_delay);
      if (const YAML::Node cats = s["categories"]) {
        if (!cats.IsMap()) error(cats, "categories must be a mapping of disk categories");
        else
          for (auto it = cats.begin(); it != cats.end(); ++it) {
            auto c = parse_disk_category(it->first.Scalar());
            if (!c) {
              error(it->first, "unknown disk category '" + it->first.Scalar() + "'", "cloud, cloud_efficiency, cloud_ssd, cloud_essd, ...");
              continue;
            }
            const YAML::Node body = it->second;
            if (!check_map(body, "category " + it->first.Scalar(), {"setup", "throughput", "instant_access"})) continue;
            CategorySnapshotTiming& t = m.snapshot.timing(*c);
            if (body["setup"]) t.setup = duration(body["setup"], "setup").value_or(t.setup);
            if (body["throughput"]) {
              auto v = scalar(body["throughput"], "throughput");
              auto b = v ? parse_throughput_bytes_per_s(*v) : std::nullopt;
              if (b) t.throughput_bytes_per_s = *b;
              else if (v) error(body["throughput"], "invalid throughput '" + *v + "'", "a size per second, e.g. 300MiB/s");
            }
            if (body["instant_access"]) t.instant_access = boolean(body["instant_access"], "instant_access").value_or(false);
          }
      }
    }
  }
  if (const YAML::Node i = n["image"]) {
    if (check_map(i, "models.image", {"registration", "check", "noise_cv"})) {
      if (i["registration"]) m.image.registration = duration(i["registration"], "registration").value_or(m.image.registration);
      if (i["check"]) m.image.check = duration(i["check"], "check").value_or(m.image.check);
      if (i["noise_cv"]) m.image.noise_cv = real(i["noise_cv"], "noise_cv", 0, 5).value_or(m.image.noise_cv);
    }
  }
  if (const YAML::Node a = n["api"]) {
    if (check_map(a, "models.api", {"latency", "latency_cv"})) {
      if (a["latency"]) m.api.latency = duration(a["latency"], "latency").value_or(m.api.latency);
      if (a["latency_cv"]) m.api.latency_cv = real(a["latency_cv"], "latency_cv", 0, 5).value_or(m.api.latency_cv);
    }
  }
}

std::optional<Expectation> Parser::parse_expect(const YAML::Node& n) {
  if (!check_map(n, "expect", {"code", "http", "status", "within"})) return std::nullopt;
  Expectation e;
  e.pos = {n.Mark().line + 1, n.Mark().column + 1};
  if (n["code"]) {
    e.has_code = true;
    if (!n["code"].IsNull()) e.code = scalar(n["code"], "expect.code");
  }
  if (n["http"]) {
    if (auto v = integer(n["http"], "expect.http", 100, 599)) e.http = static_cast<int>(*v);
  }
  if (n["status"]) {
    if (n["status"].IsNull()) {
      error(n["status"], "expect.status cannot be null", "a state such as Available, CreateFailed or Deleted");
    } else if (auto s = scalar(n["status"], "expect.status")) {
      if (!parse_image_status(*s) && !parse_snapshot_status(*s))
        error(n["status"], "unknown status '" + *s + "'", "Available, CreateFailed, Deleted, accomplished, failed, ...");
      e.status = *s;
    }
  }
  if (n["within"]) e.within = duration(n["within"], "expect.within");
  return e;
}

void Parser::flatten(const std::string& key, const YAML::Node& value, ApiRequest& request) {
  if (value.IsNull()) return;
  if (value.IsScalar()) {
    request.params[key] = value.Scalar();
    return;
  }
  if (value.IsMap()) {
    for (auto it = value.begin(); it != value.end(); ++it) flatten(key + "." + it->first.Scalar(), it->second, request);
    return;
  }
  if (value.IsSequence()) {
    int n = 0;
    for (const auto& item : value) {
      ++n;
      const std::string k = key + "." + std::to_string(n);
      if (item.IsMap() && item.size() == 0) request.params[k] = "";
      else flatten(k, item, request);
    }
  }
}

void Parser::parse_workload(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "workload must be a list of calls", "a YAML list of {at, Action, ...}");
    return;
  }
  std::set<std::string> names;
  for (const auto& node : n) {
    if (!node.IsMap()) {
      error(node, "a workload call must be a mapping", "{at: 0s, Action: CreateImage, RegionId: ...}");
      continue;
    }
    WorkloadCallSpec call;
    call.pos = {node.Mark().line + 1, node.Mark().column + 1};
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();
      const YAML::Node v = it->second;
      if (key == "at") {
        auto s = scalar(v, "at");
        if (!s) continue;
        if (auto d = sim::parse_duration(*s)) call.at = sim::SimTime::zero() + *d;
        else if (auto t = sim::parse_calendar_time(*s)) {
          if (*t < out_.spec.start) error(v, "call time " + *s + " is before the scenario's start", "a time at or after start:");
          else call.at = sim::SimTime::zero() + (*t - out_.spec.start);
        } else {
          error(v, "invalid time '" + *s + "' for at", "a duration from the start such as 90s or 2h, or an ISO 8601 time");
        }
      } else if (key == "name") {
        if (auto s = scalar(v, "name")) {
          if (!names.insert(*s).second) error(v, "duplicate call name '" + *s + "'", "unique call names");
          call.name = *s;
        }
      } else if (key == "expect") {
        call.expect = parse_expect(v);
      } else if (key == "Action") {
        if (auto s = scalar(v, "Action")) call.request.action = *s;
      } else if (!key.empty() && key[0] >= 'A' && key[0] <= 'Z') {
        flatten(key, v, call.request);
      } else {
        error(it->first, "unknown key '" + key + "' in a workload call",
              "at, name, expect, Action, or an API parameter in Alibaba's spelling (e.g. RegionId)");
      }
    }
    if (!node["at"]) error(node, "a workload call needs 'at'", "a time such as 0s");
    if (call.request.action.empty()) error(node, "a workload call needs an Action", "e.g. Action: CreateImage");
    for (const auto& [k, v] : call.request.params) {
      std::size_t pos = 0;
      while ((pos = v.find("${", pos)) != std::string::npos) {
        const std::size_t end = v.find('}', pos);
        if (end == std::string::npos) {
          error(node[k.substr(0, k.find('.'))], "unterminated reference in " + k, "${NAME.Field}");
          break;
        }
        const std::string ref = v.substr(pos + 2, end - pos - 2);
        const std::string name = ref.substr(0, ref.find('.'));
        if (ref.find('.') == std::string::npos)
          error(node[k.substr(0, k.find('.'))], "reference '${" + ref + "}' names no field", "${NAME.Field}, e.g. ${golden.ImageId}");
        else if (!names.contains(name) || (call.name && *call.name == name))
          error(node[k.substr(0, k.find('.'))], "reference to '" + name + "', which no earlier call is named",
                "the name of an earlier call in the workload");
        pos = end + 1;
      }
    }
    out_.spec.workload.push_back(std::move(call));
  }
}

void Parser::check_references() {
  const ScenarioSpec& spec = out_.spec;
  for (const auto& ss : spec.snapshots) {
    if (!ss.snapshot.region_id.empty()) continue;
    bool disk_known = false;
    for (const auto& is : spec.instances) {
      for (const auto& d : is.disks) disk_known = disk_known || d.disk_id == ss.snapshot.source_disk_id;
    }
    if (!disk_known && spec.regions.size() != 1)
      error_at(ss.pos.line - 1, ss.pos.col - 1, "snapshot " + ss.snapshot.snapshot_id + " has no RegionId and no declared source disk",
               "RegionId, or a SourceDiskId of a declared disk");
  }
}

}  // namespace

ParsedScenario parse_scenario_text(std::string_view text, const std::string& file) {
  ParsedScenario out;
  Parser parser(file, out);
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (!root || root.IsNull()) {
      parser.error_at(0, 0, "the scenario is empty", "a YAML mapping with regions: and workload:");
      return out;
    }
    parser.parse(root);
  } catch (const YAML::Exception& e) {
    parser.error_at(e.mark.line, e.mark.column, "malformed YAML: " + e.msg, "well-formed YAML");
  }
  // A scenario with one region: snapshots without RegionId live there.
  if (out.spec.regions.size() == 1) {
    for (auto& ss : out.spec.snapshots) {
      if (ss.snapshot.region_id.empty()) ss.snapshot.region_id = out.spec.regions.begin()->first;
    }
  }
  return out;
}

ParsedScenario parse_scenario_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ParsedScenario out;
    out.errors.push_back(ScenarioError{path, 1, 1, "cannot read the file", "a readable scenario file"});
    return out;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_scenario_text(buf.str(), path);
}

}  // namespace ecsim::models
