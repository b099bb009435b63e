#pragma once
// Private: probability distributions on an equally spaced lattice, and their sums by FFT
// convolution (Eigen's FFT module). The exact risk figures of risk.hpp are built from them.
//
// A Lattice holds the masses p[0..n) of the values offset + m*h (milliseconds). Mass m stands for
// the interval [offset + (m - 0.5)h, offset + (m + 0.5)h), spread uniformly over it, so the CDF is
// piecewise linear between cell edges and its integral piecewise quadratic. A lattice with no
// cells is a point mass at `offset` (an exact step: the sum of no random operation).
//
// Sums: the lattices of a sum share one step h; the sum of values offset_a + i h and
// offset_b + j h is offset_a + offset_b + (i + j) h, so masses convolve in index space. The
// Convolver pads every spectrum to one FFT length that holds the longest sum, so there is no
// wrap-around; n identical terms are one spectrum raised to the n-th power.
#include <complex>
#include <cstddef>
#include <memory>
#include <vector>

namespace shiftsim::detail {

struct Lattice {
  double offset_ms = 0.0;
  double h_ms = 1.0;
  std::vector<double> p;  ///< masses (sum 1); empty: a point mass at offset_ms
  [[nodiscard]] bool point() const noexcept { return p.empty(); }
};

/// The CDF of a lattice and its running integral, for queries: F(x) = P(X <= x) and
/// I(x) = integral of F from -infinity to x (ms), both exact for the uniform-in-cell reading.
/// Complexity: construction O(n); cdf() and integral() O(1); quantile() O(log n).
class CdfTable {
 public:
  CdfTable() = default;
  explicit CdfTable(const Lattice& l);
  [[nodiscard]] double cdf(double x_ms) const noexcept;
  [[nodiscard]] double integral(double x_ms) const noexcept;
  /// The smallest x with F(x) >= q (q in (0, 1]); a point mass returns its value.
  [[nodiscard]] double quantile(double q) const noexcept;
  /// The lattice it was built from (masses kept for sums over cells).
  [[nodiscard]] const Lattice& lattice() const noexcept { return l_; }

 private:
  Lattice l_;
  std::vector<double> edge_;  ///< edge_[m] = masses below cell m = F(offset + (m - 0.5) h)
  std::vector<double> area_;  ///< area_[m] = I(offset + (m - 0.5) h)
};

/// FFT convolution at one length (a power of two >= the longest sum's cell count). One per
/// thread: it holds Eigen's FFT plans. Spectra are half spectra of real sequences.
class Convolver {
 public:
  using Spectrum = std::vector<std::complex<double>>;
  explicit Convolver(std::size_t cells);
  ~Convolver();
  Convolver(const Convolver&) = delete;
  Convolver& operator=(const Convolver&) = delete;

  [[nodiscard]] std::size_t length() const noexcept { return n_; }
  /// The spectrum of a lattice's masses (zero-padded to length()).
  [[nodiscard]] Spectrum spectrum(const Lattice& l);
  /// The unit spectrum (the sum of no term).
  [[nodiscard]] Spectrum unit() const;
  /// acc *= s, element-wise (adds a term to a sum).
  static void multiply(Spectrum& acc, const Spectrum& s) noexcept;
  /// The masses of a spectrum, `cells` of them (the sum's own cell count), negatives from
  /// round-off clamped to 0.
  [[nodiscard]] std::vector<double> masses(const Spectrum& s, std::size_t cells);

 private:
  struct Fft;
  std::size_t n_;
  std::unique_ptr<Fft> fft_;
  std::vector<double> buf_;
};

}  // namespace shiftsim::detail
