#include "models/scenario/scenario_parser.h"

#include <filesystem>

#include "models/scenario/trace_reader.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "models/api/error_catalog.h"
#include "models/scenario/generators.h"
#include "models/scenario/network_parser.h"
#include "models/size.h"
#include "sim/assert.h"

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

const std::vector<ScenarioKeySet>& scenario_key_sets() {
  // Every mapping the parser reads, with the keys it accepts. docs/scenario.schema.json mirrors
  // this table; tests/models/scenario_schema_test.cc fails when the two disagree.
  static const std::vector<ScenarioKeySet> kSets = {
      {"", {"name", "seed", "start", "regions", "account", "instances", "snapshots", "images", "faults", "models",
            "workload", "run", "clients", "generators", "network", "fleets", "assertions", "trace"}},
      {"run", {"until"}},
      {"regions.*", {"quota", "snapshot_capacity", "empty_disk_category", "copy_slots", "missing_image_delete"}},
      {"regions.*.quota",
       {"images", "image_families", "images_per_family", "snapshots", "unfinished_snapshots",
        "concurrent_snapshots_per_disk"}},
      {"account",
       {"AccountId", "Status", "Balance", "SnapshotService", "KmsAuthorized", "Whitelists", "ResourceGroups", "KmsKeys"}},
      {"account.KmsKeys[]", {"KeyId", "Enabled", "EcsTagged"}},
      {"instances[]", {"InstanceId", "RegionId", "Status", "OperationLocks", "HibernationConfigured", "ImageId", "Disks"}},
      {"instances[].Disks[]",
       {"DiskId", "Type", "Category", "PerformanceLevel", "Size", "Used", "Status", "NeverAttached", "Transferring",
        "AttachedWhileStopped", "Encrypted", "KMSKeyId"}},
      {"snapshots[]",
       {"SnapshotId", "RegionId", "SourceDiskId", "SourceDiskType", "SourceDiskCategory", "Size", "CreationTime", "Status",
        "Category", "StorageLocation", "DefaultFree", "RetainedSystemDisk", "Encrypted", "KMSKeyId", "DisksCreated"}},
      {"images[]",
       {"ImageId", "RegionId", "ImageName", "Status", "ImageOwnerAlias", "OwnerAccount", "ImageVersion", "ImageFamily",
        "ImdsSupport", "Snapshots", "CreationTime", "Importing"}},
      {"faults[]",
       {"type", "Action", "RegionId", "code", "probability", "from", "until", "factor", "processed", "InstanceId",
        "between"}},
      {"models", {"snapshot", "image", "api", "copy", "instance", "export"}},
      {"models.snapshot", {"noise_cv", "change_rate_per_day", "instant_access_delay", "categories"}},
      {"models.snapshot.categories.*", {"setup", "throughput", "instant_access"}},
      {"models.image", {"registration", "check", "noise_cv"}},
      {"models.api", {"latency", "latency_cv"}},
      {"models.copy", {"build", "noise_cv", "max_image_size", "task_bandwidth"}},
      {"models.instance", {"stop", "start", "noise_cv"}},
      {"models.export", {"setup", "throughput", "noise_cv", "concurrent_per_region", "weekly_per_region"}},
      {"workload[]", {"at", "name", "expect", "Action", "client"}, true},
      {"workload[].expect", {"code", "http", "status", "within"}},
      {"fleets[]", {"count", "RegionId", "InstanceId", "Status", "Disks"}},
      {"fleets[].Disks[]", {"DiskId", "Type", "Category", "Size", "Used"}},
      {"fleets[].Disks[].Size", {"min", "max"}},
      {"assertions[]", {"no_code", "count", "p50", "p90", "p99", "max"}},
      {"assertions[].count", {"Action", "outcome", "code", "at_least", "at_most"}},
      {"assertions[].p50", {"Action", "to_status", "under"}},
      {"assertions[].p90", {"Action", "to_status", "under"}},
      {"assertions[].p99", {"Action", "to_status", "under"}},
      {"assertions[].max", {"Action", "to_status", "under"}},
      {"generators[].call.expect", {"code", "http", "status", "within"}},  // the same reader
      // Read by network_parser.cc, listed here for the schema.
      {"network", {"regions", "links"}},
      {"network.links[]", {"between", "bandwidth", "latency"}},
      {"clients.*", {"latency", "retry", "client_token", "poll", "timeout", "cleanup"}},
      {"clients.*.retry", {"codes", "max_attempts", "backoff", "backoff_max", "multiplier", "jitter"}},
      {"clients.*.poll", {"interval"}},
      {"generators[]",
       {"name", "arrivals", "rate", "every", "at", "count", "for", "from", "until", "burst", "spacing", "call"}},
      {"generators[].call", {"Action", "client", "expect", "vary"}, true},
  };
  return kSets;
}

const std::vector<std::string_view>& simulated_actions() {
  // Kept equal to the handlers Simulation registers by tests/models/scenario_parser_test.cc.
  static const std::vector<std::string_view> kActions = {
      "CancelCopyImage", "CopyImage",         "CreateImage",    "CreateSnapshot", "DeleteImage",
      "DeleteSnapshot",  "DescribeImageFromFamily", "DescribeImages", "DescribeSnapshots", "ExportImage",
      "ModifyImageAttribute", "ModifyImageSharePermission", "StartInstances", "StopInstances"};
  return kActions;
}

