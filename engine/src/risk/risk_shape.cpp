// The random part of a success schedule (risk_shape.hpp).
#include "risk_shape.hpp"

#include <algorithm>
#include <cmath>

namespace shiftsim::detail {

std::vector<std::int32_t> timed_signature(const Schedule& schedule) {
  std::vector<std::int32_t> sig;
  sig.reserve(static_cast<std::size_t>(schedule.timed_ops) * 5);
  for (const Operation& op : schedule.ops) {
    if (!op.timed()) continue;
    const auto parts = schedule.parts_of(op);
    sig.push_back(static_cast<std::int32_t>(op.timer));
    sig.push_back(static_cast<std::int32_t>(parts.size()));
    for (const OpPart& p : parts) {
      sig.push_back(p.variant);
      sig.push_back(static_cast<std::int32_t>(p.fleet));
      sig.push_back(p.instances);
    }
  }
  return sig;
}

RiskShape::RiskShape(const SimulationInput& input, const Schedule& schedule,
                     const StochasticModel& model)
    : signature_(timed_signature(schedule)) {
  slot_random_.assign(static_cast<std::size_t>(schedule.timed_ops), false);
  slot_fixed_.assign(static_cast<std::size_t>(schedule.timed_ops), 0);
  double span = 0.0;
  for (const Operation& op : schedule.ops) {
    if (!op.timed()) continue;
    OperationDist d = operation_dist(input, schedule, op, model);
    slot_random_[idx(op.slot)] = d.random;
    slot_fixed_[idx(op.slot)] = d.fixed_ms;
    if (!d.random) continue;
    span += d.span_ms();
    ops_.push_back(std::move(d));
  }
  if (ops_.empty()) return;
  // One step for the whole sum: about kShapeCells cells over its support (at least 1 ms).
  h_ = std::max(1.0, span / kShapeCells);
  std::size_t cells = 0;
  for (std::size_t i = 0; i < ops_.size(); ++i) {
    std::size_t found = lattices_.size();
    for (std::size_t j = 0; j < i && found == lattices_.size(); ++j)
      if (ops_[j].same(ops_[i])) found = distinct_of_[j];
    if (found == lattices_.size()) lattices_.push_back(ops_[i].lattice(h_));
    distinct_of_.push_back(found);
    cells += lattices_[found].p.size() - 1;
  }
  conv_ = std::make_unique<Convolver>(cells + 1);
  for (const auto& l : lattices_) spectra_.push_back(conv_->spectrum(l));
}

RiskShape::~RiskShape() = default;

template <class Take>
CdfTable RiskShape::sum_of(Take take) {
  Lattice sum;
  sum.h_ms = h_;
  std::size_t cells = 1;
  int terms = 0;
  auto spectrum = conv_ ? conv_->unit() : Convolver::Spectrum{};
  for (std::size_t i = 0; i < ops_.size(); ++i) {
    if (!take(static_cast<int>(i))) continue;
    const Lattice& l = lattices_[distinct_of_[i]];
    sum.offset_ms += l.offset_ms;
    cells += l.p.size() - 1;
    Convolver::multiply(spectrum, spectra_[distinct_of_[i]]);
    ++terms;
  }
  if (terms == 1) {  // one term: its own masses, no round trip through the FFT
    for (std::size_t i = 0; i < ops_.size(); ++i)
      if (take(static_cast<int>(i))) sum.p = lattices_[distinct_of_[i]].p;
  } else if (terms > 1) {
    sum.p = conv_->masses(spectrum, cells);
  }
  return CdfTable(sum);
}

const CdfTable& RiskShape::prefix(int t) {
  auto it = prefixes_.find(t);
  if (it != prefixes_.end()) return it->second;
  if (t < 2 || t < running_t_) {  // no product to extend: from scratch
    it = prefixes_.emplace(t, sum_of([t](int i) { return i < t; })).first;
    return it->second;
  }
  if (running_t_ == 0) running_ = conv_->unit();
  Lattice sum;
  sum.h_ms = h_;
  std::size_t cells = 1;
  for (int i = 0; i < t; ++i) {
    const Lattice& l = lattices_[distinct_of_[static_cast<std::size_t>(i)]];
    sum.offset_ms += l.offset_ms;
    cells += l.p.size() - 1;
    if (i >= running_t_)
      Convolver::multiply(running_, spectra_[distinct_of_[static_cast<std::size_t>(i)]]);
  }
  running_t_ = t;
  sum.p = conv_->masses(running_, cells);
  it = prefixes_.emplace(t, CdfTable(sum)).first;
  return it->second;
}

const RiskShape::Split& RiskShape::split(int t0, int t1) {
  const auto key = std::pair(t0, t1);
  auto it = splits_.find(key);
  if (it == splits_.end()) {
    Split s;
    s.inside = sum_of([=](int i) { return i >= t0 && i < t1; });
    s.outside = sum_of([=](int i) { return i < t0 || i >= t1; });
    it = splits_.emplace(key, std::move(s)).first;
  }
  return it->second;
}

}  // namespace shiftsim::detail
