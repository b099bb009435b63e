// Text and JSON renderings of a check report (check_output.hpp).
#include "check_output.hpp"

#include "report/format.hpp"
#include "report/text_grid.hpp"

#include "shiftsim/check_codes.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace shiftsim::cli {

namespace {

using nlohmann::ordered_json;

std::string hms(double seconds) {
  const auto s = static_cast<long long>(std::llround(seconds));
  return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

std::string where_text(const iac::SourceLocation& w) {
  if (w.file.empty()) return "(all documents)";
  return w.line > 0 ? fmt::format("{}:{}", w.file, w.line) : w.file;
}

void finding_lines(std::string& out, const std::vector<iac::Finding>& fs, bool notes,
                   const std::string& indent, std::size_t width) {
  for (const auto& f : fs) {
    const check::Listing listing = check::listing_of(f.code);
    if (listing == check::Listing::as_figures) continue;
    if (f.level == iac::Level::note && !notes && listing != check::Listing::always) continue;
    out += hanging(fmt::format("{}{:<7} {}  ", indent, iac::to_string(f.level), f.code),
                   f.message + (f.path.empty() ? "" : fmt::format(" [{}]", f.path)),
                   indent + "    ", width);
  }
}

ordered_json finding_json(const iac::Finding& f) {
  ordered_json j;
  j["level"] = iac::to_string(f.level);
  j["code"] = f.code;
  j["message"] = f.message;
  j["file"] = f.where.file;
  j["line"] = f.where.line;
  j["address"] = f.where.address;
  j["path"] = f.path;
  return j;
}

}  // namespace

std::string check_text(const check::Report& r, bool notes, std::size_t width) {
  std::string out = hanging(
      "",
      fmt::format(
          "shiftsim check: {} file{}, {} SageMaker resource{}, {} endpoint{}: {} error{}, {} "
          "warning{}, {} note{}",
          r.files.size(), r.files.size() == 1 ? "" : "s", r.sagemaker_resources,
          r.sagemaker_resources == 1 ? "" : "s", r.endpoints.size(),
          r.endpoints.size() == 1 ? "" : "s", r.count(iac::Level::error),
          r.count(iac::Level::error) == 1 ? "" : "s", r.count(iac::Level::warning),
          r.count(iac::Level::warning) == 1 ? "" : "s", r.count(iac::Level::note),
          r.count(iac::Level::note) == 1 ? "" : "s"),
      "  ", width);
  for (const auto& e : r.endpoints) {
    out += '\n';  // appended apart: GCC 12's -Wrestrict misreads "\n" + hanging(...)
    out += hanging(where_text(e.where) + "  ",
                   fmt::format("{} {} ({}, {})", e.where.address,
                               e.label != e.where.address ? fmt::format("\"{}\"", e.label) : "",
                               iac::to_string(e.tool), iac::to_string(e.action)),
                   "    ", width);
    if (e.figures) {
      const auto& f = *e.figures;
      out += hanging(
          "  ",
          fmt::format(
              "{}: median {}, P95 completion {}, P(timeout) {:.3f}, peak {} instances, cost {}",
              to_string(f.strategy), hms(f.median_duration_s), hms(f.p95_completion_s), f.p_timeout,
              f.peak_instances, cost_text(f.cost_usd, f.unpriced_types)),
          "    ", width);
    }
    finding_lines(out, e.findings, notes, "  ", width);
  }
  if (!r.findings.empty()) {
    out += "\n";
    for (const auto& f : r.findings) {
      const check::Listing listing = check::listing_of(f.code);
      if (listing == check::Listing::as_figures) continue;
      if (f.level == iac::Level::note && !notes && listing != check::Listing::always) continue;
      out += hanging(
          fmt::format("{}: {:<7} {}  ", where_text(f.where), iac::to_string(f.level), f.code),
          f.message, "    ", width);
    }
  }
  return out;
}

std::string check_json(const check::Report& r) {
  ordered_json j;
  j["schema"] = "shiftsim.check/v1";
  j["files"] = r.files;
  j["sagemaker_resources"] = r.sagemaker_resources;
  j["counts"] = {{"error", r.count(iac::Level::error)},
                 {"warning", r.count(iac::Level::warning)},
                 {"note", r.count(iac::Level::note)}};
  j["endpoints"] = ordered_json::array();
  for (const auto& e : r.endpoints) {
    ordered_json x;
    x["label"] = e.label;
    x["tool"] = iac::to_string(e.tool);
    x["action"] = iac::to_string(e.action);
    x["file"] = e.where.file;
    x["line"] = e.where.line;
    x["address"] = e.where.address;
    if (e.figures) {
      const auto& f = *e.figures;
      ordered_json fig;
      fig["strategy"] = to_string(f.strategy);
      fig["median_duration_s"] = f.median_duration_s;
      fig["p95_completion_s"] = f.p95_completion_s;
      fig["p95_duration_s"] = f.p95_duration_s;
      fig["p_timeout"] = f.p_timeout;
      fig["p_rollback"] = f.p_rollback;
      fig["peak_instances"] = f.peak_instances;
      fig["peak_by_type"] = f.peak_by_type;
      fig["cost_usd"] = cost_json<ordered_json>(f.cost_usd);
      fig["timeout_s"] = f.timeout_s ? ordered_json(*f.timeout_s) : ordered_json(nullptr);
      fig["trials"] = f.trials;
      fig["seed"] = f.seed;
      x["figures"] = std::move(fig);
    } else {
      x["figures"] = nullptr;
    }
    x["findings"] = ordered_json::array();
    for (const auto& f : e.findings) x["findings"].push_back(finding_json(f));
    j["endpoints"].push_back(std::move(x));
  }
  j["findings"] = ordered_json::array();
  for (const auto& f : r.findings) j["findings"].push_back(finding_json(f));
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace shiftsim::cli
