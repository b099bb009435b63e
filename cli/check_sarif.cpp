// SARIF 2.1.0 rendering of a check report (check_output.hpp). The shape follows the OASIS
// standard (sarif-schema-2.1.0.json, shipped in tests/data/sarif/) and what GitHub code scanning
// reads: ruleId, level, message.text, physicalLocation.artifactLocation.uri, region.startLine.
#include "check_output.hpp"

#include "shiftsim/check_codes.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace shiftsim::cli {

namespace {

using nlohmann::ordered_json;

/// A repository-relative URI for a path as given: "./x" -> "x"; backslashes to slashes; spaces
/// and '%' percent-encoded (RFC 3986).
std::string uri_of(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  std::string out;
  for (const char c : path) {
    if (c == '\\') out += '/';
    else if (c == ' ') out += "%20";
    else if (c == '%') out += "%25";
    else out += c;
  }
  return out;
}

}  // namespace

std::string check_sarif(const check::Report& r, std::string_view version, bool notes) {
  std::vector<const iac::Finding*> all;
  const auto keep = [&](const iac::Finding& f) {
    if (notes || f.level != iac::Level::note) all.push_back(&f);
  };
  for (const auto& e : r.endpoints)
    for (const auto& f : e.findings) keep(f);
  for (const auto& f : r.findings) keep(f);

  std::map<std::string, int> rule_index;
  ordered_json rules = ordered_json::array();
  for (const auto* f : all) {
    if (rule_index.contains(f->code)) continue;
    rule_index[f->code] = static_cast<int>(rules.size());
    const auto* info = check::check_code(f->code);
    ordered_json rule;
    rule["id"] = f->code;
    rule["shortDescription"] = {
        {"text", info ? std::string(info->summary)
                      : std::string("a rule of the SageMaker API or of shiftsim's engine "
                                    "(see docs/check.md)")}};
    rule["defaultConfiguration"] = {
        {"level", iac::to_string(info ? info->level : f->level)}};
    rules.push_back(std::move(rule));
  }

  ordered_json results = ordered_json::array();
  for (const auto* f : all) {
    ordered_json res;
    res["ruleId"] = f->code;
    res["ruleIndex"] = rule_index[f->code];
    res["level"] = iac::to_string(f->level);
    res["message"] = {{"text", f->message + (f->path.empty() ? "" : " [" + f->path + "]")}};
    if (!f->where.file.empty()) {
      ordered_json phys;
      phys["artifactLocation"] = {{"uri", uri_of(f->where.file)}};
      if (f->where.line > 0) phys["region"] = {{"startLine", f->where.line}};
      ordered_json loc;
      loc["physicalLocation"] = std::move(phys);
      if (!f->where.address.empty())
        loc["logicalLocations"] = ordered_json::array(
            {{{"fullyQualifiedName", f->where.address}, {"kind", "resource"}}});
      res["locations"] = ordered_json::array({std::move(loc)});
    }
    results.push_back(std::move(res));
  }

  ordered_json driver;
  driver["name"] = "shiftsim";
  driver["version"] = std::string(version);
  driver["rules"] = std::move(rules);
  ordered_json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  ordered_json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ordered_json::array({std::move(run)});
  return log.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace shiftsim::cli
