// The request writers: key order = the SageMaker model's member order (read here from the model
// file the project carries, independently of the writer), integers as integers, absent optionals
// omitted, YAML that reads back as the same document with every string still a string.
#include "shiftsim/aws_write.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <string>

using shiftsim::aws::CapacitySizeShape;
using shiftsim::aws::UpdateEndpointRequest;
using Json = nlohmann::ordered_json;

namespace {

Json load_model() {
  std::ifstream in(std::string(SHIFTSIM_SOURCE_DIR) + "/engine/data/sagemaker-2017-07-24.service-2.json");
  REQUIRE(in.good());
  return Json::parse(in);
}

// botocore's ArgumentGenerator (what --generate-cli-skeleton input prints), re-implemented on the
// model: structures list their members in model order; strings "" (enums: the first value),
// integers 0, booleans true, lists one element.
Json skeleton_of(const Json& shapes, const std::string& name) {
  const Json& shape = shapes.at(name);
  const std::string type = shape.at("type");
  if (type == "structure") {
    Json out = Json::object();
    for (const auto& [member, ref] : shape.at("members").items())
      out[member] = skeleton_of(shapes, ref.at("shape").get<std::string>());
    return out;
  }
  if (type == "list") return Json::array({skeleton_of(shapes, shape.at("member").at("shape"))});
  if (type == "string") return shape.contains("enum") ? shape.at("enum").at(0) : Json("");
  if (type == "integer") return 0;
  if (type == "boolean") return true;
  FAIL("unexpected shape type " << type);
  return nullptr;
}

// Same values and kinds; YAML scalars compared as the JSON scalar's text, and every JSON string
// must have been a quoted or plain YAML string that is not re-typed (checked separately).
void require_same(const YAML::Node& y, const Json& j, const std::string& path) {
  INFO(path);
  if (j.is_object()) {
    REQUIRE(y.IsMap());
    REQUIRE(y.size() == j.size());
    auto it = y.begin();
    for (const auto& [key, value] : j.items()) {  // same order too
      REQUIRE(it->first.as<std::string>() == key);
      require_same(it->second, value, path + "." + key);
      ++it;
    }
  } else if (j.is_array()) {
    REQUIRE(y.IsSequence());
    REQUIRE(y.size() == j.size());
    for (std::size_t i = 0; i < j.size(); ++i) require_same(y[i], j[i], path + "[" + std::to_string(i) + "]");
  } else if (j.is_string()) {
    REQUIRE(y.IsScalar());
    REQUIRE(y.as<std::string>() == j.get<std::string>());
  } else {
    REQUIRE(y.IsScalar());
    REQUIRE(y.Tag() == "?");  // plain: an integer or boolean, not a quoted string
    REQUIRE(y.as<std::string>() == j.dump());
  }
}

UpdateEndpointRequest rolling_request() {
  UpdateEndpointRequest r;
  r.endpoint_name = "ep";
  r.endpoint_config_name = "ep-v2";
  shiftsim::aws::DeploymentConfig c;
  c.rolling_update_policy = shiftsim::aws::RollingUpdatePolicy{CapacitySizeShape{"CAPACITY_PERCENT", 25}, 300,
                                                               3600, CapacitySizeShape{"INSTANCE_COUNT", 2}};
  c.auto_rollback_configuration = shiftsim::aws::AutoRollbackConfig{std::vector<std::string>{"a", "b"}};
  r.deployment_config = c;
  return r;
}

}  // namespace

TEST_CASE("the JSON skeleton has every member in the model's order, as the AWS CLI prints it") {
  const Json model = load_model();
  const Json expected = skeleton_of(model.at("shapes"), "UpdateEndpointInput");
  const std::string text = shiftsim::aws::cli_skeleton(shiftsim::aws::SkeletonKind::input);
  // Python's json.dump(indent=4) layout: 4 spaces, ": " and "," line ends, trailing newline.
  CHECK(text == expected.dump(4) + "\n");
}

TEST_CASE("the YAML skeleton holds the same document as the JSON skeleton") {
  const Json json = Json::parse(shiftsim::aws::cli_skeleton(shiftsim::aws::SkeletonKind::input));
  const YAML::Node yaml = YAML::Load(shiftsim::aws::cli_skeleton(shiftsim::aws::SkeletonKind::yaml_input));
  require_same(yaml, json, "");
}

TEST_CASE("absent optionals are omitted, required members always written") {
  UpdateEndpointRequest r;
  r.endpoint_name = "ep";
  r.endpoint_config_name = "cfg";
  CHECK(shiftsim::aws::write_update_endpoint_json(r, shiftsim::aws::JsonLayout::compact) ==
        R"({"EndpointName":"ep","EndpointConfigName":"cfg"})");
  CHECK(shiftsim::aws::write_update_endpoint_yaml(r) == "EndpointName: ep\nEndpointConfigName: cfg\n");

  r.retain_all_variant_properties = false;
  r.retain_deployment_config = false;
  r.exclude_retained_variant_properties = std::vector<std::string>{"DesiredWeight"};
  CHECK(shiftsim::aws::write_update_endpoint_json(r, shiftsim::aws::JsonLayout::compact) ==
        R"({"EndpointName":"ep","EndpointConfigName":"cfg","RetainAllVariantProperties":false,)"
        R"("ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredWeight"}],)"
        R"("RetainDeploymentConfig":false})");
}

