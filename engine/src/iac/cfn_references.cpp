// CloudFormation's own refusals before deploying: unknown functions, references to nothing
// (cfn_intrinsics.hpp, CfnResolver::check_references).
#include "cfn_intrinsics.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <utility>
#include <vector>

namespace shiftsim::iac::detail {

void CfnResolver::check_references() const {
  Diagnostics problems;
  const auto known = [&](const std::string& name) {
    return pseudo(name) || (parameters_ && parameters_->contains(name)) ||
           (resources_ && resources_->contains(name));
  };
  const auto problem = [&](const char* code, const std::string& path, std::string rule) {
    const std::string dotted = path.empty() ? path : path.substr(1);
    std::string p;
    for (const char c : dotted) p += c == '/' ? '.' : c;
    problems.push_back(error_diagnostic(
        code, p, rule, "",
        fmt::format("{}:{}: {} (at {})", file_, tree_.line_of(path), rule, p)));
  };
  // Iterative walk; loops of Fn::ForEach bind their own names and are not checked inside.
  std::vector<std::pair<const Json*, std::string>> stack;
  for (const char* top : {"Resources", "Outputs", "Conditions"})
    if (const auto it = tree_.root.find(top); it != tree_.root.end())
      stack.emplace_back(&*it, child_path("", top));
  while (!stack.empty()) {
    auto [j, path] = stack.back();
    stack.pop_back();
    if (j->is_array()) {
      for (std::size_t i = 0; i < j->size(); ++i) stack.emplace_back(&(*j)[i], child_path(path, i));
      continue;
    }
    if (!j->is_object()) continue;
    for (auto it = j->begin(); it != j->end(); ++it) {
      const std::string& k = it.key();
      const std::string p = child_path(path, k);
      if (k.rfind("Fn::ForEach", 0) == 0) continue;
      if (k.rfind("Fn::", 0) == 0 && !known_function(k)) {
        problem(error_code::cfn_intrinsic_unknown, p,
                fmt::format("unknown intrinsic function {}: not one CloudFormation documents", k));
        continue;
      }
      if (k == "Ref" && j->size() == 1) {
        if (!it->is_string())
          problem(error_code::cfn_ref_unknown, p, "Ref takes the name of a parameter or a resource");
        else if (!known(it->get<std::string>()))
          problem(error_code::cfn_ref_unknown, p,
                  fmt::format("Ref to {}, which is no parameter, resource or pseudo parameter of "
                              "the template",
                              it->get<std::string>()));
        continue;
      }
      if (k == "Fn::GetAtt" && j->size() == 1) {
        std::string res;
        if (it->is_string()) res = it->get<std::string>().substr(0, it->get<std::string>().find('.'));
        else if (it->is_array() && !it->empty() && (*it)[0].is_string()) res = (*it)[0].get<std::string>();
        if (!res.empty() && !(resources_ && resources_->contains(res)))
          problem(error_code::cfn_ref_unknown, p,
                  fmt::format("Fn::GetAtt on {}, which is no resource of the template", res));
      }
      if (k == "Fn::Sub" && j->size() == 1) {
        const Json* tmpl = it->is_string() ? &*it : (it->is_array() && !it->empty() ? &(*it)[0] : nullptr);
        const Json* vars = it->is_array() && it->size() > 1 && (*it)[1].is_object() ? &(*it)[1] : nullptr;
        if (tmpl && tmpl->is_string())
          for (const auto& name : sub_names(tmpl->get<std::string>())) {
            const std::string base = name.substr(0, name.find('.'));
            if (vars && vars->contains(name)) continue;
            if (!known(base))
              problem(error_code::cfn_ref_unknown, p,
                      fmt::format("${{{}}} in Fn::Sub names no parameter, resource or pseudo "
                                  "parameter of the template",
                                  name));
          }
      }
      stack.emplace_back(&it.value(), p);
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

}  // namespace shiftsim::iac::detail
