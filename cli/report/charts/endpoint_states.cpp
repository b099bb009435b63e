// The whole endpoint's fleets over time (endpoint_states.hpp).
#include "report/charts/endpoint_states.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace shiftsim::cli {

std::vector<EndpointState> endpoint_states(const SimulationResult& r, double t_end) {
  std::vector<EndpointState> st;
  auto push = [&](double t, int orun, int oact, int nrun, int nact, double tr) {
    EndpointState s;
    s.t = t;
    s.old_active = std::max(0, oact);
    s.old_idle = std::max(0, orun - oact);
    s.new_active = std::max(0, nact);
    s.new_idle = std::max(0, nrun - nact);
    s.traffic = tr;
    st.push_back(s);
  };
  if (!r.timeline.empty()) {
    for (const auto& p : r.timeline)
      push(to_seconds(p.t), p.old_running, p.old_active, p.new_running, p.new_active,
           p.new_traffic_pct);
  } else if (!r.steps.empty()) {
    std::vector<SimTime> ts;
    for (const auto& s : r.steps) ts.push_back(s.t);
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    for (const SimTime t : ts) {
      // For each variant, the last step starting at or before t.
      std::map<std::string, const Step*> cur;
      for (const auto& s : r.steps)
        if (s.t <= t) cur[s.variant] = &s;
      int orun = 0, oact = 0, nrun = 0, nact = 0;
      double tr = 0;
      for (const auto& [v, s] : cur) {
        orun += s->old_running;
        oact += s->old_active;
        nrun += s->new_running;
        nact += s->new_active;
        tr += s->new_traffic_pct;
      }
      push(to_seconds(t), orun, oact, nrun, nact, tr);
    }
  }
  for (std::size_t i = 0; i < st.size(); ++i)
    st[i].end = i + 1 < st.size() ? st[i + 1].t : std::max(t_end, st[i].t);
  return st;
}

}  // namespace shiftsim::cli
