// A fleet record and the fleet's defaults as the engine's inputs (shiftsim/fleet_input.hpp):
// the defaults' scenario with the record's merged over it (RFC 7386), the request template
// completed with the endpoint's names, and the defaults file's refusals. Values are checked on
// the assembled SimulationInput, against the numbers written in the documents below.
#include "input_problems.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/fleet_input.hpp"
#include "shiftsim/run_inputs.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace shiftsim;
namespace fs = std::filesystem;

namespace {

const char* kEndpoint = R"({"EndpointName": "ep-a", "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep-a",
  "EndpointConfigName": "ep-a-v1", "EndpointStatus": "InService",
  "CreationTime": "2024-01-02T10:00:00+00:00", "LastModifiedTime": "2024-01-02T10:00:00+00:00",
  "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentWeight": 1.0, "DesiredWeight": 1.0,
                          "CurrentInstanceCount": 4, "DesiredInstanceCount": 4}]})";

std::string config(const std::string& name) {
  return fmt::format(R"({{"EndpointConfigName": "{}", "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/{}",
  "CreationTime": "2024-01-02T10:00:00+00:00",
  "ProductionVariants": [{{"VariantName": "AllTraffic", "ModelName": "m", "InitialInstanceCount": 4,
                          "InstanceType": "ml.m5.xlarge", "InitialVariantWeight": 1.0}}]}})",
                     name, name);
}

FleetRecord record() {
  FleetRecord r;
  r.name = "ep-a";
  r.source = "fleet/ep-a";
  r.endpoint = kEndpoint;
  r.current_config = config("ep-a-v1");
  r.new_config = config("ep-a-v2");
  return r;
}

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / fmt::format("shiftsim-{}-{}", ::getpid(), name);
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST_CASE("a record's scenario is merged over the defaults' and the request is completed",
          "[fleet]") {
  FleetDefaults d;
  d.source = "fleet-defaults.json";
  d.scenario = R"({"timing": {"provision_s": 200, "terminate_s": 60}, "prices": {"ml.m5.xlarge": 0.5}})";
  d.request = R"({"DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration":
      {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 300}, "TerminationWaitInSeconds": 120}}})";
  FleetRecord r = record();
  r.scenario = R"({"timing": {"terminate_s": 90}})";
  r.scenario_name = "fleet/ep-a/scenario.json";
  Diagnostics errors;
  const RunSources s = fleet_run_sources(r, d, errors);
  for (const auto& e : errors) INFO(e.code << " " << e.path << " " << e.message);
  REQUIRE(errors.empty());
  const RunInputs in = assemble_run_inputs(s);
  CHECK(in.timing.timing.provision == seconds(200));  // the defaults'
  CHECK(in.timing.timing.terminate == seconds(90));   // the record's replaces it
  CHECK(in.built.input.prices.at("ml.m5.xlarge") == 0.5);
  CHECK(in.built.request.endpoint_name == "ep-a");
  CHECK(in.built.request.endpoint_config_name == "ep-a-v2");  // the new config's
  REQUIRE(in.built.request.deployment_config.has_value());
  CHECK(in.built.input.policy.strategy == Strategy::all_at_once);
}

