// compile_success_path(), success_path_figures(): see success_path.hpp.
#include "shiftsim/success_path.hpp"

#include "input_check.hpp"
#include "run/executor.hpp"

namespace shiftsim {

SuccessPath compile_success_path(const SimulationInput& input) {
  detail::check_input(input);
  SimulationInput in = input;
  in.trip = Trip{};
  in.draws = TimingDraws{};
  SuccessPath path;
  detail::Recorder rec;
  rec.success_path = &path;
  SimulationWorkspace ws;
  RunFigures f;
  ws.impl().run(in, detail::RunOptions{Trip{}, false, false}, &rec, f);
  path.peak_instances = f.peak_instances;
  path.min_serving_instances = f.min_serving_instances;
  // The old fleets' totals, as the engine's accounting sums them (same order, same values).
  path.n_old_total = ws.impl().accounting.n_old_total();
  path.steady_cost_rate = ws.impl().accounting.steady_cost_rate();
  return path;
}

RunFigures success_path_figures(const SuccessPath& path, const TimingDraws& draws) noexcept {
  const SuccessPath::Draw* const refs = path.draws.data();
  const std::size_t n = draws.success.size();
  const auto length = [&](const SuccessPath::Draw& d) noexcept -> SimTime {
    return d.slot < n ? draws.success[d.slot] : d.fallback;
  };
  SimTime now = 0;
  std::int64_t inst_ms = 0;
  std::int64_t billed_ms = 0;
  double cost = 0.0;
  double exposure_ms = 0.0;
  for (const auto& seg : path.segments) {
    SimTime dt = seg.fixed_length;  // integer sums: the order of the terms does not matter
    for (std::uint32_t i = seg.first_draw; i < seg.end_draw; ++i) dt += length(refs[i]);
    if (dt > 0) {  // the engine's advance(), term for term
      inst_ms += static_cast<std::int64_t>(seg.running) * dt;
      billed_ms += static_cast<std::int64_t>(seg.billed) * dt;
      cost += seg.cost_rate * static_cast<double>(dt);
      exposure_ms += seg.traffic * static_cast<double>(dt);
      now += dt;
    }
  }
  RunFigures o;
  o.outcome = Outcome::succeeded;
  o.duration = now;
  o.peak_instances = path.peak_instances;
  o.min_serving_instances = path.min_serving_instances;
  o.instance_seconds = static_cast<double>(inst_ms) / 1000.0;
  o.extra_instance_seconds =
      o.instance_seconds - static_cast<double>(path.n_old_total) * to_seconds(now);
  o.billed_instance_seconds = static_cast<double>(billed_ms) / 1000.0;
  o.cost_usd = cost;
  o.extra_cost_usd = cost - path.steady_cost_rate * static_cast<double>(now);
  o.exposure_traffic_s = exposure_ms / 1000.0;
  return o;
}

}  // namespace shiftsim
