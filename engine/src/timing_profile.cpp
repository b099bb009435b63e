#include "shiftsim/timing_profile.hpp"

#include <array>
#include <utility>

namespace shiftsim {

namespace {

bool starts_with(std::string_view s, std::string_view p) noexcept {
  return s.substr(0, p.size()) == p;
}

TimingProfile make(const char* family, std::int64_t p50, std::int64_t p95, std::int64_t d50,
                   std::int64_t d95) {
  TimingProfile t;
  t.family = family;
  t.timing.provision = seconds(p50);
  t.timing.terminate = seconds(d50);
  t.timing.activation = seconds(15);
  t.provision_p95 = seconds(p95);
  t.terminate_p95 = seconds(d95);
  return t;
}

}  // namespace

TimingProfile timing_profile_for(std::string_view type) {
  // timing-facts.md section 4 (p50 and p95 of P and D per family).
  constexpr std::array<std::string_view, 5> neuron{"ml.inf1.", "ml.inf2.", "ml.trn1.",
                                                   "ml.trn1n.", "ml.trn2."};
  for (auto p : neuron)
    if (starts_with(type, p)) return make("neuron", 420, 720, 60, 150);
  constexpr std::array<std::string_view, 6> large{"ml.p4d.", "ml.p4de.", "ml.p5.",
                                                  "ml.p5e.", "ml.p5en.", "ml.p6"};
  for (auto p : large)
    if (starts_with(type, p)) return make("gpu-large", 600, 1500, 90, 240);
  const auto dot = type.rfind('.');
  const std::string_view size = dot == std::string_view::npos ? type : type.substr(dot + 1);
  constexpr std::array<std::string_view, 6> gfam{"ml.g4dn.", "ml.g4ad.", "ml.g5.",
                                                 "ml.g6.", "ml.g6e.", "ml.g5g."};
  for (auto p : gfam) {
    if (starts_with(type, p)) {
      // Multi-GPU sizes of the g families.
      if (size == "12xlarge" || size == "24xlarge" || size == "48xlarge" || size == "metal")
        return make("gpu-multi", 450, 900, 90, 180);
      return make("gpu-small", 330, 570, 60, 150);
    }
  }
  if (type == "ml.p3.2xlarge" || type == "ml.p2.xlarge") return make("gpu-small", 330, 570, 60, 150);
  if (starts_with(type, "ml.p3.") || starts_with(type, "ml.p3dn.") || starts_with(type, "ml.p2."))
    return make("gpu-multi", 450, 900, 90, 180);
  return make("cpu", 240, 480, 60, 120);
}

TimingProfile default_timing_profile(const std::vector<std::string>& instance_types) {
  TimingProfile best = timing_profile_for("");
  bool first = true;
  for (const auto& t : instance_types) {
    TimingProfile p = timing_profile_for(t);
    if (first || p.timing.provision > best.timing.provision) best = std::move(p);
    first = false;
  }
  return best;
}

}  // namespace shiftsim
