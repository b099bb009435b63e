// The stochastic model's scenario syntax (stochastic.hpp's parse_stochastic_model): what each
// form means, and errors with their path, rule and code.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/stochastic.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace shiftsim;

TEST_CASE("scenario syntax: numbers stay fixed, objects give distributions") {
  Timing base;
  const auto m = parse_stochastic_model(
      R"({"timing": {"provision_s": {"distribution": "lognormal", "p50": 300, "p95": 600,
            "per": "instance", "by_instance_type": {"ml.g5.": {"p50": 330, "p95": 570}}},
          "terminate_s": 60, "activation_s": 0},
          "alarms": {"false_trip_per_bake": 0.002},
          "capacity": {"retry_probability": 0.05, "retry_delay_s": 120},
          "bad_version": {"detection_delay_s": 180}})",
      base);
  CHECK(m.provision.kind == DurationDist::Kind::lognormal);
  CHECK(m.provision.p50_s == 300);
  CHECK(m.provision.p95_s == 600);
  CHECK(m.provision.per_instance);
  REQUIRE(m.provision_by_type.count("ml.g5.") == 1);
  CHECK(m.provision_by_type.at("ml.g5.").p50_s == 330);
  CHECK(m.terminate.kind == DurationDist::Kind::fixed);
  CHECK(m.terminate.fixed == seconds(60));
  CHECK(m.false_trip_per_bake == 0.002);
  CHECK(m.retry_probability == 0.05);
  CHECK(m.retry_delay == seconds(120));
  CHECK(m.bad_version);
  REQUIRE(m.detection_delay);
  CHECK(m.detection_delay->fixed == seconds(180));
  CHECK_FALSE(is_deterministic(m));

  const auto plain = parse_stochastic_model(R"({"timing": {"provision_s": 12.5}})", base);
  CHECK(is_deterministic(plain));
  CHECK(plain.provision.fixed == 12500);
  CHECK(plain.terminate.fixed == base.terminate);
}

TEST_CASE("scenario syntax errors carry path, rule and code") {
  Timing base;
  auto code_of = [&](const char* text) {
    try {
      static_cast<void>(parse_stochastic_model(text, base));
    } catch (const InputError& e) {
      return e.diagnostics().at(0).code + " " + e.diagnostics().at(0).path;
    }
    return std::string("none");
  };
  CHECK(code_of(R"({"timing": {"provision_s": {"p50": 300}}})") ==
        "E_REQUIRED timing.provision_s.p95");
  CHECK(code_of(R"({"timing": {"provision_s": {"p50": 600, "p95": 300}}})") ==
        "E_RANGE timing.provision_s.p95");
  CHECK(code_of(R"({"timing": {"provision_s": {"distribution": "weibull", "p50": 1, "p95": 2}}})") ==
        "E_ENUM timing.provision_s.distribution");
  CHECK(code_of(R"({"alarms": {"false_trip_per_bake": 1.5}})") ==
        "E_RANGE alarms.false_trip_per_bake");
  CHECK(code_of(R"({"capacity": {"retry_probability": "x"}})") ==
        "E_TYPE capacity.retry_probability");
  CHECK(code_of(R"({"timing": {"terminate_s": -1}})") == "E_RANGE timing.terminate_s");
}
