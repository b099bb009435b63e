#pragma once
// Rendering a check report (check.hpp): a text summary for people, JSON (`shiftsim.check/v1`)
// for machines, SARIF 2.1.0 for code scanning (GitHub annotates the resource's line).
#include "shiftsim/check.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace shiftsim::cli {

/// The summary line, one block per endpoint (its figures, then its findings), then the findings
/// about documents. Notes other than the figures are shown when `notes` is set. Lines are wrapped
/// at spaces to `width` columns (0: not wrapped), continuations indented.
[[nodiscard]] std::string check_text(const check::Report& report, bool notes,
                                     std::size_t width = 0);

/// {"schema": "shiftsim.check/v1", "files", "sagemaker_resources", "counts", "endpoints": [...],
/// "findings": [...]}; see docs/check.md.
[[nodiscard]] std::string check_json(const check::Report& report);

/// A SARIF 2.1.0 log: one run of the tool "shiftsim", a rule per code raised, a result per
/// finding (ruleId, ruleIndex, level, message.text, locations[].physicalLocation with
/// artifactLocation.uri and region.startLine, logicalLocations with the resource address).
/// Notes (the figures, what was not checked) are included when `notes` is set: code scanning
/// then shows them as "note" alerts. Validated against the schema in tests (tests/data/sarif/).
[[nodiscard]] std::string check_sarif(const check::Report& report, std::string_view version,
                                      bool notes);

}  // namespace shiftsim::cli