TEST_CASE("a record's own request is used as given", "[fleet]") {
  FleetRecord r = record();
  r.request = R"({"EndpointName": "ep-a", "EndpointConfigName": "ep-a-v2", "DeploymentConfig":
    {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY",
     "WaitIntervalInSeconds": 600, "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}}}}})";
  Diagnostics errors;
  const RunInputs in = assemble_run_inputs(fleet_run_sources(r, FleetDefaults{}, errors));
  CHECK(in.built.input.policy.strategy == Strategy::canary);
}

TEST_CASE("a record's bad document is reported at its file, for its error record", "[fleet]") {
  FleetRecord r = record();
  r.new_config = R"({"EndpointConfigName": 42})";
  Diagnostics errors;
  (void)fleet_run_sources(r, FleetDefaults{}, errors);
  const auto type_error = std::find_if(errors.begin(), errors.end(), [](const Diagnostic& d) {
    return d.code == error_code::type && d.path == "EndpointConfigName";
  });
  REQUIRE(type_error != errors.end());
  CHECK(type_error->message.find("fleet/ep-a/new-config.json") != std::string::npos);
}

TEST_CASE("the defaults file: options in order, scoped options, refusals at their member",
          "[fleet]") {
  const auto ok = write_temp("defaults.json", R"({"schema": "shiftsim.fleet-defaults/v1",
    "options": {"trials": 500, "allow-escape": true, "plan": {"max-duration": 7200}}})");
  const FleetDefaults d = read_fleet_defaults(ok);
  REQUIRE(d.options.size() == 3);
  CHECK((d.options[0].scope.empty() && d.options[0].name == "trials" && d.options[0].value == "500"));
  CHECK((d.options[1].name == "allow-escape" && d.options[1].value == "true"));
  CHECK((d.options[2].scope == "plan" && d.options[2].name == "max-duration" &&
         d.options[2].value == "7200"));
  const auto bad =
      write_temp("bad.json", R"({"schema": "v0", "option": {}, "options": {"x": [1, {}]}})");
  const Diagnostics ds = test::problems([&] { (void)read_fleet_defaults(bad); });
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].code == error_code::enum_value);
  CHECK(ds[1].code == error_code::unknown_member);
  CHECK(ds[2].code == error_code::type);
  CHECK(ds[2].path == bad.string() + ":options.x[1]");
  for (const auto& problem : ds)  // the path is said once: the diagnostic's
    CHECK(problem.message.find(bad.string()) == std::string::npos);
  fs::remove(ok);
  fs::remove(bad);
}

TEST_CASE("the defaults file: an array gives its flag once per element, each at its own path",
          "[fleet]") {
  const auto f = write_temp("listed.json", R"({"schema": "shiftsim.fleet-defaults/v1",
    "options": {"price": ["ml.m5.xlarge=0.5", "ml.c5.2xlarge=1"], "resume": false,
                "plan": {"price": ["ml.g5.2xlarge=2"], "trials": 9}}})");
  const FleetDefaults d = read_fleet_defaults(f);
  const std::string at = f.string() + ":options.";
  REQUIRE(d.options.size() == 5);
  CHECK((d.options[0].name == "price" && d.options[0].value == "ml.m5.xlarge=0.5" &&
         d.options[0].path == at + "price[0]" && d.options[0].listed && !d.options[0].boolean));
  CHECK((d.options[1].value == "ml.c5.2xlarge=1" && d.options[1].path == at + "price[1]"));
  CHECK((d.options[2].name == "resume" && d.options[2].value == "false" &&
         d.options[2].boolean && !d.options[2].listed && d.options[2].path == at + "resume"));
  CHECK((d.options[3].scope == "plan" && d.options[3].path == at + "plan.price[0]" &&
         d.options[3].listed));
  CHECK((d.options[4].scope == "plan" && d.options[4].value == "9" && !d.options[4].listed &&
         d.options[4].path == at + "plan.trials"));
  fs::remove(f);
}

namespace {
/// A JSON Lines record named `name` whose endpoint document is arrays `levels` deep.
std::string nested_record(const std::string& name, std::size_t levels) {
  return R"({"name": ")" + name + R"(", "endpoint": )" + std::string(levels, '[') +
         std::string(levels, ']') + "}\n";
}
}  // namespace

TEST_CASE("a JSON Lines record nests its object and 64 levels of documents, no deeper, "
          "refused at its line without building it",
          "[fleet]") {
  // The line's object is level 1, so a document of 64 levels (parse_tree()'s own limit) fits.
  const auto ok = write_temp("ok.jsonl", nested_record("ep-a", 64));
  const FleetIndex index = index_fleet(ok);
  REQUIRE(index.names == std::vector<std::string>{"ep-a"});
  int seen = 0;
  for_each_fleet_record(index, [](const std::string&) { return true; },
                        [&](const FleetRecord& r) {
                          ++seen;
                          CHECK(r.endpoint == std::string(64, '[') + std::string(64, ']'));
                        });
  CHECK(seen == 1);
  // 65 levels, and a million (which a recursive reader or writer would overflow the stack on).
  const auto bad = write_temp("bad.jsonl", nested_record("ep-a", 64) + nested_record("ep-b", 65) +
                                               nested_record("ep-c", 1'000'000));
  const Diagnostics ds = test::problems([&] { (void)index_fleet(bad); });
  REQUIRE(ds.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(ds[i].code == error_code::depth);
    CHECK(ds[i].path == fmt::format("{}:{}", bad.string(), i + 2));
  }
  fs::remove(ok);
  fs::remove(bad);
}
