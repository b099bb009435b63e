// `aws service-quotas list-service-quotas --service-code sagemaker` output (check.hpp).
#include "shiftsim/check.hpp"
#include "shiftsim/codes.hpp"

#include "../iac/located_tree.hpp"

#include <fmt/core.h>

namespace shiftsim::check {

Quotas parse_service_quotas(std::string_view text, std::string_view file) {
  const auto tree = iac::detail::parse_located_json(text, file);
  const auto& root = tree.root;
  const auto fail = [&](const std::string& path, const std::string& rule) {
    throw InputError({error_diagnostic(
        error_code::quotas, path, rule, "",
        fmt::format("{}:{}: {} (at {}): expected `aws service-quotas list-service-quotas "
                    "--service-code sagemaker` output",
                    file, tree.line_of("/" + path), rule, path.empty() ? "the root" : path))});
  };
  if (!root.is_object() || !root.contains("Quotas") || !root["Quotas"].is_array())
    fail("Quotas", "a Quotas list is required");
  Quotas q;
  q.file = std::string(file);
  constexpr std::string_view kSuffix = " for endpoint usage";
  const auto& list = root["Quotas"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& e = list[i];
    if (!e.is_object()) fail(fmt::format("Quotas/{}", i), "each quota is an object");
    const auto name = e.find("QuotaName");
    const auto value = e.find("Value");
    if (name == e.end() || !name->is_string()) fail(fmt::format("Quotas/{}/QuotaName", i), "QuotaName must be a string");
    if (value == e.end() || !value->is_number() || value->get<double>() < 0)
      fail(fmt::format("Quotas/{}/Value", i), "Value must be a number >= 0");
    const auto& n = name->get_ref<const std::string&>();
    if (n.size() > kSuffix.size() && n.ends_with(kSuffix) && n.rfind("ml.", 0) == 0)
      q.endpoint_usage[n.substr(0, n.size() - kSuffix.size())] = value->get<double>();
  }
  return q;
}

int Report::count(iac::Level level) const noexcept {
  int n = 0;
  for (const auto& f : findings) n += f.level == level;
  for (const auto& e : endpoints)
    for (const auto& f : e.findings) n += f.level == level;
  return n;
}

}  // namespace shiftsim::check
