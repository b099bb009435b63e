#pragma once
// An independent closed-form reference of the engine contract, for one variant, deterministic
// timing (no draws): success-path duration, peak and instance-seconds, bake start times, and the
// figures of a trip at the start of bake k (blue/green and rolling rollback). Written from the
// contract's formulas, not from the engine's code; it shares no code with engine/src.
#include "shiftsim/deployment.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace shiftsim::reference {

struct Figures {
  std::int64_t duration_ms = 0;
  int peak = 0;
  double instance_seconds = 0.0;
};

/// Instances of a CapacitySize in a fleet of n (contract "Sizes"), rounding re-derived here.
inline int size_of(const CapacitySize& cs, int n, Rounding r) {
  if (n <= 0) return 0;
  std::int64_t k = cs.value;
  if (cs.type == CapacityType::capacity_percent) {
    // exact integer forms of ceil / half-up / floor of value*n/100
    const std::int64_t num = cs.value * n;
    if (r == Rounding::ceil) k = num / 100 + (num % 100 != 0 ? 1 : 0);
    if (r == Rounding::floor) k = num / 100;
    if (r == Rounding::round) k = num / 100 + (num % 100 >= 50 ? 1 : 0);
  }
  return static_cast<int>(std::min<std::int64_t>(std::max<std::int64_t>(k, 1), n));
}

struct OneVariant {
  Strategy strategy = Strategy::all_at_once;
  int n_old = 10;
  int n = 10;
  int step = 0;      ///< C, S or B in instances
  int rollback = 0;  ///< R in instances (rolling)
  std::int64_t P = 0, D = 0, A = 0, W = 0, T = 0;
  bool w_plus_t = false;
  bool aao_uses_w = false;
};

inline int steps_of(const OneVariant& v) {
  if (v.strategy == Strategy::linear || v.strategy == Strategy::rolling)
    return std::max(1, (v.n + v.step - 1) / v.step);
  return 1;
}

/// Start times of every bake of the success path, in order (Precise reading 4).
inline std::vector<std::int64_t> bake_starts(const OneVariant& v) {
  std::vector<std::int64_t> s;
  const std::int64_t P = v.P, A = v.A, W = v.W;
  switch (v.strategy) {
    case Strategy::all_at_once:
      s.push_back(P + A);
      if (v.aao_uses_w) s.push_back(P + A + W);
      break;
    case Strategy::canary:
      s.push_back(P + A);
      s.push_back(P + 2 * A + W);
      if (v.w_plus_t) s.push_back(P + 2 * A + 2 * W);
      break;
    case Strategy::linear: {
      const int n = steps_of(v);
      for (int k = 1; k <= n; ++k) s.push_back(P + k * A + (k - 1) * W);
      if (v.w_plus_t) s.push_back(P + n * A + n * W);
      break;
    }
    case Strategy::rolling: {
      const int n = steps_of(v);
      for (int k = 1; k <= n; ++k) s.push_back((k - 1) * (P + A + W + v.D) + P + A);
      break;
    }
  }
  return s;
}

/// Success path: duration, peak, instance-seconds (contract "Success timelines").
inline Figures success(const OneVariant& v) {
  Figures f;
  const std::int64_t P = v.P, A = v.A, W = v.W, T = v.T, D = v.D;
  const std::int64_t extra_w = v.w_plus_t ? W : 0;
  switch (v.strategy) {
    case Strategy::all_at_once: f.duration_ms = P + A + T + D + (v.aao_uses_w ? W : 0); break;
    case Strategy::canary: f.duration_ms = P + A + W + A + T + D + extra_w; break;
    case Strategy::linear: {
      const int n = steps_of(v);
      f.duration_ms = P + n * A + (n - 1) * W + T + D + extra_w;
      break;
    }
    case Strategy::rolling: f.duration_ms = steps_of(v) * (P + A + W + D); break;
  }
  if (v.strategy != Strategy::rolling) {
    f.peak = v.n_old + v.n;
    f.instance_seconds = static_cast<double>(v.n_old + v.n) * static_cast<double>(f.duration_ms) / 1000.0;
    return f;
  }
  // Rolling, batch by batch: batch k runs from (k-1)L to kL (L = P + A + W + D).
  const int n = steps_of(v);
  const std::int64_t L = P + A + W + D;
  int old_left = v.n_old;
  double inst_ms = 0;
  int peak = v.n_old;
  for (int k = 1; k <= n; ++k) {
    const int a_prev = std::min((k - 1) * v.step, v.n);
    const int a_k = std::min(k * v.step, v.n);
    const int b = a_k - a_prev;
    peak = std::max(peak, old_left + a_k);
    inst_ms += static_cast<double>(b) * static_cast<double>(f.duration_ms - (k - 1) * L);
    const int gone = k == n ? old_left : std::min(b, old_left);
    inst_ms += static_cast<double>(gone) * static_cast<double>(k * L);
    old_left -= gone;
  }
  f.peak = peak;
  f.instance_seconds = inst_ms / 1000.0;
  return f;
}

