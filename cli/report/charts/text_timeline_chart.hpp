#pragma once
// The simulate table's timeline as text: one row per series, one column per 1/width of the run.
//
// Contract: columns split [0, duration) evenly; each holds the maximum of the series over the
// column (change points inside it and the value in force at its start) as a block ▁..█. Rows:
// traffic on the new fleet (0..100%), instances running and instances serving (one scale from the
// fewest serving, the lowest bar, to the peak, a full bar; 0 is blank), and the phase letter in
// force at each column's middle (P provision, S shift, B bake, T terminate, R rollback). Below:
// a time axis (0, the middle and the end as h:mm:ss). Plain UTF-8, deterministic.
#include "shiftsim/result.hpp"

#include <cstddef>
#include <string>

namespace shiftsim::cli {

/// `width` columns of data (at least 10); "  (no timeline)" when the run has none. With `fit`
/// (a terminal's columns, 0: no limit) the chart narrows so every line fits: fewer data columns
/// (down to 20), then the notes (max, peak, fewest, the phase legend) on lines of their own.
[[nodiscard]] std::string render_timeline_chart(const SimulationResult& result, int width = 60,
                                                std::size_t fit = 0);

}  // namespace shiftsim::cli
