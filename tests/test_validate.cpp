// validate_request: one row per documented rule (and its boundary), each with the code and the
// field path expected. Expectations are computed by hand from the rules in
// docs/engine-contract.md and sagemaker-semantics.md section 2.2.
#include "input_problems.hpp"

#include "shiftsim/validate.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using shiftsim::Diagnostics;
using shiftsim::FleetContext;
using shiftsim::FleetVariant;
using shiftsim::Severity;
using shiftsim::validate_request;
using shiftsim::test::dump;
using shiftsim::aws::Format;

namespace {

const std::string kAlarms = R"("AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"a-5xx"}]})";
const std::string kTrc = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration";
const std::string kRol = "DeploymentConfig.RollingUpdatePolicy";

std::string size(const char* type, int v) {
  return std::string(R"({"Type":")") + type + R"(","Value":)" + std::to_string(v) + "}";
}

/// A blue/green request; `extra` goes inside TrafficRoutingConfiguration. The default final bake
/// (600 s) and step bake (60 s) watch the alarms: no bake warning.
std::string bg(const std::string& type, const std::string& extra, int wait = 60, int term = 600,
               int timeout = 3600, const std::string& root_extra = "") {
  return R"({"EndpointName":"ep","EndpointConfigName":"cfg",)" + root_extra +
         R"("DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":")" +
         type + R"(","WaitIntervalInSeconds":)" + std::to_string(wait) + extra +
         R"(},"TerminationWaitInSeconds":)" + std::to_string(term) +
         R"(,"MaximumExecutionTimeoutInSeconds":)" + std::to_string(timeout) + "}," + kAlarms + "}}";
}

std::string canary(const char* t, int v) { return bg("CANARY", R"(,"CanarySize":)" + size(t, v)); }
std::string linear(const char* t, int v) { return bg("LINEAR", R"(,"LinearStepSize":)" + size(t, v)); }

std::string rolling(const std::string& batch, int wait = 60, int timeout = 7200) {
  return R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"RollingUpdatePolicy":{"MaximumBatchSize":)" +
         batch + R"(,"WaitIntervalInSeconds":)" + std::to_string(wait) +
         R"(,"MaximumExecutionTimeoutInSeconds":)" + std::to_string(timeout) + "}," + kAlarms + "}}";
}

/// One variant "AllTraffic" running n_now now, n_config in the new config.
FleetContext fleet_of(int n_config, int n_now = 4) {
  FleetContext f;
  f.endpoint_known = true;
  f.new_config_known = true;
  f.variants.push_back(FleetVariant{"AllTraffic", n_now, n_config, true, true, false});
  return f;
}

struct Row {
  const char* rule;
  std::string request;
  std::optional<FleetContext> fleet;
  std::string code;  ///< expected code
  std::string path;  ///< expected path
  bool present;      ///< true: that diagnostic must be there; false: no diagnostic with that code
};

}  // namespace