namespace {

bool catalogued_code(std::string_view code) {
  for (const ErrorSpec& e : all_error_specs()) {
    if (e.code == code) return true;
  }
  return false;
}

// Alibaba's codes are dotted words: Throttling, InvalidImageName.Duplicated, QuotaExceed.Image.
bool code_shaped(std::string_view code) {
  if (code.empty() || code[0] < 'A' || code[0] > 'Z') return false;
  bool after_dot = false;
  for (char c : code) {
    const bool word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (c == '.') {
      if (after_dot) return false;
      after_dot = true;
    } else if (!word) {
      return false;
    } else {
      after_dot = false;
    }
  }
  return !after_dot;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const char x = static_cast<char>(a[i - 1] | 0x20), y = static_cast<char>(b[j - 1] | 0x20);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x == y ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> unknown_code_problem(std::string_view code, std::string_view action) {
  if (catalogued_code(code)) return std::nullopt;
  const bool simulated =
      std::find(simulated_actions().begin(), simulated_actions().end(), action) != simulated_actions().end();
  if (!simulated && code_shaped(code)) return std::nullopt;
  std::string closest;
  std::size_t best = 4;  // suggest only close spellings
  for (const ErrorSpec& e : all_error_specs()) {
    const std::size_t d = edit_distance(code, e.code);
    if (d < best) {
      best = d;
      closest = std::string(e.code);
    }
  }
  std::string what = "unknown error code '" + std::string(code) + "'";
  if (!closest.empty()) what += "; did you mean '" + closest + "'?";
  return what;
}

namespace {

const std::vector<std::string>& key_set(std::string_view path) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kByPath = [] {
    std::map<std::string, std::vector<std::string>, std::less<>> m;
    for (const ScenarioKeySet& set : scenario_key_sets()) {
      std::vector<std::string>& keys = m[std::string(set.path)];
      for (std::string_view k : set.keys) keys.emplace_back(k);
    }
    return m;
  }();
  auto it = kByPath.find(path);
  ECSIM_ASSERT_MSG(it != kByPath.end(), "a mapping without an entry in scenario_key_sets()");
  return it->second;
}

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
  void parse_clients(const YAML::Node& n);
  void parse_fleets(const YAML::Node& n);
  void parse_assertions(const YAML::Node& n);
  void parse_generators(const YAML::Node& n);
  bool parse_call(const YAML::Node& node, const std::set<std::string>& names, WorkloadCallSpec& call, bool is_template);
  void parse_run(const YAML::Node& n);
  std::optional<Expectation> parse_expect(const YAML::Node& n);
  void flatten(const std::string& key, const YAML::Node& value, ApiRequest& request);
  void check_references();
  void check_link_faults();
  void unique_id(const YAML::Node& n, const std::string& id, const std::string& kind);

  std::string file_;
  ParsedScenario& out_;
  std::set<std::string> ids_;
  std::vector<std::pair<const YAML::Node, std::string>> pending_refs_;
  std::set<std::string> call_names_;  // names of the workload's calls, for ${NAME.Field}
  // link_slowdown faults' `between:` nodes, checked against the network once it is parsed.
  std::vector<std::pair<YAML::Node, std::size_t>> link_fault_nodes_;
};

void Parser::unique_id(const YAML::Node& n, const std::string& id, const std::string& kind) {
  // An empty ID (`DiskId: ""`, or a bare YAML tag such as `DiskId: !x`) names nothing a call could
  // refer to, and the World would hold a resource the ID invariant rejects (fuzz finding, 2026-11-23).
  if (id.empty()) {
    error(n, "empty " + kind, "a non-empty ID");
    return;
  }
  if (!ids_.insert(id).second) error(n, "duplicate " + kind + " '" + id + "'", "IDs unique across the scenario");
}

void Parser::parse(const YAML::Node& root) {
  ScenarioSpec& spec = out_.spec;
  spec.file = file_;
  if (!root.IsMap()) {
    error(root, "a scenario must be a mapping of top-level keys", "keys such as name, seed, regions, workload");
    return;
  }
  check_map(root, "the scenario", key_set(""));
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
  if (root["fleets"]) parse_fleets(root["fleets"]);
  if (root["snapshots"]) parse_snapshots(root["snapshots"]);
  if (root["images"]) parse_images(root["images"]);
  if (root["faults"]) parse_faults(root["faults"]);
  if (root["run"]) parse_run(root["run"]);
  if (root["trace"]) {
    if (auto t = scalar(root["trace"], "trace")) {
      if (t->empty()) error(root["trace"], "trace must name a file", "a JSON-lines file of calls, e.g. calls.jsonl");
      else out_.spec.trace = *t;
      out_.spec.trace_pos = {root["trace"].Mark().line + 1, root["trace"].Mark().column + 1};
    }
  }
  if (root["network"]) parse_network(root["network"], out_.spec.network.emplace(), [this](const YAML::Node& at, std::string what, std::string expected) { error(at, std::move(what), std::move(expected)); });
  if (root["clients"]) parse_clients(root["clients"]);
  if (root["workload"]) parse_workload(root["workload"]);
  if (root["generators"]) parse_generators(root["generators"]);
  if (root["assertions"]) parse_assertions(root["assertions"]);
  check_references();
  check_link_faults();
}

void Parser::parse_run(const YAML::Node& n) {
  if (!check_map(n, "run", key_set("run"))) return;
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
    if (!check_map(body, "region " + id, key_set("regions.*"))) continue;
    if (const YAML::Node q = body["quota"]) {
      if (check_map(q, "quota of " + id, key_set("regions.*.quota"))) {
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
    if (body["copy_slots"]) {
      if (auto v = integer(body["copy_slots"], "copy_slots", 1, 1000)) r.copy_slots = static_cast<int>(*v);
    }
    if (body["missing_image_delete"]) {
      auto v = scalar(body["missing_image_delete"], "missing_image_delete");
      if (v && *v == "error") r.missing_image_delete = MissingImageDelete::kError;
      else if (v && *v == "ignore") r.missing_image_delete = MissingImageDelete::kIgnore;
      else if (v) error(body["missing_image_delete"], "invalid missing_image_delete '" + *v + "'", "error or ignore");
    }
    out_.spec.regions.emplace(id, r);
  }
}

void Parser::parse_account(const YAML::Node& n) {
  if (!check_map(n, "account", key_set("account")))
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
        if (!check_map(k, "a KMS key", key_set("account.KmsKeys[]"))) continue;
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
    if (!check_map(node, "an instance", key_set("instances[]")))
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
          if (!check_map(dn, "a disk", key_set("instances[].Disks[]")))
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
    if (!check_map(node, "a snapshot", key_set("snapshots[]")))
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
    // Disks made from the snapshot before the run (DeleteSnapshot then needs Force).
    if (node["DisksCreated"]) {
      if (auto v = integer(node["DisksCreated"], "DisksCreated", 0, 1'000'000)) s.disks_created = static_cast<int>(*v);
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
    if (!check_map(node, "an image", key_set("images[]")))
      continue;
    ImageSpec is;
    is.pos = {node.Mark().line + 1, node.Mark().column + 1};
    Image& img = is.image;
    img.creation_time = out_.spec.start;
    auto str = [&](const char* key, auto& field) {
      if (node[key]) {
        if (auto v = scalar(node[key], key)) field = *v;
      }
    };
    if (!node["ImageId"]) error(node, "an image needs an ImageId");
    str("ImageId", img.image_id);
    if (node["ImageId"]) unique_id(node["ImageId"], img.image_id.str(), "ImageId");
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
    // CreationTime orders a family's images (its latest Available one is the newest).
    if (node["CreationTime"]) img.creation_time = calendar(node["CreationTime"], "CreationTime").value_or(out_.spec.start);
    // An ImportImage task still running for the whole run: DeleteImage answers ImageIsImporting.
    if (node["Importing"]) img.importing = boolean(node["Importing"], "Importing").value_or(false);
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
    if (!check_map(node, "a fault", key_set("faults[]"))) continue;
    std::string type = "api_error";
    if (node["type"]) type = scalar(node["type"], "type").value_or("");
    const std::string stream = "faults/" + std::to_string(k) + "/" + type;
    sim::SimTime from = sim::SimTime::zero(), until = sim::SimTime::max();
    if (node["from"]) from = sim::SimTime::zero() + duration(node["from"], "from").value_or(sim::SimDuration::zero());
    if (node["until"]) until = sim::SimTime::zero() + duration(node["until"], "until").value_or(sim::SimDuration::max());
    std::string region;
    if (node["RegionId"]) region = scalar(node["RegionId"], "RegionId").value_or("");
    if (!region.empty() && !out_.spec.regions.contains(region))
      error(node["RegionId"], "fault for region '" + region + "', which is not declared", "a region listed under regions:");
    sim::Ratio p{1, 1};
    if (node["probability"]) {
      auto s = scalar(node["probability"], "probability");
      auto r = s ? parse_probability(*s) : std::nullopt;
      if (!r && s) error(node["probability"], "invalid probability '" + *s + "'", "a number from 0 to 1, a percentage or a ratio such as 1/20");
      if (r) p = *r;
    }
    if (type == "outage") {
      // A regional outage: every call to the region answers ServiceUnavailable in the window.
      ApiFault f;
      f.region_id = region;
      f.from = from;
      f.until = until;
      f.stream = stream;
      f.error = make_error(ErrorRow::kServiceUnavailable);
      if (region.empty()) error(node, "an outage needs a RegionId", "the region that is down");
      if (node["code"] || node["probability"] || node["Action"] || node["factor"] || node["processed"])
        error(node, "an outage takes RegionId, from and until only", "type: api_error for partial failures");
      if (!node["from"] && !node["until"]) error(node, "an outage needs a window", "from: and/or until:");
      out_.spec.faults.api.push_back(f);
    } else if (type == "api_error") {
      ApiFault f;
      f.region_id = region;
      f.probability = p;
      f.from = from;
      f.until = until;
      f.stream = stream;
      if (node["processed"]) f.processed = boolean(node["processed"], "processed").value_or(false);
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
    } else if (type == "lock_instance" || type == "link_slowdown") {
      // Windows of these two are places in time, not draws: they take no probability.
      for (const char* key : {"code", "probability", "Action", "processed", "RegionId"}) {
        if (node[key]) error(node[key], std::string("a ") + type + " fault takes no " + key, type == "lock_instance" ? "InstanceId, from and until" : "between, factor, from and until");
      }
      if (node["until"] && until <= from) error(node["until"], "the fault ends before it starts", "until after from");
      if (type == "lock_instance") {
        if (node["between"] || node["factor"]) error(node, "a lock_instance fault takes InstanceId, from and until only", "type: link_slowdown for a network link");
        if (!node["InstanceId"]) {
          error(node, "a lock_instance fault needs an InstanceId", "the instance to lock for security");
          continue;
        }
        const std::string id = scalar(node["InstanceId"], "InstanceId").value_or("");
        bool known = false;
        for (const InstanceSpec& is : out_.spec.instances) known = known || is.instance.instance_id == id;
        if (!known) {
          error(node["InstanceId"], "lock for instance '" + id + "', which is not declared", "an InstanceId under instances: or fleets:");
          continue;
        }
        out_.spec.faults.instance_locks.push_back(InstanceLock{id, from, until});
      } else {
        if (node["InstanceId"]) error(node["InstanceId"], "a link_slowdown fault takes no InstanceId", "between, factor, from and until");
        double factor = 1.0;
        if (node["factor"]) factor = real(node["factor"], "factor", 0.001, 1000.0).value_or(1.0);
        else error(node, "a link_slowdown needs a factor", "a bandwidth multiplier such as 0.25");
        const YAML::Node between = node["between"];
        if (!between || !between.IsSequence() || between.size() != 2) {
          error(between ? between : node, "a link_slowdown needs 'between' with two regions", "e.g. between: [cn-hangzhou, cn-shanghai]");
          continue;
        }
        const std::string a = scalar(between[0], "a region").value_or("");
        const std::string b = scalar(between[1], "a region").value_or("");
        link_fault_nodes_.emplace_back(between, out_.spec.faults.link_slowdowns.size());
        out_.spec.faults.link_slowdowns.push_back(LinkSlowdown{a, b, factor, from, until});
      }
    } else {
      error(node["type"], "unknown fault type '" + type + "'",
            "api_error, outage, snapshot_failure, snapshot_slowdown, lock_instance or link_slowdown");
    }
  }
}

void Parser::parse_models(const YAML::Node& n) {
  if (!check_map(n, "models", key_set("models"))) return;
  ModelParams& m = out_.spec.params;
  if (const YAML::Node s = n["snapshot"]) {
    if (check_map(s, "models.snapshot", key_set("models.snapshot"))) {
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
            if (!check_map(body, "category " + it->first.Scalar(), key_set("models.snapshot.categories.*"))) continue;
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
    if (check_map(i, "models.image", key_set("models.image"))) {
      if (i["registration"]) m.image.registration = duration(i["registration"], "registration").value_or(m.image.registration);
      if (i["check"]) m.image.check = duration(i["check"], "check").value_or(m.image.check);
      if (i["noise_cv"]) m.image.noise_cv = real(i["noise_cv"], "noise_cv", 0, 5).value_or(m.image.noise_cv);
    }
  }
  if (const YAML::Node a = n["api"]) {
    if (check_map(a, "models.api", key_set("models.api"))) {
      if (a["latency"]) m.api.latency = duration(a["latency"], "latency").value_or(m.api.latency);
      if (a["latency_cv"]) m.api.latency_cv = real(a["latency_cv"], "latency_cv", 0, 5).value_or(m.api.latency_cv);
    }
  }
  if (const YAML::Node c = n["copy"]) {
    if (check_map(c, "models.copy", key_set("models.copy"))) {
      if (c["build"]) m.copy.build = duration(c["build"], "build").value_or(m.copy.build);
      if (c["noise_cv"]) m.copy.noise_cv = real(c["noise_cv"], "noise_cv", 0, 5).value_or(m.copy.noise_cv);
      if (c["task_bandwidth"]) {
        // The per-task rate of a copy (models/copy_service.h); absent: no limit but the links.
        auto v = scalar(c["task_bandwidth"], "task_bandwidth");
        auto b = v ? parse_throughput_bytes_per_s(*v) : std::nullopt;
        if (b && *b > 0) m.copy.task_bandwidth_bytes_per_s = *b;
        else if (v) error(c["task_bandwidth"], "invalid task_bandwidth '" + *v + "'", "a positive size per second, e.g. 100MiB/s");
      }
      if (c["max_image_size"]) {
        const auto b = size(c["max_image_size"], "max_image_size");
        if (b && *b <= 0) error(c["max_image_size"], "max_image_size must be positive", "a size such as 2TiB");
        else if (b) m.copy.max_image_bytes = *b;
      }
    }
  }
  if (const YAML::Node i = n["instance"]) {
    if (check_map(i, "models.instance", key_set("models.instance"))) {
      if (i["stop"]) m.instance.stop = duration(i["stop"], "stop").value_or(m.instance.stop);
      if (i["start"]) m.instance.start = duration(i["start"], "start").value_or(m.instance.start);
      if (i["noise_cv"]) m.instance.noise_cv = real(i["noise_cv"], "noise_cv", 0, 5).value_or(m.instance.noise_cv);
    }
  }
  if (const YAML::Node e = n["export"]) {
    if (check_map(e, "models.export", key_set("models.export"))) {
      if (e["setup"]) m.exports.setup = duration(e["setup"], "setup").value_or(m.exports.setup);
      if (e["throughput"]) {
        auto v = scalar(e["throughput"], "throughput");
        auto b = v ? parse_throughput_bytes_per_s(*v) : std::nullopt;
        if (b) m.exports.throughput_bytes_per_s = *b;
        else if (v) error(e["throughput"], "invalid throughput '" + *v + "'", "a size per second, e.g. 50MiB/s");
      }
      if (e["noise_cv"]) m.exports.noise_cv = real(e["noise_cv"], "noise_cv", 0, 5).value_or(m.exports.noise_cv);
      if (e["concurrent_per_region"])
        m.exports.concurrent_per_region =
            integer(e["concurrent_per_region"], "concurrent_per_region", 1, 1000).value_or(m.exports.concurrent_per_region);
      if (e["weekly_per_region"])
        m.exports.weekly_per_region = integer(e["weekly_per_region"], "weekly_per_region", 1, 1000000).value_or(m.exports.weekly_per_region);
    }
  }
}

std::optional<Expectation> Parser::parse_expect(const YAML::Node& n) {
  if (!check_map(n, "expect", key_set("workload[].expect"))) return std::nullopt;
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

// One call's keys (a workload entry, or a generator's call template). `names` holds the names a
// ${NAME.Field} may refer to. Returns false when the node is not a mapping.
bool Parser::parse_call(const YAML::Node& node, const std::set<std::string>& names, WorkloadCallSpec& call,
                        bool is_template) {
  if (!node.IsMap()) {
    error(node, "a workload call must be a mapping", "{at: 0s, Action: CreateImage, RegionId: ...}");
    return false;
  }
  call.pos = {node.Mark().line + 1, node.Mark().column + 1};
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.Scalar();
    const YAML::Node v = it->second;
    if (key == "at" && !is_template) {
      auto s = scalar(v, "at");
      if (!s) continue;
      if (auto d = sim::parse_duration(*s)) call.at = sim::SimTime::zero() + *d;
      else if (auto t = sim::parse_calendar_time(*s)) {
        if (*t < out_.spec.start) error(v, "call time " + *s + " is before the scenario's start", "a time at or after start:");
        else call.at = sim::SimTime::zero() + (*t - out_.spec.start);
      } else {
        error(v, "invalid time '" + *s + "' for at", "a duration from the start such as 90s or 2h, or an ISO 8601 time");
      }
    } else if (key == "name" && !is_template) {
      if (auto s = scalar(v, "name")) call.name = *s;
    } else if (key == "expect") {
      call.expect = parse_expect(v);
    } else if (key == "client") {
      if (auto s = scalar(v, "client")) {
        std::optional<std::uint32_t> found;
        for (std::uint32_t c = 0; c < out_.spec.clients.size(); ++c) {
          if (out_.spec.clients[c].name == *s) found = c;
        }
        if (!found) error(v, "client '" + *s + "' is not defined", "a name under clients:");
        call.client = found;
      }
    } else if (key == "vary" && is_template) {
      continue;  // the generator reads it
    } else if (key == "Action") {
      if (auto s = scalar(v, "Action")) call.request.action = *s;
    } else if (!key.empty() && key[0] >= 'A' && key[0] <= 'Z') {
      flatten(key, v, call.request);
    } else {
      error(it->first, "unknown key '" + key + "' in a " + (is_template ? "generator's call" : "workload call"),
            is_template ? "Action, client, expect, vary, or an API parameter in Alibaba's spelling (e.g. RegionId)"
                        : "at, name, client, expect, Action, or an API parameter in Alibaba's spelling (e.g. RegionId)");
    }
  }
  if (!is_template && !node["at"]) error(node, "a workload call needs 'at'", "a time such as 0s");
  if (call.request.action.empty()) error(node, "a workload call needs an Action", "e.g. Action: CreateImage");
  if (call.expect && call.expect->code && !call.request.action.empty()) {
    if (auto problem = unknown_code_problem(*call.expect->code, call.request.action))
      error(node["expect"]["code"], *problem, "a code from the error catalogue (ecsim errors)");
  }
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
  return true;
}

void Parser::parse_workload(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "workload must be a list of calls", "a YAML list of {at, Action, ...}");
    return;
  }
  for (const auto& node : n) {
    WorkloadCallSpec call;
    if (!parse_call(node, call_names_, call, false)) continue;
    if (call.name && !call_names_.insert(*call.name).second)
      error(node["name"], "duplicate call name '" + *call.name + "'", "unique call names");
    out_.spec.workload.push_back(std::move(call));
  }
}

void Parser::parse_clients(const YAML::Node& n) {
  if (!n.IsMap()) {
    error(n, "clients must be a mapping of client names", "e.g. clients: {terraform: {retry: {max_attempts: 5}}}");
    return;
  }
  for (auto it = n.begin(); it != n.end(); ++it) {
    ClientSpec c;
    c.name = it->first.Scalar();
    c.pos = {it->first.Mark().line + 1, it->first.Mark().column + 1};
    const YAML::Node body = it->second;
    if (!body.IsNull() && check_map(body, "client " + c.name, key_set("clients.*"))) {
      if (body["latency"]) c.latency = duration(body["latency"], "latency").value_or(c.latency);
      if (const YAML::Node r = body["retry"]; r && check_map(r, "retry of " + c.name, key_set("clients.*.retry"))) {
        RetryPolicy& p = c.retry;
        p.max_attempts = 5;  // a retry: block means retrying; 1 would be no retry
        if (r["max_attempts"]) p.max_attempts = integer(r["max_attempts"], "max_attempts", 1, 100).value_or(p.max_attempts);
        if (r["backoff"]) p.backoff = duration(r["backoff"], "backoff").value_or(p.backoff);
        if (r["backoff_max"]) p.backoff_max = duration(r["backoff_max"], "backoff_max").value_or(p.backoff_max);
        if (r["multiplier"]) p.multiplier = integer(r["multiplier"], "multiplier", 1, 10).value_or(p.multiplier);
        if (r["jitter"]) {
          auto s = scalar(r["jitter"], "jitter");
          if (s && *s == "none") p.jitter = RetryPolicy::Jitter::kNone;
          else if (s && *s == "full") p.jitter = RetryPolicy::Jitter::kFull;
          else if (s && *s == "equal") p.jitter = RetryPolicy::Jitter::kEqual;
          else if (s) error(r["jitter"], "invalid jitter '" + *s + "'", "none, full or equal");
        }
        if (const YAML::Node codes = r["codes"]) {
          if (!codes.IsSequence()) {
            error(codes, "retry codes must be a list", "e.g. [Throttling*, ServiceUnavailable, 5xx]");
          } else {
            p.codes.clear();
            for (const auto& code : codes) {
              auto s = scalar(code, "a retry code");
              if (!s) continue;
              const bool http_class = s->size() == 3 && (*s)[0] >= '1' && (*s)[0] <= '5' && s->substr(1) == "xx";
              const std::string stem = !s->empty() && s->back() == '*' ? s->substr(0, s->size() - 1) : *s;
              if (!http_class && !code_shaped(stem)) {
                error(code, "invalid retry code '" + *s + "'", "an error code, a prefix ending in * (Throttling*) or 5xx");
                continue;
              }
              // Codes of any action may be retried, so an uncatalogued code is accepted unless it is
              // one letter or two away from a catalogued one (a typo that would never match).
              if (!http_class && stem == *s && !catalogued_code(*s)) {
                bool near = false;
                for (const ErrorSpec& e : all_error_specs()) near = near || edit_distance(*s, e.code) <= 2;
                if (near) {
                  error(code, *unknown_code_problem(*s, "CreateImage"), "a code from the error catalogue (ecsim errors)");
                  continue;
                }
              }
              p.codes.push_back(*s);
            }
          }
        }
      }
      if (body["client_token"]) {
        auto s = scalar(body["client_token"], "client_token");
        if (s && *s == "as_written") c.token = ClientTokenMode::kAsWritten;
        else if (s && *s == "reuse") c.token = ClientTokenMode::kReuse;
        else if (s && *s == "fresh") c.token = ClientTokenMode::kFresh;
        else if (s && *s == "none") c.token = ClientTokenMode::kNone;
        else if (s) error(body["client_token"], "invalid client_token '" + *s + "'", "as_written, reuse, fresh or none");
      }
      if (const YAML::Node poll = body["poll"]; poll && check_map(poll, "poll of " + c.name, key_set("clients.*.poll"))) {
        if (poll["interval"]) c.poll_interval = duration(poll["interval"], "poll.interval");
        else error(poll, "poll needs an interval", "e.g. poll: {interval: 30s}");
        if (c.poll_interval && *c.poll_interval <= sim::SimDuration::zero()) {
          error(poll["interval"], "poll.interval must be positive", "a duration such as 30s");
          c.poll_interval.reset();
        }
      }
      if (body["timeout"]) c.timeout = duration(body["timeout"], "timeout");
      if (body["cleanup"]) c.cleanup = boolean(body["cleanup"], "cleanup").value_or(false);
    }
    out_.spec.clients.push_back(std::move(c));
  }
}

void Parser::parse_generators(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "generators must be a list", "a YAML list of {every|arrivals|burst, call}");
    return;
  }
  std::uint32_t ordinal = 0;
  for (const auto& node : n) {
    ++ordinal;
    if (!check_map(node, "a generator", key_set("generators[]"))) continue;
    GeneratorSpec g;
    g.ordinal = ordinal;
    g.pos = {node.Mark().line + 1, node.Mark().column + 1};
    const int shapes = (node["every"] ? 1 : 0) + (node["arrivals"] ? 1 : 0) + (node["burst"] ? 1 : 0);
    if (shapes != 1) {
      error(node, "a generator needs exactly one of every, arrivals or burst",
            "every: 1d (a schedule), arrivals: poisson with rate: 10/h, or burst: 50");
      continue;
    }
    auto time_of = [&](const char* key) -> std::optional<sim::SimTime> {
      if (!node[key]) return std::nullopt;
      auto d = duration(node[key], key);
      if (!d) return std::nullopt;
      return sim::SimTime::zero() + *d;
    };
    if (auto t = time_of("at")) g.from = *t;
    if (auto t = time_of("from")) g.from = *t;
    if (node["at"] && node["from"]) error(node["from"], "a generator takes at or from, not both", "one start time");
    g.until = time_of("until");
    if (node["for"]) {
      if (auto d = duration(node["for"], "for")) g.until = g.from + *d;
    }
    if (node["count"]) g.count = integer(node["count"], "count", 0, kGeneratedCallsMax);
    if (node["name"]) g.name = scalar(node["name"], "name");
    if (node["every"]) {
      g.shape = GeneratorSpec::Shape::kSchedule;
      if (auto d = duration(node["every"], "every")) {
        if (*d <= sim::SimDuration::zero()) error(node["every"], "every must be positive", "a period such as 1d");
        else g.every = *d;
      }
      if (!g.count && !g.until) error(node, "a schedule needs count, for or until", "e.g. count: 30 or for: 30d");
    } else if (node["arrivals"]) {
      g.shape = GeneratorSpec::Shape::kPoisson;
      if (scalar(node["arrivals"], "arrivals").value_or("") != "poisson")
        error(node["arrivals"], "unknown arrivals '" + node["arrivals"].as<std::string>("") + "'", "poisson");
      if (!node["rate"]) {
        error(node, "poisson arrivals need a rate", "e.g. rate: 10/h");
      } else if (auto s = scalar(node["rate"], "rate")) {
        const std::size_t slash = s->find('/');
        std::optional<std::int64_t> num;
        std::optional<sim::SimDuration> per;
        if (slash != std::string::npos) {
          const std::string head = s->substr(0, slash);
          bool digits = !head.empty() && head.size() <= 9;
          for (char c : head) digits = digits && c >= '0' && c <= '9';
          if (digits) num = std::stoll(head);
          std::string unit = s->substr(slash + 1);
          per = sim::parse_duration(unit.empty() || (unit[0] >= '0' && unit[0] <= '9') ? unit : "1" + unit);
        }
        if (!num || *num <= 0 || !per || *per <= sim::SimDuration::zero()) {
          error(node["rate"], "invalid rate '" + *s + "'", "a whole number of calls per unit, e.g. 10/h, 500/d, 3/10m");
        } else {
          g.rate_num = static_cast<std::uint64_t>(*num);
          g.rate_per = *per;
        }
      }
      if (!g.count && !g.until) error(node, "poisson arrivals need count, for or until", "e.g. until: 1d");
    } else {
      g.shape = GeneratorSpec::Shape::kBurst;
      g.count = integer(node["burst"], "burst", 1, kGeneratedCallsMax);
      if (node["spacing"]) g.spacing = duration(node["spacing"], "spacing").value_or(g.spacing);
    }
    if (node["rate"] && g.shape != GeneratorSpec::Shape::kPoisson)
      error(node["rate"], "rate applies to arrivals: poisson only", "remove rate, or use arrivals: poisson");
    if (node["spacing"] && g.shape != GeneratorSpec::Shape::kBurst)
      error(node["spacing"], "spacing applies to burst only", "remove spacing, or use burst: N");
    if (!node["call"]) {
      error(node, "a generator needs a call template", "call: {Action: CreateImage, RegionId: ...}");
      continue;
    }
    const YAML::Node call = node["call"];
    if (!parse_call(call, call_names_, g.call, true)) continue;
    if (const YAML::Node vary = call["vary"]) {
      if (!vary.IsMap()) {
        error(vary, "vary must be a mapping of API parameters", "e.g. vary: {InstanceId: [i-1, i-2], Size: {min: 20, max: 100}}");
      } else {
        for (auto it = vary.begin(); it != vary.end(); ++it) {
          GeneratorSpec::Vary v;
          v.param = it->first.Scalar();
          const YAML::Node body = it->second;
          if (v.param.empty() || v.param[0] < 'A' || v.param[0] > 'Z') {
            error(it->first, "vary key '" + v.param + "' is not an API parameter", "a name in Alibaba's spelling");
            continue;
          }
          if (body.IsSequence() && body.size() > 0) {
            for (const auto& item : body) {
              if (auto s = scalar(item, "a vary value")) v.values.push_back(*s);
            }
          } else if (body.IsMap() && body["min"] && body["max"] && body.size() == 2) {
            v.lo = integer(body["min"], "min", 0, 999'999'999'999).value_or(0);
            v.hi = integer(body["max"], "max", 0, 999'999'999'999).value_or(0);
            if (v.hi < v.lo) error(body, "vary range has max below min", "min <= max");
          } else {
            error(body, "invalid vary for " + v.param, "a non-empty list of values, or {min: N, max: M}");
            continue;
          }
          g.vary.push_back(std::move(v));
        }
      }
    }
    if (g.name) {
      const std::int64_t known = g.count.value_or(0);
      for (std::int64_t k = 1; k <= known && k <= 10'000; ++k) {
        if (!call_names_.insert(*g.name + "-" + std::to_string(k)).second) {
          error(node["name"], "generator name '" + *g.name + "' makes a duplicate call name " + *g.name + "-" + std::to_string(k),
                "names unique across the workload and the generators");
          break;
        }
      }
    }
    out_.spec.generators.push_back(std::move(g));
  }
}

// fleets[]: instances made from a template, expanded here with the scenario's own seed (the fleet
// is part of the world the scenario describes; --seed varies the run, not the fleet). Fleet k
// draws disk sizes from the stream fleets/<k>/<disk position>/size.
void Parser::parse_fleets(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "fleets must be a list", "a YAML list of {count, RegionId, InstanceId: \"i-web-{n}\", Disks}");
    return;
  }
  sim::RngStreams rngs(out_.spec.seed);
  std::uint32_t ordinal = 0;
  auto numbered = [](std::string pattern, std::int64_t number) {
    const std::string digits = std::to_string(number);
    for (std::size_t pos = 0; (pos = pattern.find("{n}", pos)) != std::string::npos; pos += digits.size())
      pattern.replace(pos, 3, digits);
    return pattern;
  };
  for (const auto& node : n) {
    ++ordinal;
    if (!check_map(node, "a fleet", key_set("fleets[]"))) continue;
    const std::int64_t count = node["count"] ? integer(node["count"], "count", 1, 100'000).value_or(0) : 0;
    if (!node["count"]) error(node, "a fleet needs a count", "e.g. count: 500");
    const std::string region = node["RegionId"] ? scalar(node["RegionId"], "RegionId").value_or("") : "";
    if (!node["RegionId"]) error(node, "a fleet needs a RegionId");
    else if (!out_.spec.regions.contains(region))
      error(node["RegionId"], "region '" + region + "' is not declared", "a region listed under regions:");
    const std::string id_pattern = node["InstanceId"] ? scalar(node["InstanceId"], "InstanceId").value_or("") : "";
    if (id_pattern.find("{n}") == std::string::npos)
      error(node["InstanceId"] ? node["InstanceId"] : node, "a fleet's InstanceId must contain {n}", "e.g. i-web-{n}");
    InstanceStatus status = InstanceStatus::kRunning;
    if (node["Status"]) {
      if (auto st = enumerated<InstanceStatus>(node["Status"], "Status", parse_instance_status,
                                               "Running, Stopped, Starting, Stopping, Pending"))
        status = *st;
    }
    struct DiskTemplate {
      std::string id_pattern;
      DiskType type = DiskType::kData;
      DiskCategory category = DiskCategory::kCloudEssd;
      std::int64_t size_lo = 0, size_hi = 0;  // bytes; equal: a fixed size
      std::optional<sim::Ratio> used_fraction;
      std::optional<std::int64_t> used_bytes;
    };
    std::vector<DiskTemplate> disks;
    if (const YAML::Node list = node["Disks"]; list && !list.IsSequence()) {
      error(list, "Disks must be a list", "a list of {DiskId, Type, Category, Size, Used}");
    } else if (list) {
      for (const auto& dn : list) {
        if (!check_map(dn, "a fleet disk", key_set("fleets[].Disks[]"))) continue;
        DiskTemplate t;
        t.id_pattern = dn["DiskId"] ? scalar(dn["DiskId"], "DiskId").value_or("") : "";
        if (t.id_pattern.find("{n}") == std::string::npos)
          error(dn["DiskId"] ? dn["DiskId"] : dn, "a fleet disk's DiskId must contain {n}", "e.g. d-web-{n}-sys");
        if (dn["Type"]) {
          auto s = scalar(dn["Type"], "Type");
          if (s && (*s == "system" || *s == "data")) t.type = *s == "system" ? DiskType::kSystem : DiskType::kData;
          else if (s) error(dn["Type"], "invalid disk Type '" + *s + "'", "system or data");
        }
        if (dn["Category"]) {
          if (auto c = enumerated<DiskCategory>(dn["Category"], "Category", parse_disk_category,
                                                "cloud, cloud_efficiency, cloud_ssd, cloud_essd, ..."))
            t.category = *c;
        }
        if (const YAML::Node sz = dn["Size"]; !sz) {
          error(dn, "a fleet disk needs a Size", "e.g. Size: 40GiB or Size: {min: 40GiB, max: 500GiB}");
        } else if (sz.IsMap()) {
          if (check_map(sz, "a Size range", key_set("fleets[].Disks[].Size")) && sz["min"] && sz["max"]) {
            t.size_lo = size(sz["min"], "Size.min").value_or(0);
            t.size_hi = size(sz["max"], "Size.max").value_or(0);
            if (t.size_hi < t.size_lo) error(sz, "Size range has max below min", "min <= max");
          } else if (!sz["min"] || !sz["max"]) {
            error(sz, "a Size range needs min and max", "{min: 40GiB, max: 500GiB}");
          }
        } else {
          t.size_lo = t.size_hi = size(sz, "Size").value_or(0);
        }
        if (dn["Used"]) {
          auto s = scalar(dn["Used"], "Used");
          if (s && !s->empty() && s->back() == '%') t.used_fraction = parse_probability(*s);
          else if (s) t.used_bytes = parse_size_bytes(*s);
          if (s && !t.used_fraction && !t.used_bytes)
            error(dn["Used"], "invalid Used '" + *s + "'", "a size such as 10GiB or a share of the size such as 25%");
        }
        disks.push_back(std::move(t));
      }
    }
    for (std::int64_t k = 1; k <= count; ++k) {
      InstanceSpec is;
      is.pos = {node.Mark().line + 1, node.Mark().column + 1};
      is.instance.instance_id = numbered(id_pattern, k);
      is.instance.region_id = region;
      is.instance.status = status;
      if (!ids_.insert(is.instance.instance_id).second) {
        error(node["InstanceId"] ? node["InstanceId"] : node, "fleet makes a duplicate InstanceId '" + is.instance.instance_id + "'",
              "IDs unique across the scenario");
        break;
      }
      for (std::size_t p = 0; p < disks.size(); ++p) {
        const DiskTemplate& t = disks[p];
        Disk d;
        d.disk_id = numbered(t.id_pattern, k);
        d.type = t.type;
        d.category = t.category;
        d.size_bytes = t.size_lo;
        if (t.size_hi > t.size_lo) {  // whole GiB, uniform
          const std::int64_t lo = gib_ceil(t.size_lo), hi = t.size_hi / kGiB;
          sim::Rng& rng = rngs.stream("fleets/" + std::to_string(ordinal) + "/" + std::to_string(p + 1) + "/size");
          d.size_bytes = (hi >= lo ? rng.uniform_int(lo, hi) : lo) * kGiB;
        }
        d.used_bytes = d.size_bytes / 2;
        if (t.used_fraction)
          d.used_bytes = static_cast<std::int64_t>(static_cast<double>(d.size_bytes) *
                                                   static_cast<double>(t.used_fraction->num) /
                                                   static_cast<double>(t.used_fraction->den));
        if (t.used_bytes) d.used_bytes = std::min(*t.used_bytes, d.size_bytes);
        if (!ids_.insert(d.disk_id).second) {
          error(node, "fleet makes a duplicate DiskId '" + d.disk_id + "'", "IDs unique across the scenario");
          break;
        }
        is.disks.push_back(std::move(d));
      }
      out_.spec.instances.push_back(std::move(is));
    }
  }
}

