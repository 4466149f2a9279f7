// docs/scenario.schema.json describes the scenario format for editors. It must accept exactly the
// keys the parser accepts: the parser exposes them as data (scenario_key_sets()) and this test
// compares both ways, so adding a key to one without the other fails here.

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/scenario/scenario_parser.h"

namespace ecsim::models {
namespace {

nlohmann::json load_schema() {
  std::ifstream in(std::string(ECSIM_SOURCE_DIR) + "/docs/scenario.schema.json");
  EXPECT_TRUE(in.good()) << "docs/scenario.schema.json is missing";
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

// The schema node of a key-set path: "regions.*.quota", "instances[].Disks[]", "" (the root).
const nlohmann::json* schema_node(const nlohmann::json& root, std::string_view path) {
  const nlohmann::json* node = &root;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    std::string_view segment = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    bool list = segment.ends_with("[]");
    if (list) segment.remove_suffix(2);
    if (segment == "*") {
      if (!node->contains("additionalProperties") || !(*node)["additionalProperties"].is_object()) return nullptr;
      node = &(*node)["additionalProperties"];
    } else {
      if (!node->contains("properties") || !(*node)["properties"].contains(std::string(segment))) return nullptr;
      node = &(*node)["properties"][std::string(segment)];
    }
    if (list) {
      if (!node->contains("items")) return nullptr;
      node = &(*node)["items"];
    }
  }
  return node;
}

// Every object in the schema that lists properties, as a key-set path.
void object_paths(const nlohmann::json& node, const std::string& path, std::vector<std::string>& out) {
  if (!node.is_object()) return;
  if (node.contains("properties")) {
    out.push_back(path);
    for (const auto& [key, child] : node["properties"].items()) {
      const std::string base = path.empty() ? key : path + "." + key;
      if (child.contains("items")) object_paths(child["items"], base + "[]", out);
      else object_paths(child, base, out);
    }
  }
  if (node.contains("additionalProperties") && node["additionalProperties"].is_object())
    object_paths(node["additionalProperties"], path.empty() ? "*" : path + ".*", out);
}

TEST(ScenarioSchema, IsValidJson) { EXPECT_FALSE(load_schema().is_discarded()); }

TEST(ScenarioSchema, EveryParserMappingHasTheSameKeysInTheSchema) {
  const nlohmann::json schema = load_schema();
  ASSERT_FALSE(schema.is_discarded());
  for (const ScenarioKeySet& set : scenario_key_sets()) {
    const nlohmann::json* node = schema_node(schema, set.path);
    ASSERT_NE(node, nullptr) << "the schema has no object for '" << set.path << "'";
    std::set<std::string> parser_keys(set.keys.begin(), set.keys.end());
    std::set<std::string> schema_keys;
    for (const auto& [key, value] : (*node)["properties"].items()) schema_keys.insert(key);
    EXPECT_EQ(parser_keys, schema_keys) << "keys of '" << set.path << "' differ";
    EXPECT_EQ(set.api_parameters, node->contains("patternProperties"))
        << "'" << set.path << "': API parameters (capitalized keys) accepted by one side only";
    EXPECT_EQ((*node)["additionalProperties"], false) << "'" << set.path << "' must reject unknown keys";
  }
}

TEST(ScenarioSchema, EverySchemaObjectIsAParserMapping) {
  const nlohmann::json schema = load_schema();
  ASSERT_FALSE(schema.is_discarded());
  std::set<std::string> parser_paths;
  for (const ScenarioKeySet& set : scenario_key_sets()) parser_paths.insert(std::string(set.path));
  std::vector<std::string> paths;
  object_paths(schema, "", paths);
  EXPECT_GE(paths.size(), 10u);
  for (const std::string& p : paths) EXPECT_TRUE(parser_paths.contains(p)) << "schema object '" << p << "' is not in scenario_key_sets()";
}

}  // namespace
}  // namespace ecsim::models