TEST_CASE("documented rules: one row per rule and boundary") {
  const FleetContext two_variants = [] {
    FleetContext f = fleet_of(4);
    f.variants.push_back(FleetVariant{"Challenger", std::nullopt, 2, false, true, false});
    return f;
  }();
  const FleetContext serverless = [] {
    FleetContext f = fleet_of(0);
    f.variants[0].config_count.reset();
    f.variants[0].serverless = true;
    return f;
  }();
  const std::vector<Row> rows = {
      {"one update policy",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"ALL_AT_ONCE","WaitIntervalInSeconds":0}},"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":10},"WaitIntervalInSeconds":0}}})",
       {}, "E_ONE_POLICY", "DeploymentConfig", true},
      {"CANARY needs CanarySize", bg("CANARY", ""), {}, "E_REQUIRED", kTrc + ".CanarySize", true},
      {"LINEAR needs LinearStepSize", bg("LINEAR", ""), {}, "E_REQUIRED", kTrc + ".LinearStepSize", true},
      {"CanarySize only with CANARY", bg("LINEAR", R"(,"CanarySize":)" + size("INSTANCE_COUNT", 1)),
       {}, "E_NOT_ALLOWED", kTrc + ".CanarySize", true},
      {"LinearStepSize only with LINEAR",
       bg("ALL_AT_ONCE", R"(,"LinearStepSize":)" + size("INSTANCE_COUNT", 1)), {}, "E_NOT_ALLOWED",
       kTrc + ".LinearStepSize", true},
      // canary <= 50% of N
      {"canary 5 of 10 instances", canary("INSTANCE_COUNT", 5), fleet_of(10), "E_CANARY_RATIO", "", false},
      {"canary 6 of 10 instances", canary("INSTANCE_COUNT", 6), fleet_of(10), "E_CANARY_RATIO",
       kTrc + ".CanarySize.Value", true},
      {"canary 1 of 1 instance", canary("INSTANCE_COUNT", 1), fleet_of(1), "E_CANARY_RATIO",
       kTrc + ".CanarySize.Value", true},
      {"canary 50%", canary("CAPACITY_PERCENT", 50), {}, "E_CANARY_RATIO", "", false},
      {"canary 51%", canary("CAPACITY_PERCENT", 51), {}, "E_CANARY_RATIO", kTrc + ".CanarySize.Value", true},
      {"canary count without fleet is not checked", canary("INSTANCE_COUNT", 60), {}, "E_CANARY_RATIO", "", false},
      // linear 10..50% of N
      {"linear 1 of 10", linear("INSTANCE_COUNT", 1), fleet_of(10), "E_LINEAR_RATIO", "", false},
      {"linear 1 of 11", linear("INSTANCE_COUNT", 1), fleet_of(11), "E_LINEAR_RATIO",
       kTrc + ".LinearStepSize.Value", true},
      {"linear 5 of 10", linear("INSTANCE_COUNT", 5), fleet_of(10), "E_LINEAR_RATIO", "", false},
      {"linear 6 of 10", linear("INSTANCE_COUNT", 6), fleet_of(10), "E_LINEAR_RATIO",
       kTrc + ".LinearStepSize.Value", true},
      {"linear 9%", linear("CAPACITY_PERCENT", 9), {}, "E_LINEAR_RATIO", kTrc + ".LinearStepSize.Value", true},
      {"linear 10%", linear("CAPACITY_PERCENT", 10), {}, "E_LINEAR_RATIO", "", false},
      {"linear 50%", linear("CAPACITY_PERCENT", 50), {}, "E_LINEAR_RATIO", "", false},
      {"linear 51%", linear("CAPACITY_PERCENT", 51), {}, "E_LINEAR_RATIO", kTrc + ".LinearStepSize.Value", true},
      // rolling batch 5..50% of N
      {"rolling 1 of 20", rolling(size("INSTANCE_COUNT", 1)), fleet_of(20), "E_ROLLING_BATCH_RATIO", "", false},
      {"rolling 1 of 21", rolling(size("INSTANCE_COUNT", 1)), fleet_of(21), "E_ROLLING_BATCH_RATIO",
       kRol + ".MaximumBatchSize.Value", true},
      {"rolling 10 of 20", rolling(size("INSTANCE_COUNT", 10)), fleet_of(20), "E_ROLLING_BATCH_RATIO", "", false},
      {"rolling 11 of 20", rolling(size("INSTANCE_COUNT", 11)), fleet_of(20), "E_ROLLING_BATCH_RATIO",
       kRol + ".MaximumBatchSize.Value", true},
      {"rolling 4%", rolling(size("CAPACITY_PERCENT", 4)), {}, "E_ROLLING_BATCH_RATIO",
       kRol + ".MaximumBatchSize.Value", true},
      {"rolling 5%", rolling(size("CAPACITY_PERCENT", 5)), {}, "E_ROLLING_BATCH_RATIO", "", false},
      // Amendment A4: not a request error; SageMaker falls back (resolve_deployment, which
      // raises E_ROLLING_UNSUPPORTED only under rolling_exclusions=reject: test_fallbacks.cpp).
      {"rolling, two variants", rolling(size("CAPACITY_PERCENT", 50)), two_variants,
       "E_ROLLING_UNSUPPORTED", "", false},
      {"rolling, serverless", rolling(size("CAPACITY_PERCENT", 50)), serverless,
       "E_ROLLING_UNSUPPORTED", "", false},
      {"rolling, one variant", rolling(size("CAPACITY_PERCENT", 50)), fleet_of(4),
       "E_ROLLING_UNSUPPORTED", "", false},
      // retention decides N: RetainAll keeps 4 running (2*3 > 4); excluding the count uses 10.
      {"retained N", bg("CANARY", R"(,"CanarySize":)" + size("INSTANCE_COUNT", 3), 60, 0, 3600,
                        R"("RetainAllVariantProperties":true,)"),
       fleet_of(10, 4), "E_CANARY_RATIO", kTrc + ".CanarySize.Value", true},
      {"excluded count: config N",
       bg("CANARY", R"(,"CanarySize":)" + size("INSTANCE_COUNT", 3), 60, 0, 3600,
          R"("RetainAllVariantProperties":true,"ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredInstanceCount"}],)"),
       fleet_of(10, 4), "E_CANARY_RATIO", "", false},
      // alarms: 1..10, each named
      {"alarm without name",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"AutoRollbackConfiguration":{"Alarms":[{}]}}})",
       {}, "E_REQUIRED", "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName", true},
      {"no alarms in the list",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"AutoRollbackConfiguration":{"Alarms":[]}}})",
       {}, "E_LIST_LENGTH", "DeploymentConfig.AutoRollbackConfiguration.Alarms", true},
      {"eleven alarms",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"},{"AlarmName":"a"}]}}})",
       {}, "E_LIST_LENGTH", "DeploymentConfig.AutoRollbackConfiguration.Alarms", true},
      {"no alarms at all", bg("ALL_AT_ONCE", "").replace(bg("ALL_AT_ONCE", "").find("," + kAlarms), kAlarms.size() + 1, ""),
       {}, "W_NO_ALARMS", "DeploymentConfig.AutoRollbackConfiguration", true},
      // timeout vs waits (warnings: the model says "should")
      {"canary X = W + T", bg("CANARY", R"(,"CanarySize":)" + size("INSTANCE_COUNT", 1), 400, 200, 600),
       {}, "W_TIMEOUT_LE_WAITS", "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds", true},
      {"canary X = W + T + 1", bg("CANARY", R"(,"CanarySize":)" + size("INSTANCE_COUNT", 1), 400, 199, 600),
       {}, "W_TIMEOUT_LE_WAITS", "", false},
      // LINEAR 1 of 10: 10 steps, 9 waits of 300 + T 0 = 2700
      {"linear X = 9W", bg("LINEAR", R"(,"LinearStepSize":)" + size("INSTANCE_COUNT", 1), 300, 0, 2700),
       fleet_of(10), "W_TIMEOUT_LE_WAITS", "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds", true},
      {"linear X = 9W + 1", bg("LINEAR", R"(,"LinearStepSize":)" + size("INSTANCE_COUNT", 1), 300, 0, 2701),
       fleet_of(10), "W_TIMEOUT_LE_WAITS", "", false},
      // ROLLING 1 of 10 (10%): 10 batches x 300 = 3000
      {"rolling X = nW", rolling(size("INSTANCE_COUNT", 1), 300, 3000), fleet_of(10), "W_TIMEOUT_LE_WAITS",
       kRol + ".MaximumExecutionTimeoutInSeconds", true},
      {"rolling X = nW + 1", rolling(size("INSTANCE_COUNT", 1), 300, 3001), fleet_of(10),
       "W_TIMEOUT_LE_WAITS", "", false},
      {"rolling, fleet unknown: X = W", rolling(size("INSTANCE_COUNT", 1), 700, 700), {},
       "W_TIMEOUT_LE_WAITS", kRol + ".MaximumExecutionTimeoutInSeconds", true},
      {"no timeout",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"ALL_AT_ONCE","WaitIntervalInSeconds":0}},)" +
           kAlarms + "}}",
       {}, "W_NO_TIMEOUT", "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds", true},
      {"no DeploymentConfig: no timeout", R"({"EndpointName":"ep","EndpointConfigName":"cfg"})", {},
       "W_NO_TIMEOUT", "DeploymentConfig", true},
      // retention and config flags
      {"exclusions without RetainAll",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredWeight"}]})",
       {}, "W_EXCLUDE_IGNORED", "ExcludeRetainedVariantProperties", true},
      {"exclusions with RetainAll",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","RetainAllVariantProperties":true,"ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredWeight"}]})",
       {}, "W_EXCLUDE_IGNORED", "", false},
      {"DataCaptureConfig exclusion",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","RetainAllVariantProperties":true,"ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredWeight"},{"VariantPropertyType":"DataCaptureConfig"}]})",
       {}, "W_DATA_CAPTURE_UNSUPPORTED", "ExcludeRetainedVariantProperties[1].VariantPropertyType", true},
      {"retained config wins", bg("ALL_AT_ONCE", "", 0, 0, 3600, R"("RetainDeploymentConfig":true,)"), {},
       "W_RETAINED_CONFIG_WINS", "DeploymentConfig", true},
      // bakes against alarms (issue 11): 0 s watches nothing, under 60 s is under one period
      {"canary step bake of 10 s with alarms", bg("CANARY", R"(,"CanarySize":)" + size("INSTANCE_COUNT", 1), 10),
       {}, "W_WAIT_LOOKS_LIKE_MINUTES", kTrc + ".WaitIntervalInSeconds", true},
      {"canary step bake of 60 s: one full period", canary("INSTANCE_COUNT", 1), {},
       "W_WAIT_LOOKS_LIKE_MINUTES", "", false},
      {"final bake of 0 s with alarms", bg("CANARY", R"(,"CanarySize":)" + size("INSTANCE_COUNT", 1), 300, 0),
       {}, "W_ZERO_BAKE_WITH_ALARMS", "DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", true},
      {"final bake absent (0 s) with alarms",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"ALL_AT_ONCE","WaitIntervalInSeconds":600}},)" +
           kAlarms + "}}",
       {}, "W_ZERO_BAKE_WITH_ALARMS", "DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", true},
      {"ALL_AT_ONCE's WaitInterval is no bake", bg("ALL_AT_ONCE", "", 5, 600), {},
       "W_WAIT_LOOKS_LIKE_MINUTES", "", false},
      {"rolling bake of 0 s with alarms", rolling(size("INSTANCE_COUNT", 2), 0), {},
       "W_ZERO_BAKE_WITH_ALARMS", kRol + ".WaitIntervalInSeconds", true},
      {"rolling bake of 30 s with alarms", rolling(size("INSTANCE_COUNT", 2), 30), {},
       "W_WAIT_LOOKS_LIKE_MINUTES", kRol + ".WaitIntervalInSeconds", true},
      {"alarms without an update policy: no bake at all",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{)" + kAlarms + "}}", {},
       "W_ZERO_BAKE_WITH_ALARMS", "DeploymentConfig", true},
      {"no alarms: zero bakes are plain waits",
       R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"INSTANCE_COUNT","Value":2},"WaitIntervalInSeconds":0}}})",
       {}, "W_ZERO_BAKE_WITH_ALARMS", "", false},
      {"the retained config is the one in force", bg("CANARY", R"(,"CanarySize":)" + size("INSTANCE_COUNT", 1), 10, 0, 3600, R"("RetainDeploymentConfig":true,)"),
       {}, "W_ZERO_BAKE_WITH_ALARMS", "", false},
  };
  for (const auto& row : rows) {
    INFO("rule: " << row.rule << "\nrequest: " << row.request);
    const auto ds = validate_request(row.request, Format::json, row.fleet ? &*row.fleet : nullptr, "t");
    INFO(dump(ds));
    bool found = false, any_with_code = false;
    for (const auto& d : ds) {
      if (d.code != row.code) continue;
      any_with_code = true;
      if (d.path == row.path) found = true;
      CHECK(d.severity == (row.code[0] == 'E' ? Severity::error : Severity::warning));
      CHECK(!d.rule.empty());
    }
    if (row.present)
      CHECK(found);
    else
      CHECK(!any_with_code);
  }
}

