// run_check(): every endpoint update of every document (check.hpp).
#include "check_internal.hpp"

#include "shiftsim/check_codes.hpp"
#include "shiftsim/code_traits.hpp"
#include "shiftsim/codes.hpp"

#include <fmt/core.h>
#include <fmt/format.h>

#include <map>
#include <set>

namespace shiftsim::check {

namespace {

using iac::Level;

const aws::DescribeEndpoint* endpoint_named(const Options& o, const std::string& name) {
  for (const auto& e : o.endpoints)
    if (e.endpoint_name == name) return &e;
  return nullptr;
}

const aws::DescribeEndpointConfig* config_named(const Options& o, const std::string& name) {
  for (const auto& c : o.configs)
    if (c.endpoint_config_name == name) return &c;
  return nullptr;
}

detail::Fleet fleet_of(const iac::EndpointUpdate& u, const Options& o) {
  detail::Fleet f;
  f.endpoint = endpoint_named(o, u.label);  // a describe-endpoint given wins over the document's
  if (!f.endpoint && u.endpoint) f.endpoint = &*u.endpoint;
  f.new_config = u.new_config ? &*u.new_config : nullptr;
  f.current_config = u.current_config ? &*u.current_config : nullptr;
  if (!f.new_config && u.request_json) {
    // The request names the config; a describe-endpoint-config given by the user may carry it.
    const auto at = u.request_json->find("\"EndpointConfigName\":\"");
    if (at != std::string::npos) {
      const auto start = at + 22;
      f.new_config = config_named(o, u.request_json->substr(start, u.request_json->find('"', start) - start));
    }
  }
  if (!f.current_config && f.endpoint) f.current_config = config_named(o, f.endpoint->endpoint_config_name);
  return f;
}

std::string action_note(const iac::EndpointUpdate& u) {
  switch (u.action) {
    case iac::Action::create:
      return "the endpoint is created, not updated: its DeploymentConfig applies from its first "
             "update";
    case iac::Action::remove: return "the endpoint is deleted";
    case iac::Action::replace:
      return "the plan replaces the endpoint (delete and create): no guarded update runs";
    case iac::Action::read: return "the endpoint is only read";
    case iac::Action::no_op: return "the endpoint shows no change";
    case iac::Action::update: break;
  }
  return {};
}

/// validate and simulate both speak of a missing timeout or alarms: one finding per code of
/// theirs is enough. The engine's W_WAITER_60MIN (the AWS CLI's waiter) is left out for
/// Terraform, whose own waiter E_TF_WAITER covers.
void drop_repeats(EndpointReport& e) {
  std::vector<iac::Finding> kept;
  std::set<std::string> seen;
  for (auto& f : e.findings) {
    if (e.tool == iac::Tool::terraform && has_trait(f.code, CodeTrait::aws_cli_waiter)) continue;
    if (!check_code(f.code) && !seen.insert(f.code).second) continue;
    kept.push_back(std::move(f));
  }
  e.findings = std::move(kept);
}

}  // namespace

Report run_check(const std::vector<iac::IacDocument>& documents, const Options& options) {
  Report report;
  struct Concurrent {
    int peak = 0;
    std::vector<std::string> labels;
    iac::SourceLocation first;  ///< the first update of the type: where the finding points
  };
  std::map<std::string, Concurrent> concurrent;  // instance type -> updates of it
  for (const auto& doc : documents) {
    report.files.push_back(doc.file);
    report.sagemaker_resources += doc.sagemaker_resources;
    report.findings.insert(report.findings.end(), doc.findings.begin(), doc.findings.end());
    if (doc.sagemaker_resources == 0)
      report.findings.push_back({Level::note, note_code::no_sagemaker,
                                 fmt::format("{} has no SageMaker endpoint, endpoint config or "
                                             "SageMaker autoscaling target: nothing to check",
                                             doc.file),
                                 iac::SourceLocation{doc.file, 0, ""}, ""});
    for (const auto& u : doc.endpoints) {
      EndpointReport e;
      e.tool = u.tool;
      e.action = u.action;
      e.where = u.where;
      e.label = u.label;
      e.findings = u.findings;
      const detail::Fleet fleet = fleet_of(u, options);
      if (u.action != iac::Action::update)
        e.findings.push_back(detail::finding(Level::note, note_code::not_an_update, action_note(u), u));
      else
        (void)detail::simulate_update(u, fleet, options, e);
      detail::check_rules(u, fleet, options, e);
      drop_repeats(e);
      if (e.figures)
        for (const auto& [type, peak] : e.figures->peak_by_type) {
          auto& c = concurrent[type];
          if (c.labels.empty()) c.first = e.where;
          c.peak += peak;
          c.labels.push_back(e.label);
        }
      report.endpoints.push_back(std::move(e));
    }
  }
  if (options.quotas)
    for (const auto& [type, sum] : concurrent) {
      const auto q = options.quotas->endpoint_usage.find(type);
      if (sum.labels.size() < 2 || q == options.quotas->endpoint_usage.end() || sum.peak <= q->second)
        continue;
      report.findings.push_back(
          {Level::warning, warning_code::quota_concurrent,
           fmt::format("{} updates on {} ({}) peak at {} instances together, above the quota of "
                       "{:g}: applied in parallel (Terraform runs up to 10 operations at once, "
                       "CloudFormation updates independent resources in parallel) they can fail",
                       sum.labels.size(), type, fmt::format("{}", fmt::join(sum.labels, ", ")),
                       sum.peak, q->second),
           sum.first, ""});
    }
  return report;
}

}  // namespace shiftsim::check
