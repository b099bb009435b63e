// Step 3 of assemble_run_inputs(): the SimulationInput (run_steps.hpp).
#include "run_steps.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/pricing.hpp"

#include <fmt/core.h>

namespace shiftsim::detail {

namespace {

template <class T>
const T* ptr(const std::optional<T>& o) {
  return o ? &*o : nullptr;
}

/// The scenario's quota and alarm timings on `b.input`.
void apply_scenario(BuiltInput& b, const Scenario& scenario) {
  SimulationInput& in = b.input;
  in.instance_quota = scenario.instance_quota;
  double keep = 1.0;  // P(no alarm of the config fires falsely in a bake)
  for (const auto& sa : scenario.alarms) {
    bool used = false;
    for (auto& a : in.policy.alarms)
      if (a.name == sa.name) {
        a.time_to_alarm = sa.time_to_alarm();
        if (sa.false_trip_per_bake) keep *= 1.0 - *sa.false_trip_per_bake;
        used = true;
      }
    if (!used)
      b.alarm_warnings.push_back(
          {Severity::warning, warning_code::scenario_alarm_unused, "alarms." + sa.name, "", "",
           fmt::format("The scenario times alarm '{}', which the deployment config does not "
                       "name in AutoRollbackConfiguration.Alarms.",
                       sa.name)});
  }
  b.alarm_false_trip_per_bake = 1.0 - keep;
}

}  // namespace

/// The run's prices (pricing.hpp): the book, the input's table and basis, W_PRICE_MISSING.
void apply_prices(BuiltInput& b, const PriceSources& sources, const PriceRegion& region,
                  const Scenario* scenario) {
  b.prices = build_price_book(sources, region, scenario ? &scenario->prices : nullptr,
                              scenario ? scenario->price_table : std::nullopt);
  b.input.prices = b.prices.table();
  b.input.price_basis = price_basis(b.prices);
  b.input.price_basis.hint = sources.hint;
  b.price_warnings =
      price_missing_warnings(unpriced_types(b.input), b.input.price_basis, sources.hint);
}

BuiltInput build_simulation_input(const RunDocuments& docs, const TimingInputs& timing,
                                  const Scenario* scenario, const PriceSources& prices,
                                  const PriceRegion& region) {
  BuiltInput b;
  // The request was validated by gather_documents(): parsing cannot fail on the model.
  b.request = aws::parse_update_endpoint(docs.request_text, docs.request_doc, aws::Format::json);
  ResolvedDeployment resolved =
      resolve_deployment(b.request, ptr(docs.endpoint), ptr(docs.current_config),
                         ptr(docs.new_config), timing.assumptions);
  if (!resolved.errors.empty()) throw InputError(std::move(resolved.errors));
  b.resolve_warnings = std::move(resolved.warnings);
  b.falls_back_to_all_at_once = resolved.falls_back_to_all_at_once;
  SimulationInput& in = b.input;
  in.variants = std::move(resolved.variants);
  in.policy = std::move(resolved.policy);
  in.timing = timing.timing;
  in.assumptions = timing.assumptions;
  if (scenario) apply_scenario(b, *scenario);
  apply_prices(b, prices, region, scenario);
  b.endpoint_name = !b.request.endpoint_name.empty() ? b.request.endpoint_name
                    : docs.endpoint                  ? docs.endpoint->endpoint_name
                                                     : std::string();
  return b;
}

}  // namespace shiftsim::detail
