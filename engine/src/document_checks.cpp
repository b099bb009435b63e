// Documents that must agree (amendment A7) and the endpoint's status (A6): document_checks.hpp.
#include "shiftsim/document_checks.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <string>
#include <string_view>

namespace shiftsim {

namespace {

/// "the request" / "describe-endpoint" as given: "(req.json)" appended when the source is known.
std::string where(std::string_view what, const std::string& source) {
  return source.empty() ? std::string(what) : fmt::format("{} ({})", what, source);
}

/// E_MISMATCH when both names are known and differ.
void mismatch(std::string_view path, std::string_view a_what, const std::string& a_source,
              const std::string& a, std::string_view b_what, const std::string& b_source,
              const std::string& b, std::string_view meaning, Diagnostics& out) {
  if (a.empty() || b.empty() || a == b) return;
  out.push_back(Diagnostic{
      Severity::error, error_code::mismatch, std::string(path),
      fmt::format("must equal {}'s", b_what), fmt::format("\"{}\" vs \"{}\"", a, b),
      fmt::format("{} is \"{}\" in {} but \"{}\" in {}: {}", path, a, where(a_what, a_source), b,
                  where(b_what, b_source), meaning)});
}

}  // namespace

Diagnostics check_documents(const NamedDocuments& d) {
  Diagnostics errors;
  Diagnostics warnings;
  if (d.request != nullptr && d.endpoint != nullptr)
    mismatch("EndpointName", "the request", d.request_source, d.request->endpoint_name,
             "describe-endpoint", d.endpoint_source, d.endpoint->endpoint_name,
             "the request updates another endpoint than the one described", errors);
  if (d.request != nullptr && d.new_config != nullptr)
    mismatch("EndpointConfigName", "the request", d.request_source,
             d.request->endpoint_config_name, "the new config's describe-endpoint-config",
             d.new_config_source, d.new_config->endpoint_config_name,
             "the new config given is not the one the request deploys", errors);
  if (d.endpoint != nullptr && d.current_config != nullptr)
    mismatch("EndpointConfigName", "describe-endpoint", d.endpoint_source,
             d.endpoint->endpoint_config_name, "the current config's describe-endpoint-config",
             d.current_config_source, d.current_config->endpoint_config_name,
             "the current config given is not the one the endpoint runs", errors);

  if (d.endpoint != nullptr && !d.endpoint->endpoint_status.empty()) {
    const std::string& status = d.endpoint->endpoint_status;
    const std::string src = where("describe-endpoint", d.endpoint_source);
    if (status == "Failed" || status == "Deleting" || status == "OutOfService") {
      errors.push_back(Diagnostic{
          Severity::error, error_code::endpoint_status, "EndpointStatus",
          "must be InService to update (Failed, Deleting and OutOfService cannot be updated)",
          fmt::format("\"{}\"", status),
          fmt::format("EndpointStatus is {} in {}: SageMaker cannot update an endpoint in this "
                      "state{}",
                      status, src,
                      status == "Failed" ? " (DeleteEndpoint is the only operation it allows on "
                                           "a failed endpoint)"
                                         : "")});
    } else if (status != "InService") {
      warnings.push_back(Diagnostic{
          Severity::warning, warning_code::endpoint_not_in_service, "EndpointStatus",
          "UpdateEndpoint needs EndpointStatus InService", fmt::format("\"{}\"", status),
          fmt::format("EndpointStatus is {} in {}: SageMaker refuses UpdateEndpoint until the "
                      "endpoint is InService again; simulated as if it were InService.",
                      status, src)});
    }
  }
  errors.insert(errors.end(), warnings.begin(), warnings.end());
  return errors;
}

}  // namespace shiftsim
