// The plan's text output (plan_report.hpp).
#include "diagnostics_output.hpp"
#include "report/plan_report.hpp"
#include "report/text_grid.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

std::string render_plan_text(const std::vector<std::string>& explanation, emit::Format format,
                             const emit::Rendered& request,
                             const std::optional<std::string>& request_out, std::size_t width) {
  std::string text;
  for (const auto& line : explanation) text += line + "\n";
  for (const auto& w : request.warnings) text += diagnostic_text(w) + "\n";
  text = fit_prose(text, width);  // the request below stays whole: it is to be copied
  if (!request_out)
    text += fmt::format("\n# UpdateEndpoint request ({}):\n{}", emit::format_name(format),
                        request.text);
  else
    text += fmt::format("The request ({}) is in {}.\n", emit::format_name(format), *request_out);
  return text;
}

std::string render_infeasible_plan_text(const std::vector<std::string>& explanation) {
  std::string text = "shiftsim plan: no configuration meets the limits.\n";
  for (const auto& line : explanation) text += "  " + line + "\n";
  return text;
}

}  // namespace shiftsim::cli