/// A trip at the start of bake k (1-based), no timeout: the whole run's duration and
/// instance-seconds, and the peak from the trip on.
inline Figures trip_at_bake(const OneVariant& v, int k) {
  const auto starts = bake_starts(v);
  const std::int64_t s = starts.at(static_cast<std::size_t>(k - 1));
  Figures f;
  if (v.strategy != Strategy::rolling) {
    // Blue/green: flip back (A), terminate all new (D); nothing of the old fleet was terminated.
    f.duration_ms = s + v.A + v.D;
    f.peak = v.n_old + v.n;
    f.instance_seconds = static_cast<double>(v.n_old + v.n) * static_cast<double>(f.duration_ms) / 1000.0;
    return f;
  }
  // Rolling: trip in the bake of batch k; a_{k-1} old were terminated at the end of each earlier
  // batch, a_k new run. m steps of (P if something to provision) + A + D.
  const std::int64_t L = v.P + v.A + v.W + v.D;
  const int n = steps_of(v);
  double inst_ms = 0;
  int old_running = v.n_old;
  for (int j = 1; j < k; ++j) {
    const int b = std::min(j * v.step, v.n) - std::min((j - 1) * v.step, v.n);
    const int gone = j == n ? old_running : std::min(b, old_running);
    inst_ms += static_cast<double>(gone) * static_cast<double>(j * L);
    old_running -= gone;
  }
  const int a_k = std::min(k * v.step, v.n);
  // new instances provisioned at batch starts 0, L, 2L, ...
  const int R = v.rollback;
  int missing = v.n_old - old_running;
  int new_left = a_k;
  const int m = std::max((new_left + R - 1) / R, (missing + R - 1) / R);
  std::int64_t t = s;
  int running = old_running + a_k;
  int peak = running;  // from the trip on
  // instance-seconds: old still running count until the end; re-provisioned from their start;
  // new from their batch start until their rollback termination.
  std::vector<std::pair<std::int64_t, int>> new_starts;  // (start, count)
  for (int j = 1; j <= k; ++j) {
    const int b = std::min(j * v.step, v.n) - std::min((j - 1) * v.step, v.n);
    new_starts.emplace_back((j - 1) * L, b);
  }
  std::vector<std::pair<std::int64_t, int>> reprov;       // (start, count)
  std::vector<std::pair<std::int64_t, int>> new_ends;     // (end, count)
  for (int j = 1; j <= m; ++j) {
    const int p = std::min(R, missing);
    if (p > 0) {
      reprov.emplace_back(t, p);
      missing -= p;
      running += p;
      peak = std::max(peak, running);
      t += v.P;
    }
    t += v.A;
    const int d = std::min(R, new_left);
    t += v.D;
    new_ends.emplace_back(t, d);
    new_left -= d;
    running -= d;
  }
  f.duration_ms = t;
  inst_ms += static_cast<double>(old_running) * static_cast<double>(t);
  for (auto [st, c] : reprov) inst_ms += static_cast<double>(c) * static_cast<double>(t - st);
  std::int64_t new_total_start = 0;
  for (auto [st, c] : new_starts) new_total_start += st * c;
  std::int64_t new_total_end = 0;
  for (auto [en, c] : new_ends) new_total_end += en * c;
  inst_ms += static_cast<double>(new_total_end - new_total_start);
  f.peak = peak;
  f.instance_seconds = inst_ms / 1000.0;
  return f;
}

}  // namespace shiftsim::reference
