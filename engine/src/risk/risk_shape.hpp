#pragma once
// Private: the random part of a success schedule's completion time, shared by every config whose
// success schedule has the same timed operations (risk.hpp).
//
// A config's completion time is a fixed part (shifts A, bakes W and T, operations whose time
// cannot vary) plus the sum of its random timed operations, which are independent. The fixed
// part depends on the config; the random part only on the timed operations (the strategy family
// and the batch sizes), so a sweep of 100,000 configs of one endpoint has a few dozen distinct
// random parts: every blue/green config one, rolling one per batch size. A RiskShape holds one of
// them: each random operation's lattice (step h chosen so that the whole sum spans about
// kShapeCells cells), and, computed on first use and kept, the distributions of the sums a
// config's figures need: the first t random operations (a bake's start), all of them
// (completion), and a run of them with the rest (the bad version's window, risk.cpp).
//
// Not thread-safe: one thread uses a shape at a time (sweeps give each thread its own).
#include "lattice.hpp"
#include "operation_dist.hpp"

#include "shiftsim/deployment.hpp"
#include "shiftsim/schedule.hpp"
#include "shiftsim/stochastic.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace shiftsim::detail {

/// Cells the sum of all random operations of a shape spans (the FFT length is the next power of
/// two): about 0.01% of the completion spread per cell, far inside the 1% accuracy asked.
inline constexpr double kShapeCells = 16000.0;

/// What makes two success schedules share a random part: per timed operation, its timer and
/// parts (variant, fleet, instances). Same signature, same model and fleet: same distributions.
[[nodiscard]] std::vector<std::int32_t> timed_signature(const Schedule& schedule);

class RiskShape {
 public:
  RiskShape(const SimulationInput& input, const Schedule& schedule, const StochasticModel& model);
  ~RiskShape();
  RiskShape(const RiskShape&) = delete;
  RiskShape& operator=(const RiskShape&) = delete;

  /// Timed operations by slot (Operation::slot): random, or their constant duration.
  [[nodiscard]] bool random(int slot) const noexcept { return slot_random_[idx(slot)]; }
  [[nodiscard]] SimTime fixed(int slot) const noexcept { return slot_fixed_[idx(slot)]; }
  [[nodiscard]] int random_ops() const noexcept { return static_cast<int>(ops_.size()); }
  [[nodiscard]] const std::vector<std::int32_t>& signature() const noexcept { return signature_; }

  /// The sum of random operations [0, t) (t = 0: a point mass at 0), in ms.
  [[nodiscard]] const CdfTable& prefix(int t);
  /// The sum of every random operation.
  [[nodiscard]] const CdfTable& total() { return prefix(random_ops()); }
  /// Random operations [t0, t1) and, separately, all the others.
  struct Split {
    CdfTable inside;
    CdfTable outside;
  };
  [[nodiscard]] const Split& split(int t0, int t1);

 private:
  static std::size_t idx(int slot) noexcept { return static_cast<std::size_t>(slot); }
  /// The sum of the random operations whose index passes `take`.
  template <class Take>
  CdfTable sum_of(Take take);

  std::vector<std::int32_t> signature_;
  std::vector<bool> slot_random_;
  std::vector<SimTime> slot_fixed_;
  std::vector<OperationDist> ops_;        ///< random operations, in schedule order
  std::vector<std::size_t> distinct_of_;  ///< per random operation: its distinct distribution
  std::vector<Lattice> lattices_;         ///< per distinct distribution
  std::vector<std::vector<std::complex<double>>> spectra_;
  double h_ = 1.0;
  std::unique_ptr<Convolver> conv_;
  std::map<int, CdfTable> prefixes_;
  /// The spectrum of the first `running_t_` random operations: prefixes asked in increasing
  /// order (a config's bakes) each add only their new operations.
  std::vector<std::complex<double>> running_;
  int running_t_ = 0;
  std::map<std::pair<int, int>, Split> splits_;
};

}  // namespace shiftsim::detail
