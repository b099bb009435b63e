// Scenario files: YAML or JSON, every problem reported at once with its path.
#include "input_problems.hpp"

#include "shiftsim/scenario.hpp"
#include "shiftsim/timing_profile.hpp"

#include <catch2/catch.hpp>

#include <string>

using shiftsim::InputError;
using shiftsim::test::has;
using shiftsim::parse_scenario;
using shiftsim::Trip;

namespace {
/// The diagnostics of a scenario that must fail.
shiftsim::Diagnostics errors_of(const std::string& text, const std::string& origin = "s.yaml") {
  INFO("scenario: " << text);
  return shiftsim::test::problems([&] { (void)parse_scenario(text, origin); });
}
}  // namespace

TEST_CASE("a YAML scenario with every section", "[scenario]") {
  const auto s = parse_scenario(R"(
question: "What does a 10% canary cost?"
timing: {provision_s: 330, terminate_s: 60.5, activation_s: 0.0015}
prices: {ml.g5.xlarge: 1.41, "ml.new.type": 2}
quota: {instances: 40}
alarms:
  p99-latency: {period_s: 60, evaluation_periods: 3}
  errors: {period_s: 30, evaluation_periods: 2, datapoints_to_alarm: 2, false_trip_per_bake: 0.01}
trip: {bake: 2}
assume: {rounding: round, alarms_outside_bake: true}
request:
  EndpointName: my-endpoint
  EndpointConfigName: "cfg-2"
  RetainAllVariantProperties: false
)",
                                "s.yaml");
  CHECK(s.question == "What does a 10% canary cost?");
  REQUIRE(s.timing.provision);
  CHECK(s.timing.provision->value == 330000);
  CHECK(!s.timing.provision->distribution);
  CHECK(s.timing.terminate->value == 60500);
  CHECK(s.timing.activation->value == 2);  // 1.5 ms rounds to 2 ms
  CHECK(s.prices.at("ml.g5.xlarge") == 1.41);
  CHECK(s.prices.at("ml.new.type") == 2.0);
  CHECK(s.instance_quota == 40);
  REQUIRE(s.alarms.size() == 2);
  CHECK(s.alarms[0].name == "p99-latency");
  CHECK(s.alarms[0].time_to_alarm() == 180000);
  CHECK(s.alarms[1].false_trip_per_bake == 0.01);
  CHECK(s.alarms[1].datapoints_to_alarm == 2);
  REQUIRE(s.trip);
  CHECK(s.trip->kind == Trip::Kind::at_bake);
  CHECK(s.trip->bake == 2);
  REQUIRE(s.assume.size() == 2);
  CHECK(s.assume[0] == std::pair<std::string, std::string>{"rounding", "round"});
  CHECK(s.assume[1] == std::pair<std::string, std::string>{"alarms_outside_bake", "true"});
  REQUIRE(s.request_json);
  // Embedded shapes keep key order and YAML typing: quoted strings stay strings, false a boolean.
  CHECK(*s.request_json ==
        R"({"EndpointName":"my-endpoint","EndpointConfigName":"cfg-2","RetainAllVariantProperties":false})");
  CHECK(!s.endpoint_json);
}

TEST_CASE("JSON scenarios and trips", "[scenario]") {
  const auto a = parse_scenario(R"({"trip": {"at_s": 1000.25}, "timing": {"provision_s": 300}})",
                                "a.json");
  REQUIRE(a.trip);
  CHECK(a.trip->kind == Trip::Kind::at_time);
  CHECK(a.trip->at == 1000250);
  const auto b = parse_scenario(R"({"trip": null})", "b.json");
  REQUIRE(b.trip);
  CHECK(b.trip->kind == Trip::Kind::none);
  const auto c = parse_scenario("question: none\n", "c.yaml");
  CHECK(!c.trip);
  CHECK(c.question == "none");
  // Content decides when the name says nothing.
  const auto d = parse_scenario(R"({"quota": {"instances": 3}})", "scenario");
  CHECK(d.instance_quota == 3);
}

TEST_CASE("a distribution timing keeps its object and uses p50", "[scenario]") {
  const auto s = parse_scenario(
      "timing:\n  provision_s: {distribution: lognormal, p50: 300, p95: 600, per: instance}\n",
      "s.yaml");
  REQUIRE(s.timing.provision);
  CHECK(s.timing.provision->value == 300000);
  REQUIRE(s.timing.provision->distribution);
  const auto& d = *s.timing.provision->distribution;
  CHECK(d.kind == "lognormal");
  CHECK(d.p95 == 600000);
  CHECK(d.per == "instance");
  CHECK(d.json == R"({"distribution":"lognormal","p50":300,"p95":600,"per":"instance"})");
}