void Parser::parse_assertions(const YAML::Node& n) {
  if (!n.IsSequence()) {
    error(n, "assertions must be a list", "e.g. - no_code: InternalError");
    return;
  }
  for (const auto& node : n) {
    if (!check_map(node, "an assertion", key_set("assertions[]"))) continue;
    if (node.size() != 1) {
      error(node, "an assertion has exactly one key", "no_code, count, p50, p90, p99 or max");
      continue;
    }
    const std::string kind = node.begin()->first.Scalar();
    const YAML::Node body = node.begin()->second;
    if (kind != "no_code" && kind != "count" && kind != "p50" && kind != "p90" && kind != "p99" && kind != "max")
      continue;  // check_map reported the unknown key
    AssertionSpec a;
    a.pos = {node.Mark().line + 1, node.Mark().column + 1};
    if (kind == "no_code") {
      a.kind = AssertionSpec::Kind::kNoCode;
      a.code = scalar(body, "no_code").value_or("");
      if (!a.code.empty() && !catalogued_code(a.code))
        error(body, *unknown_code_problem(a.code, "CreateImage"), "a code from the error catalogue (ecsim errors)");
      a.text = "no call answered " + a.code;
    } else if (kind == "count") {
      a.kind = AssertionSpec::Kind::kCount;
      if (!check_map(body, "count", key_set("assertions[].count"))) continue;
      if (body["Action"]) a.action = scalar(body["Action"], "Action").value_or("");
      if (body["outcome"]) {
        auto s = scalar(body["outcome"], "outcome");
        if (s && (*s == "ok" || *s == "error" || *s == "skipped")) a.outcome = *s;
        else if (s) error(body["outcome"], "invalid outcome '" + *s + "'", "ok, error or skipped");
      }
      if (body["code"]) {
        a.code = scalar(body["code"], "code").value_or("");
        if (auto problem = unknown_code_problem(a.code, a.action.empty() ? "CreateImage" : a.action))
          error(body["code"], *problem, "a code from the error catalogue (ecsim errors)");
      }
      if (body["at_least"]) a.at_least = integer(body["at_least"], "at_least", 0, 1'000'000'000'000);
      if (body["at_most"]) a.at_most = integer(body["at_most"], "at_most", 0, 1'000'000'000'000);
      if (!body["at_least"] && !body["at_most"]) error(body, "count needs at_least or at_most", "e.g. at_least: 10");
      a.text = "count of " + (a.action.empty() ? std::string("calls") : a.action) + (a.outcome ? " " + *a.outcome : "") +
               (a.code.empty() ? "" : " " + a.code) + (a.at_least ? " at least " + std::to_string(*a.at_least) : "") +
               (a.at_most ? " at most " + std::to_string(*a.at_most) : "");
    } else {
      a.kind = AssertionSpec::Kind::kPercentile;
      a.percentile = kind == "p50" ? 50 : kind == "p90" ? 90 : kind == "p99" ? 99 : 100;
      if (!check_map(body, kind, key_set("assertions[]." + kind))) continue;
      if (body["Action"]) a.action = scalar(body["Action"], "Action").value_or("");
      if (body["to_status"]) {
        a.to_status = scalar(body["to_status"], "to_status").value_or("");
        if (!parse_image_status(a.to_status) && !parse_snapshot_status(a.to_status))
          error(body["to_status"], "unknown status '" + a.to_status + "'", "Available, CreateFailed, Deleted, accomplished, ...");
      }
      if (!body["under"]) error(body, kind + " needs under", "a duration such as 2h");
      else a.under = duration(body["under"], "under").value_or(sim::SimDuration::zero());
      a.text = kind + " time from " + (a.action.empty() ? std::string("a call") : a.action) + " to " + a.to_status +
               " under " + (body["under"] && body["under"].IsScalar() ? body["under"].Scalar() : std::string("?"));
    }
    out_.spec.assertions.push_back(std::move(a));
  }
}