TEST_CASE("a complete valid request has no diagnostics at all") {
  const auto ds = validate_request(canary("CAPACITY_PERCENT", 10), Format::json, nullptr, "t");
  INFO(dump(ds));
  CHECK(ds.empty());
  const FleetContext f = fleet_of(10);
  CHECK(validate_request(linear("INSTANCE_COUNT", 2), Format::json, &f, "t").empty());
  CHECK(validate_request(rolling(size("INSTANCE_COUNT", 2)), Format::json, &f, "t").empty());
}

TEST_CASE("every problem is reported in one run, errors before warnings") {
  // Four independent problems: a model error, two documented-rule errors, a warning.
  const std::string req =
      R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{
        "BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY","WaitIntervalInSeconds":4000,
          "CanarySize":{"Type":"INSTANCE_COUNT","Value":3}}},
        "RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"INSTANCE_COUNT","Value":1},"WaitIntervalInSeconds":0}}})";
  const FleetContext f = fleet_of(4);
  const auto ds = validate_request(req, Format::json, &f, "t");
  INFO(dump(ds));
  std::vector<std::string> codes;
  for (const auto& d : ds) codes.push_back(d.code);
  CHECK(std::find(codes.begin(), codes.end(), "E_MAX") != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), "E_ONE_POLICY") != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), "E_CANARY_RATIO") != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), "W_NO_ALARMS") != codes.end());
  bool seen_warning = false;
  for (const auto& d : ds) {
    if (d.severity == Severity::warning) seen_warning = true;
    if (seen_warning) CHECK(d.severity == Severity::warning);
  }
}

