#pragma once
// Rendering diagnostics for people (text) and machines (JSON, CSV). Every text form carries the
// code, the field path and the message: "W_REQUIRED DataCaptureConfig.KmsKeyId: is required".
#include "shiftsim/diagnostic.hpp"

#include <cstdio>
#include <string>

namespace shiftsim::cli {

/// "CODE path: message" ("CODE: message" without a path): the one text form of a diagnostic,
/// used by every table and list of warnings.
[[nodiscard]] std::string diagnostic_text(const Diagnostic& d);

/// `error E_MAX DeploymentConfig....WaitIntervalInSeconds: must be <= 3600 (got 4000)` lines;
/// the severity coloured when `color`.
void print_diagnostics_text(std::FILE* out, const Diagnostics& ds, bool color = false);

/// `[{"severity":"error","code":...,"path":...,"rule":...,"value":...,"message":...}]`
[[nodiscard]] std::string diagnostics_json(const Diagnostics& ds);

/// CSV: severity,code,path,rule,value,message (RFC 4180 quoting).
[[nodiscard]] std::string diagnostics_csv(const Diagnostics& ds);

}  // namespace shiftsim::cli