void Parser::check_link_faults() {
  if (link_fault_nodes_.empty()) return;
  const NetworkSpec network = out_.spec.network ? *out_.spec.network : default_network();
  for (const auto& [node, k] : link_fault_nodes_) {
    const LinkSlowdown& s = out_.spec.faults.link_slowdowns[k];
    bool found = false;
    for (const RegionLinkSpec& l : network.links) found = found || s.joins(l.a, l.b);
    if (!found) {
      error(node, "no network link between '" + s.a + "' and '" + s.b + "'",
            out_.spec.network ? "a link declared under network.links" : "a link of the default network (models/README.md)");
    }
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
  ParsedScenario out = parse_scenario_text(buf.str(), path);
  if (out.spec.trace) {
    // A relative trace path is relative to the scenario file, as a reader of the file expects.
    std::filesystem::path trace(*out.spec.trace);
    if (trace.is_relative()) trace = std::filesystem::path(path).parent_path() / trace;
    out.spec.trace = trace.lexically_normal().string();
    check_trace(out);
  }
  return out;
}

void check_trace(ParsedScenario& parsed) {
  if (!parsed.spec.trace) return;
  std::ifstream probe(*parsed.spec.trace, std::ios::binary);
  if (!probe) {
    parsed.errors.push_back(ScenarioError{parsed.spec.file, parsed.spec.trace_pos.line, parsed.spec.trace_pos.col,
                                          "cannot read the trace " + *parsed.spec.trace, "a readable JSON-lines file"});
    return;
  }
  for (ScenarioError& e : validate_trace(*parsed.spec.trace, trace_context(parsed.spec))) parsed.errors.push_back(std::move(e));
}

}  // namespace ecsim::models