TEST_CASE("syntax problems are diagnostics with line and column") {
  const auto ds = validate_request("{\n  \"EndpointName\": \"ep\",\n  \"EndpointConfigName\" \"cfg\"\n}",
                                   Format::json, nullptr, "req.json");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_JSON_SYNTAX");
  CHECK(ds[0].rule.find("line 3, column") != std::string::npos);
  CHECK(ds[0].message.find("req.json") != std::string::npos);

  const auto dup = validate_request(
      R"({"EndpointName":"ep","EndpointConfigName":"cfg","DeploymentConfig":{"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"a","AlarmName":"b"}]}}})",
      Format::json, nullptr, "t");
  REQUIRE(!dup.empty());
  CHECK(dup[0].code == "E_DUPLICATE_KEY");
  CHECK(dup[0].path == "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName");
}

TEST_CASE("YAML requests are typed like the AWS CLI reads them") {
  const std::string yaml = R"(EndpointName: ep
EndpointConfigName: "10"
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: ALL_AT_ONCE
      WaitIntervalInSeconds: "10"
    TerminationWaitInSeconds: 600
    MaximumExecutionTimeoutInSeconds: 1800
  AutoRollbackConfiguration:
    Alarms:
    - AlarmName: a
)";
  const auto ds = validate_request(yaml, Format::yaml, nullptr, "r.yaml");
  INFO(dump(ds));
  REQUIRE(ds.size() == 1);  // "10" quoted is a string where an integer is needed
  CHECK(ds[0].code == "E_TYPE");
  CHECK(ds[0].path == kTrc + ".WaitIntervalInSeconds");
}