TEST_CASE("rolling policy: model order, integers stay integers") {
  const auto r = rolling_request();
  const std::string compact = shiftsim::aws::write_update_endpoint_json(r, shiftsim::aws::JsonLayout::compact);
  CHECK(compact ==
        R"({"EndpointName":"ep","EndpointConfigName":"ep-v2","DeploymentConfig":{"RollingUpdatePolicy":)"
        R"({"MaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":25},"WaitIntervalInSeconds":300,)"
        R"("MaximumExecutionTimeoutInSeconds":3600,"RollbackMaximumBatchSize":{"Type":"INSTANCE_COUNT","Value":2}},)"
        R"("AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"a"},{"AlarmName":"b"}]}}})");
  const Json pretty = Json::parse(shiftsim::aws::write_update_endpoint_json(r));
  CHECK(pretty.dump() == compact);
  CHECK(pretty["DeploymentConfig"]["RollingUpdatePolicy"]["WaitIntervalInSeconds"].is_number_integer());

  const YAML::Node y = YAML::Load(shiftsim::aws::write_update_endpoint_yaml(r));
  require_same(y, pretty, "");
}

TEST_CASE("blue/green policy: optional members in model order") {
  UpdateEndpointRequest r;
  r.endpoint_name = "ep";
  r.endpoint_config_name = "cfg";
  shiftsim::aws::BlueGreenUpdatePolicy bg;
  bg.traffic_routing_configuration = {"LINEAR", 60, std::nullopt, CapacitySizeShape{"INSTANCE_COUNT", 1}};
  bg.maximum_execution_timeout_in_seconds = 1800;  // TerminationWaitInSeconds absent
  r.deployment_config = shiftsim::aws::DeploymentConfig{bg, std::nullopt, std::nullopt};
  CHECK(shiftsim::aws::write_deployment_config_json(*r.deployment_config, shiftsim::aws::JsonLayout::compact) ==
        R"({"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"LINEAR","WaitIntervalInSeconds":60,)"
        R"("LinearStepSize":{"Type":"INSTANCE_COUNT","Value":1}},"MaximumExecutionTimeoutInSeconds":1800}})");
  CHECK(shiftsim::aws::write_deployment_config_yaml(*r.deployment_config) ==
        "BlueGreenUpdatePolicy:\n"
        "  TrafficRoutingConfiguration:\n"
        "    Type: LINEAR\n"
        "    WaitIntervalInSeconds: 60\n"
        "    LinearStepSize:\n"
        "      Type: INSTANCE_COUNT\n"
        "      Value: 1\n"
        "  MaximumExecutionTimeoutInSeconds: 1800\n");
}

TEST_CASE("YAML strings that a loader could re-type are quoted") {
  using shiftsim::aws::yaml_string;
  CHECK(yaml_string("my-endpoint") == "my-endpoint");
  CHECK(yaml_string("ALL_AT_ONCE") == "ALL_AT_ONCE");
  CHECK(yaml_string("") == "''");
  CHECK(yaml_string("123") == "'123'");
  CHECK(yaml_string("1e3") == "'1e3'");
  CHECK(yaml_string("true") == "'true'");
  CHECK(yaml_string("No") == "'No'");
  CHECK(yaml_string("null") == "'null'");
  CHECK(yaml_string("~") == "'~'");
  CHECK(yaml_string("a: b") == "'a: b'");
  CHECK(yaml_string("x #y") == "'x #y'");
  CHECK(yaml_string("it's") == "'it''s'");
  CHECK(yaml_string("tab\there") == "\"tab\\there\"");
  CHECK(yaml_string("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
}

TEST_CASE("tricky alarm names survive a YAML round trip as strings") {
  auto r = rolling_request();
  const std::vector<std::string> names = {"123", "true", "", "a: b", "- x", "it's", "[x]", "{y}", "q\"q",
                                          "tab\there", "caf\xc3\xa9", "  lead", "trail  ", "#x", "*a", "&b",
                                          "!c", "%d", "@e", "`f`", "|g", ">h", "0x1F", ".5", "yes", "Off"};
  r.deployment_config->auto_rollback_configuration->alarms = names;
  const YAML::Node y = YAML::Load(shiftsim::aws::write_update_endpoint_yaml(r));
  const auto alarms = y["DeploymentConfig"]["AutoRollbackConfiguration"]["Alarms"];
  REQUIRE(alarms.size() == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO(names[i]);
    CHECK(alarms[i]["AlarmName"].Tag() == "!");  // quoted: never re-typed by any loader
    CHECK(alarms[i]["AlarmName"].as<std::string>() == names[i]);
  }
}
