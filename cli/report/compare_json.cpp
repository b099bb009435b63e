// `compare` as JSON (schema shiftsim.compare/v1) and CSV (compare_report.hpp).
#include "report/compare_report.hpp"

#include "diagnostics_output.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_value(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_field(v.get<std::string>());
  return v.dump();
}

}  // namespace

std::string render_compare_json(const CompareReport& r) {
  const auto rows = compare_figures(r);
  Json j;
  j["schema"] = "shiftsim.compare/v1";
  j["endpoint_name"] = r.endpoint_name.empty() ? Json() : Json(r.endpoint_name);
  j["trials"] = r.trials;
  j["seed"] = r.seed;
  j["figures"] = Json::array();
  for (const auto& row : rows)
    j["figures"].push_back({{"key", row.key},
                            {"title", row.title},
                            {"better", row.better == Better::lower    ? "lower"
                                       : row.better == Better::higher ? "higher"
                                                                      : "none"}});
  j["configs"] = Json::array();
  for (std::size_t c = 0; c < r.columns.size(); ++c) {
    const auto& col = r.columns[c];
    Json cj;
    cj["label"] = col.label;
    cj["source"] = col.source;
    cj["request"] = Json::parse(col.request_json);
    Json figures = Json::object();
    for (const auto& row : rows) figures[row.key] = row.values[c];
    cj["figures"] = std::move(figures);
    Diagnostics warnings = col.result.warnings;
    append_diagnostics(warnings, col.risk.warnings);
    cj["warnings"] = Json::parse(diagnostics_json(warnings));
    j["configs"].push_back(std::move(cj));
  }
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string render_compare_csv(const CompareReport& r) {
  std::string out = "figure";
  for (const auto& c : r.columns) out.append(",").append(csv_field(c.label));
  out += "\n";
  for (const auto& row : compare_figures(r)) {
    out += row.key;
    for (const auto& v : row.values) out.append(",").append(csv_value(v));
    out += "\n";
  }
  return out;
}

}  // namespace shiftsim::cli
