// Input assembly (shiftsim/run_inputs.hpp): timing precedence, prices, alarms and false-trip
// rates merged, the timing model's defaults, missing documents, and messages that name the
// caller's inputs only as the caller names them. Expected values are computed by hand from the
// scenario below and the shipped tables (prices-us-east-1.csv: ml.m5.xlarge $0.23/h; the cpu
// timing profile: provision p50 240 s / p95 480 s, terminate 60 / 120 s, activation 15 s).
#include "input_problems.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/run_inputs.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace shiftsim;

namespace {

/// 4 x ml.m5.xlarge -> 6 x ml.m5.2xlarge, CANARY 25%, alarm churn-prod-5xx; `extra` is spliced
/// into the top-level object.
std::string scenario_json(const std::string& extra) {
  return R"({
  "endpoint": {"EndpointName": "churn-prod", "EndpointConfigName": "churn-v1",
    "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentInstanceCount": 4,
                            "DesiredInstanceCount": 4, "CurrentWeight": 1.0}],
    "EndpointStatus": "InService", "CreationTime": "2024-05-01T10:00:00Z",
    "LastModifiedTime": "2024-05-01T10:00:00Z"},
  "current_config": {"EndpointConfigName": "churn-v1", "CreationTime": "2024-05-01T10:00:00Z",
    "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": "m1",
      "InitialInstanceCount": 4, "InstanceType": "ml.m5.xlarge"}]},
  "new_config": {"EndpointConfigName": "churn-v2", "CreationTime": "2024-05-02T10:00:00Z",
    "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": "m2",
      "InitialInstanceCount": 6, "InstanceType": "ml.m5.2xlarge"}]},
  "request": {"EndpointName": "churn-prod", "EndpointConfigName": "churn-v2",
    "DeploymentConfig": {
      "BlueGreenUpdatePolicy": {
        "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 600,
                                        "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 25}},
        "TerminationWaitInSeconds": 300, "MaximumExecutionTimeoutInSeconds": 3600},
      "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "churn-prod-5xx"}]}}})" +
         extra + "}";
}

RunSources planning_sources(const std::string& extra) {
  Diagnostics errors;
  const PlanningScenario p = parse_planning_scenario(scenario_json(extra), "s.json", errors);
  REQUIRE(errors.empty());
  RunSources s;
  s.scenario = p.scenario;
  s.scenario_name = "s.json";
  s.model_members = p.model_members;
  return s;
}

Diagnostics errors_of(const RunSources& s, Diagnostics before = {}) {
  return test::problems([&] { (void)assemble_run_inputs(s, std::move(before)); });
}

}  // namespace

