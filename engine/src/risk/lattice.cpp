// Lattice distributions and FFT convolution (lattice.hpp).
#include "lattice.hpp"

#include <unsupported/Eigen/FFT>

#include <algorithm>
#include <cmath>

namespace shiftsim::detail {

CdfTable::CdfTable(const Lattice& l) : l_(l) {
  const std::size_t n = l_.p.size();
  if (n == 0) return;
  edge_.resize(n + 1);
  area_.resize(n + 1);
  double e = 0.0;
  double a = 0.0;
  edge_[0] = 0.0;
  area_[0] = 0.0;
  for (std::size_t m = 0; m < n; ++m) {
    const double next = e + l_.p[m];
    a += l_.h_ms * 0.5 * (e + next);  // F is linear across the cell
    e = next;
    edge_[m + 1] = e;
    area_[m + 1] = a;
  }
}

double CdfTable::cdf(double x) const noexcept {
  if (l_.point()) return x >= l_.offset_ms ? 1.0 : 0.0;
  const double u = (x - l_.offset_ms) / l_.h_ms + 0.5;
  if (u <= 0.0) return 0.0;
  const auto n = static_cast<double>(l_.p.size());
  if (u >= n) return std::min(1.0, edge_.back());
  const auto m = static_cast<std::size_t>(u);
  return edge_[m] + (u - static_cast<double>(m)) * l_.p[m];
}

double CdfTable::integral(double x) const noexcept {
  if (l_.point()) return std::max(0.0, x - l_.offset_ms);
  const double u = (x - l_.offset_ms) / l_.h_ms + 0.5;
  if (u <= 0.0) return 0.0;
  const std::size_t n = l_.p.size();
  if (u >= static_cast<double>(n))
    return area_[n] + (u - static_cast<double>(n)) * l_.h_ms * edge_[n];
  const auto m = static_cast<std::size_t>(u);
  const double f = u - static_cast<double>(m);
  return area_[m] + l_.h_ms * (f * edge_[m] + 0.5 * f * f * l_.p[m]);
}

double CdfTable::quantile(double q) const noexcept {
  if (l_.point()) return l_.offset_ms;
  const std::size_t n = l_.p.size();
  // The first edge at or above q (edge_ is non-decreasing).
  const auto it = std::lower_bound(edge_.begin() + 1, edge_.end(), q);
  if (it == edge_.end()) return l_.offset_ms + (static_cast<double>(n) - 0.5) * l_.h_ms;
  const auto m = static_cast<std::size_t>(it - edge_.begin()) - 1;  // q in (edge_[m], edge_[m+1]]
  const double mass = l_.p[m];
  const double f = mass > 0.0 ? std::clamp((q - edge_[m]) / mass, 0.0, 1.0) : 1.0;
  return l_.offset_ms + (static_cast<double>(m) - 0.5 + f) * l_.h_ms;
}

struct Convolver::Fft {
  Eigen::FFT<double> fft;
};

namespace {
std::size_t next_pow2(std::size_t n) {
  std::size_t p = 1;
  while (p < n) p <<= 1U;
  return p;
}
}  // namespace

Convolver::Convolver(std::size_t cells)
    : n_(next_pow2(std::max<std::size_t>(cells, 2))), fft_(std::make_unique<Fft>()) {
  fft_->fft.SetFlag(Eigen::FFT<double>::HalfSpectrum);
  buf_.resize(n_);
}

Convolver::~Convolver() = default;

Convolver::Spectrum Convolver::spectrum(const Lattice& l) {
  std::fill(buf_.begin(), buf_.end(), 0.0);
  if (l.point()) buf_[0] = 1.0;
  else std::copy(l.p.begin(), l.p.begin() + static_cast<std::ptrdiff_t>(std::min(l.p.size(), n_)),
                 buf_.begin());
  Spectrum s;
  fft_->fft.fwd(s, buf_);
  return s;
}

Convolver::Spectrum Convolver::unit() const { return Spectrum(n_ / 2 + 1, {1.0, 0.0}); }

void Convolver::multiply(Spectrum& acc, const Spectrum& s) noexcept {
  for (std::size_t i = 0; i < acc.size(); ++i) acc[i] *= s[i];
}

std::vector<double> Convolver::masses(const Spectrum& s, std::size_t cells) {
  fft_->fft.inv(buf_, s, static_cast<Eigen::Index>(n_));
  std::vector<double> out(buf_.begin(),
                          buf_.begin() + static_cast<std::ptrdiff_t>(std::min(cells, n_)));
  for (auto& v : out) v = v > 0.0 ? v : 0.0;
  return out;
}

}  // namespace shiftsim::detail
