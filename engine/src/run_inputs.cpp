// assemble_run_inputs(): the four steps of run_inputs.hpp, in order (run_steps.hpp).
#include "run_steps.hpp"

namespace shiftsim {

RunInputs assemble_run_inputs(const RunSources& src, Diagnostics errors) {
  const Scenario* scenario = src.scenario ? &*src.scenario : nullptr;
  RunInputs r;
  r.docs = detail::gather_documents(src.given, scenario, src.scenario_name, src.hints, errors);
  r.timing = detail::gather_timing(r.docs.new_types, scenario, src.overrides, errors);
  const PriceRegion region = choose_price_region(
      src.prices.region, r.docs.endpoint ? r.docs.endpoint->endpoint_arn : std::string(), errors);
  // The timing model's problems. Members taken from a parsed scenario were checked by its
  // parser: they are read only when nothing else is wrong, so a problem is reported once.
  r.model = deterministic_model(r.timing.timing);
  if (src.model_members)
    r.model = detail::parse_run_model(nlohmann::json::parse(*src.model_members), r.timing, errors);
  else if (!has_errors(errors))
    r.model = detail::parse_run_model(detail::scenario_model_members(scenario), r.timing, errors);
  if (has_errors(errors)) throw InputError(std::move(errors));

  r.built = detail::build_simulation_input(r.docs, r.timing, scenario, src.prices, region);
  detail::complete_run_model(r.model, r.timing, r.built);
  return r;
}

}  // namespace shiftsim