TEST_CASE("timing precedence: profile < scenario timing < scenario assume < overrides in order",
          "[run_inputs]") {
  RunSources s = planning_sources(
      R"(, "timing": {"terminate_s": 20}, "assume": {"terminate_s": "30", "rounding": "round"})");
  s.overrides = {{"provision_s", "150", "first"}, {"provision_s", "175.5", "second"}};
  const RunInputs r = assemble_run_inputs(s);
  CHECK(r.timing.timing.provision == 175'500);  // the last override wins
  CHECK(r.timing.provision.source == TimingSource::override_value);
  CHECK(r.timing.provision.override_index == 1);
  CHECK(r.timing.timing.terminate == 30'000);  // scenario assume over scenario timing
  CHECK(r.timing.terminate.source == TimingSource::scenario_assume);
  CHECK(r.timing.timing.activation == 15'000);  // the cpu profile
  CHECK(r.timing.activation.source == TimingSource::profile);
  CHECK(r.timing.assumptions.rounding == Rounding::round);
  CHECK(r.built.input.timing.provision == 175'500);
  // Times set by assumptions are fixed in the timing model.
  CHECK(r.model.provision.kind == DurationDist::Kind::fixed);
  CHECK(r.model.provision.fixed == 175'500);
  CHECK(r.model.terminate.fixed == 30'000);
  CHECK(std::string(to_string(TimingSource::scenario_distribution)) == "scenario distribution");
}

TEST_CASE("a scenario distribution counts by its median, unless an override replaces it",
          "[run_inputs]") {
  const std::string timing =
      R"(, "timing": {"provision_s": {"distribution": "lognormal", "p50": 300, "p95": 900}})";
  // Read as simulate reads a scenario (the parser keeps the distribution) ...
  RunSources s;
  s.scenario = parse_scenario(scenario_json(timing), "s.json");
  RunInputs r = assemble_run_inputs(s);
  CHECK(r.timing.timing.provision == 300'000);
  CHECK(r.timing.provision.source == TimingSource::scenario_distribution);
  REQUIRE(r.timing.distribution_notes.size() == 1);
  CHECK(r.timing.distribution_notes[0].name == "provision_s_distribution");
  CHECK(r.model.provision.kind == DurationDist::Kind::lognormal);
  CHECK(r.model.provision.p50_s == 300.0);
  CHECK(r.model.provision.p95_s == 900.0);
  // ... and as the planning commands do (the members split off): the same model.
  const RunInputs planning = assemble_run_inputs(planning_sources(timing));
  CHECK(planning.timing.timing.provision == 300'000);
  CHECK(planning.model.provision == r.model.provision);

  s.overrides = {{"provision_s", "200", "flag"}};
  r = assemble_run_inputs(s);
  CHECK(r.model.provision.kind == DurationDist::Kind::fixed);
  CHECK(r.model.provision.fixed == 200'000);
}

TEST_CASE("prices, quota and alarm timings merge, false-trip rates combine", "[run_inputs]") {
  // Global 0.1 per bake; the config's alarm 0.2; an alarm the config does not name (0.5) is
  // unused: P(some alarm trips in a bake) = 1 - 0.9 x 0.8 = 0.28.
  RunSources s = planning_sources(R"(, "prices": {"ml.m5.2xlarge": 0.5}, "quota": {"instances": 9},
    "alarms": {"false_trip_per_bake": 0.1,
               "churn-prod-5xx": {"period_s": 60, "evaluation_periods": 3, "false_trip_per_bake": 0.2},
               "other": {"period_s": 60, "evaluation_periods": 1, "false_trip_per_bake": 0.5}})");
  const RunInputs r = assemble_run_inputs(s);
  const SimulationInput& in = r.built.input;
  CHECK(in.prices.at("ml.m5.2xlarge") == 0.5);   // the scenario's
  CHECK(in.prices.at("ml.m5.xlarge") == 0.23);   // the shipped table's
  CHECK(in.instance_quota == 9);
  REQUIRE(in.policy.alarms.size() == 1);
  CHECK(in.policy.alarms[0].time_to_alarm == seconds(180));  // 60 s x 3
  REQUIRE(r.built.alarm_warnings.size() == 1);
  CHECK(r.built.alarm_warnings[0].code == warning_code::scenario_alarm_unused);
  CHECK(r.built.alarm_warnings[0].path == "alarms.other");
  CHECK(r.built.alarm_false_trip_per_bake == Approx(0.2));
  CHECK(r.model.false_trip_per_bake == Approx(0.28));
  CHECK(r.built.endpoint_name == "churn-prod");
  REQUIRE(in.variants.size() == 1);
  CHECK(in.variants[0].n_old == 4);
  CHECK(in.variants[0].n_new == 6);
  CHECK(in.policy.strategy == Strategy::canary);
}

TEST_CASE("a time given nowhere follows each instance type's profile in the timing model",
          "[run_inputs]") {
  const RunInputs r = assemble_run_inputs(planning_sources(""));
  CHECK(r.timing.timing.provision == 240'000);  // cpu profile p50
  CHECK(r.timing.timing.terminate == 60'000);
  for (const char* type : {"ml.m5.xlarge", "ml.m5.2xlarge"}) {
    const DurationDist& d = r.model.provision_by_type.at(type);
    CHECK(d.kind == DurationDist::Kind::lognormal);
    CHECK(d.p50_s == 240.0);
    CHECK(d.p95_s == 480.0);
    CHECK(d.per_instance);
  }
  CHECK(r.model.terminate.kind == DurationDist::Kind::lognormal);
  CHECK(r.model.terminate.p50_s == 60.0);
  CHECK(r.model.terminate.p95_s == 120.0);
  for (const char* type : {"ml.m5.xlarge", "ml.m5.2xlarge"}) {
    const DurationDist& d = r.model.terminate_by_type.at(type);  // each fleet by its own type
    CHECK(d.p50_s == 60.0);
    CHECK(d.p95_s == 120.0);
  }
}

TEST_CASE("missing documents are named with the caller's hints, after the caller's errors",
          "[run_inputs]") {
  RunSources none;
  none.hints.request = "say --request";
  const Diagnostics no_request = errors_of(none);
  REQUIRE(no_request.size() == 1);
  CHECK(no_request[0].code == error_code::required);
  CHECK(no_request[0].path == "request");
  CHECK(no_request[0].message == "no UpdateEndpoint request: say --request");

  RunSources no_fleet;
  no_fleet.given.request_given = true;
  no_fleet.given.request_json = R"({"EndpointName": "e", "EndpointConfigName": "c"})";
  no_fleet.hints.fleet = "say --endpoint";
  const Diagnostics ds = errors_of(no_fleet, {error_diagnostic("E_X", "flag", "", "", "first")});
  REQUIRE(ds.size() >= 2);
  CHECK(ds[0].message == "first");
  CHECK(ds[1].path == "endpoint");
  CHECK(ds[1].message == "no fleet to simulate: say --endpoint");
}

TEST_CASE("assumption problems are reported at the override's path, in engine words",
          "[run_inputs]") {
  RunSources s = planning_sources(R"(, "assume": {"billing": "free"})");
  s.overrides = {{"rounding", "sideways", "--assume rounding"}, {"nope", "1", "somewhere"}};
  const Diagnostics ds = errors_of(s);
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].path == "assume.billing");
  CHECK(ds[1].code == error_code::assumption);
  CHECK(ds[1].path == "--assume rounding");
  CHECK(ds[1].message == "rounding=sideways: rounding must be one of: ceil, round, floor");
  CHECK(ds[2].path == "somewhere");
  for (const auto& d : ds) CHECK(d.message.find("--") == std::string::npos);
}

TEST_CASE("a document given directly replaces the scenario's", "[run_inputs]") {
  RunSources s = planning_sources("");
  s.given.request_given = true;
  s.given.request_json = R"({"EndpointName": "churn-prod", "EndpointConfigName": "churn-v2"})";
  const RunInputs r = assemble_run_inputs(s);
  REQUIRE_FALSE(r.docs.warnings.empty());
  CHECK(r.docs.warnings.back().code == warning_code::scenario_request_replaced);
  CHECK(r.built.input.policy.strategy == Strategy::all_at_once);  // no DeploymentConfig given
}

TEST_CASE("the planning scenario's members are split off, the rest is a scenario",
          "[run_inputs]") {
  Diagnostics errors;
  const PlanningScenario p = parse_planning_scenario(
      "question: q\ncapacity: {retry_probability: 0.5, retry_delay_s: 10}\n"
      "bad_version: {detection_delay_s: 30}\n"
      "timing: {provision_s: {distribution: lognormal, p50: 100, p95: 200}}\n",
      "s.yaml", errors);
  REQUIRE(errors.empty());
  REQUIRE(p.scenario);
  CHECK(p.scenario->question == "q");
  CHECK(p.scenario->timing.provision->value == 100'000);
  CHECK(p.model_members.find("\"capacity\"") != std::string::npos);
  CHECK(p.model_members.find("\"bad_version\"") != std::string::npos);
  CHECK(p.model_members.find("\"lognormal\"") != std::string::npos);

  const PlanningScenario bad = parse_planning_scenario("[1, 2", "b.json", errors);
  CHECK_FALSE(bad.scenario);
  CHECK_FALSE(errors.empty());
}

TEST_CASE("Inf1 falls back to ALL_AT_ONCE as a structured fact", "[run_inputs]") {
  std::string text = scenario_json("");
  text.replace(text.find("ml.m5.2xlarge"), 13, "ml.inf1.xlarge");
  Diagnostics errors;
  const PlanningScenario p = parse_planning_scenario(text, "inf1.json", errors);
  RunSources s;
  s.scenario = p.scenario;
  s.model_members = p.model_members;
  const RunInputs r = assemble_run_inputs(s);
  CHECK(r.built.falls_back_to_all_at_once);
  CHECK(r.built.input.policy.strategy == Strategy::all_at_once);
  CHECK_FALSE(assemble_run_inputs(planning_sources("")).built.falls_back_to_all_at_once);
}

TEST_CASE("documents that disagree, or a scenario document of the wrong kind, are refused with "
          "where each came from (amendment A7)",
          "[run_inputs][A7]") {
  SECTION("a given new config that is not the request's: E_MISMATCH naming both sources") {
    RunSources s = planning_sources("");
    s.given.new_config = aws::DescribeEndpointConfig{};
    s.given.new_config->endpoint_config_name = "churn-v3";
    s.given.new_config->production_variants.push_back(
        aws::ConfigVariant{"AllTraffic", "ml.m5.xlarge", 6, 1.0, false, false});
    s.given.new_config_source = "NEW-CONFIG-PLACE";
    const Diagnostics ds = errors_of(s);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].code == error_code::mismatch);
    CHECK(ds[0].message ==
          "EndpointConfigName is \"churn-v2\" in the request (s.json (request)) but \"churn-v3\" "
          "in the new config's describe-endpoint-config (NEW-CONFIG-PLACE): the new config given "
          "is not the one the request deploys");
  }
  SECTION("the scenario's endpoint: holding a config: E_WRONG_DOCUMENT naming the scenario keys") {
    const RunSources s = planning_sources("");
    RunSources wrong = s;
    wrong.scenario->endpoint_json = wrong.scenario->current_config_json;
    const Diagnostics ds = errors_of(wrong);
    REQUIRE(!ds.empty());
    CHECK(ds[0].code == error_code::wrong_document);
    CHECK(ds[0].path == "endpoint");
    CHECK(ds[0].message.find("s.json (endpoint) looks like `aws sagemaker describe-endpoint-config` "
                             "output") != std::string::npos);
    CHECK(ds[0].message.find("give it with current_config: (the config the endpoint runs now) or "
                             "new_config: (the config the request deploys) in the scenario") !=
          std::string::npos);
  }
  SECTION("an endpoint that is Updating: simulated, with W_ENDPOINT_NOT_IN_SERVICE") {
    RunSources s = planning_sources("");
    auto& ep = *s.scenario->endpoint_json;
    ep.replace(ep.find("InService"), 9, "Updating");
    const RunInputs r = assemble_run_inputs(s);
    bool warned = false;
    for (const auto& w : r.docs.warnings) warned = warned || w.code == warning_code::endpoint_not_in_service;
    CHECK(warned);
  }
}