TEST_CASE("every problem of a scenario is reported with its path", "[scenario]") {
  const auto ds = errors_of(R"(
timing: {provision_s: -1, terminate_s: .nan, activation_s: 1e9, extra: 1}
prices: {ml.g5.xlarge: "cheap", ml.m5.large: -2}
quota: {instances: 0}
alarms: {p99: {period_s: "60", evaluation_periods: 1.5}}
trip: {bake: 0}
colour: blue
question: "two\nlines"
request: [1, 2]
)");
  CHECK(has(ds, "E_RANGE", "timing.provision_s"));
  CHECK(has(ds, "E_RANGE", "timing.terminate_s"));
  CHECK(has(ds, "E_RANGE", "timing.activation_s"));
  CHECK(has(ds, "E_UNKNOWN_MEMBER", "timing.extra"));
  CHECK(has(ds, "E_TYPE", "prices[\"ml.g5.xlarge\"]"));
  CHECK(has(ds, "E_RANGE", "prices[\"ml.m5.large\"]"));
  CHECK(has(ds, "E_RANGE", "quota.instances"));
  CHECK(has(ds, "E_TYPE", "alarms.p99.period_s"));
  CHECK(has(ds, "E_TYPE", "alarms.p99.evaluation_periods"));
  CHECK(has(ds, "E_RANGE", "trip.bake"));
  CHECK(has(ds, "E_UNKNOWN_MEMBER", "colour"));
  CHECK(has(ds, "E_PATTERN", "question"));
  CHECK(has(ds, "E_TYPE", "request"));
  CHECK(ds.size() == 13);
}

TEST_CASE("a trip names exactly one kind, distributions need p50", "[scenario]") {
  CHECK(has(errors_of("trip: {bake: 1, at_s: 3}\n"), "E_ONE_OF", "trip"));
  CHECK(has(errors_of("trip: {}\n"), "E_ONE_OF", "trip"));
  CHECK(has(errors_of("trip: {bake: true}\n"), "E_TYPE", "trip.bake"));
  const auto ds = errors_of("timing: {provision_s: {distribution: lognormal, p95: 5, per: x}}\n");
  CHECK(has(ds, "E_REQUIRED", "timing.provision_s.p50"));
  CHECK(has(ds, "E_ENUM", "timing.provision_s.per"));
}

TEST_CASE("syntax errors name the format, line and column", "[scenario]") {
  auto ds = errors_of("{\"timing\": {\"provision_s\": 300,}}", "bad.json");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_JSON_SYNTAX");
  // `}` after the comma is byte 32 of line 1.
  CHECK(ds[0].message.find("line 1, column 32") != std::string::npos);
  CHECK(ds[0].message.find("bad.json") != std::string::npos);
  ds = errors_of("timing: {provision_s: 300\nprices: [\n", "bad.yaml");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_YAML_SYNTAX");
  // A .json file gets JSON errors even for text YAML would accept.
  ds = errors_of("timing: {provision_s: 300}\n", "x.json");
  CHECK(ds[0].code == "E_JSON_SYNTAX");
  ds = errors_of("a: 1\na: 2\n", "dup.yaml");
  CHECK(has(ds, "E_DUPLICATE_KEY", "a"));
}

TEST_CASE("seconds become milliseconds", "[scenario]") {
  CHECK(shiftsim::seconds_to_simtime(0.0) == 0);
  CHECK(shiftsim::seconds_to_simtime(1.0004) == 1000);
  CHECK(shiftsim::seconds_to_simtime(1.0006) == 1001);
  CHECK(shiftsim::seconds_to_simtime(86400.0) == 86400000);
  CHECK(!shiftsim::seconds_to_simtime(86400.5));
  CHECK(!shiftsim::seconds_to_simtime(-0.001));
}

TEST_CASE("default timing per instance family (timing-facts section 4)", "[scenario]") {
  using shiftsim::seconds;
  using shiftsim::timing_profile_for;
  CHECK(timing_profile_for("ml.m5.xlarge").family == "cpu");
  CHECK(timing_profile_for("ml.m5.xlarge").timing.provision == seconds(240));
  CHECK(timing_profile_for("ml.m5.xlarge").timing.terminate == seconds(60));
  CHECK(timing_profile_for("ml.m5.xlarge").timing.activation == seconds(15));
  CHECK(timing_profile_for("ml.g5.2xlarge").family == "gpu-small");
  CHECK(timing_profile_for("ml.g5.2xlarge").timing.provision == seconds(330));
  CHECK(timing_profile_for("ml.p3.2xlarge").family == "gpu-small");
  CHECK(timing_profile_for("ml.g5.12xlarge").family == "gpu-multi");
  CHECK(timing_profile_for("ml.g5.12xlarge").timing.provision == seconds(450));
  CHECK(timing_profile_for("ml.g5.12xlarge").timing.terminate == seconds(90));
  CHECK(timing_profile_for("ml.g4dn.16xlarge").family == "gpu-small");  // one T4
  CHECK(timing_profile_for("ml.p4d.24xlarge").family == "gpu-large");
  CHECK(timing_profile_for("ml.p5.48xlarge").timing.provision == seconds(600));
  CHECK(timing_profile_for("ml.inf1.xlarge").family == "neuron");
  CHECK(timing_profile_for("ml.inf2.8xlarge").timing.provision == seconds(420));
  CHECK(timing_profile_for("").family == "cpu");
  // Several new fleets: the slowest paces the lock-step update.
  CHECK(shiftsim::default_timing_profile({"ml.m5.xlarge", "ml.g5.12xlarge", "ml.g5.xlarge"}).family ==
        "gpu-multi");
}

TEST_CASE("deep nesting and unreadable files are input errors", "[scenario]") {
  const std::string deep_json = "{\"request\": " + std::string(10000, '[') + std::string(10000, ']') + "}";
  auto ds = errors_of(deep_json, "deep.json");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_DEPTH");
  std::string deep_yaml = "request: ";
  for (int i = 0; i < 100; ++i) deep_yaml += "[";
  for (int i = 0; i < 100; ++i) deep_yaml += "]";
  ds = errors_of(deep_yaml + "\n", "deep.yaml");
  REQUIRE(!ds.empty());
  CHECK(ds[0].code == "E_DEPTH");
  shiftsim::Diagnostics errs;
  (void)shiftsim::load_scenario(SHIFTSIM_SOURCE_DIR "/scenarios", errs);  // a directory
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].code == "E_FILE");
  CHECK_THROWS_AS(shiftsim::load_scenario(SHIFTSIM_SOURCE_DIR "/no-such-file.yaml"), InputError);
}

TEST_CASE("problems are listed in document order", "[scenario]") {
  const auto ds = errors_of("bogus: 1\ntiming: {provision_s: -1}\nzzz: 2\n");
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].path == "bogus");
  CHECK(ds[1].path == "timing.provision_s");
  CHECK(ds[2].path == "zzz");
  // Messages do not repeat the path (the renderer prints it beside the message).
  CHECK(ds[1].message.rfind("timing.provision_s", 0) != 0);
}

TEST_CASE("every gallery scenario parses and embeds all four AWS documents", "[scenario]") {
  for (const char* name : {"gpu-llm-canary", "cpu-40-linear", "rolling-100-rollback-batch",
                           "rolling-timeout-too-short", "blue-green-two-variants",
                           "retain-autoscaled", "all-at-once-no-alarms", "inf1-fallback"}) {
    INFO(name);
    const auto s = shiftsim::load_scenario(std::string(SHIFTSIM_SOURCE_DIR "/scenarios/") + name +
                                           ".yaml");
    CHECK(!s.question.empty());
    CHECK(s.question.find('\n') == std::string::npos);
    CHECK(s.endpoint_json);
    CHECK(s.current_config_json);
    CHECK(s.new_config_json);
    CHECK(s.request_json);
    CHECK(!s.prices.empty());
  }
}

TEST_CASE("YAML aliases cannot expand a small file without bound", "[scenario]") {
  std::string text = "a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n";
  for (int i = 1; i <= 7; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? "," : "") + std::string("*a") + std::to_string(i - 1);
    text += "]\n";
  }
  const auto ds = errors_of(text + "description: *a7\n", "laughs.yaml");
  REQUIRE(ds.size() == 1);
  // By hand: a0 is 11 values (list + 10), a_i = 1 + 10 * a_(i-1): 111, 1111, 11111. Before line 5
  // the document holds 1 (root) + 11 + 111 + 1111 + 11111 = 12345; a4's list makes 12346, and its
  // k-th alias *a3 makes 12346 + 11111 k, past 100000 at k = 8: on line 5.
  CHECK(ds[0].code == "E_NODE_BUDGET");
  CHECK(ds[0].message.find("line 5: the alias *a3 (11111 values") == 0);
}
