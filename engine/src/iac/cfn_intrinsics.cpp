// CloudFormation intrinsic functions (cfn_intrinsics.hpp).
#include "cfn_intrinsics.hpp"

#include "api_shapes.hpp"

#include <fmt/core.h>

#include <array>
#include <utility>

namespace shiftsim::iac::detail {

namespace {

constexpr int kMaxDepth = 48;

constexpr std::array<std::string_view, 18> kFunctions = {
    "Fn::Base64", "Fn::Cidr",   "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",  "Fn::ImportValue",
    "Fn::Join",   "Fn::Select", "Fn::Split",     "Fn::Sub",    "Fn::Transform", "Fn::And",
    "Fn::Equals", "Fn::If",     "Fn::Not",       "Fn::Or",     "Fn::Length",  "Fn::ToJsonString"};

constexpr std::array<std::string_view, 8> kPseudo = {
    "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
    "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};



Json unresolved(std::string why) { return Json{{"!unresolved", std::move(why)}}; }
Json no_value() { return Json{{"!novalue", true}}; }
bool is_no_value(const Json& j) { return j.is_object() && j.size() == 1 && j.contains("!novalue"); }

/// A one-member object whose key is Ref, Condition or Fn::...
bool is_call(const Json& j) {
  if (!j.is_object() || j.size() != 1) return false;
  const auto& k = j.begin().key();
  return k == "Ref" || k.rfind("Fn::", 0) == 0;
}

std::optional<std::string> scalar_text(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_number()) return dump(j);
  return std::nullopt;
}


/// A list parameter's value: the text split at commas.
Json split_list(const std::string& s) {
  Json arr = Json::array();
  std::size_t start = 0;
  for (;;) {
    const auto c = s.find(',', start);
    arr.push_back(s.substr(start, c == std::string::npos ? std::string::npos : c - start));
    if (c == std::string::npos) break;
    start = c + 1;
  }
  return arr;
}

}  // namespace

bool known_function(std::string_view k) {
  if (k.rfind("Fn::ForEach::", 0) == 0 || k == "Fn::ForEach") return true;
  for (const auto f : kFunctions)
    if (f == k) return true;
  return false;
}

bool pseudo(std::string_view k) {
  for (const auto p : kPseudo)
    if (p == k) return true;
  return false;
}

std::vector<std::string> sub_names(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = s.find("${"); i != std::string::npos; i = s.find("${", i + 2)) {
    const auto end = s.find('}', i);
    if (end == std::string::npos) break;
    const std::string name = s.substr(i + 2, end - i - 2);
    if (!name.empty() && name[0] != '!') out.push_back(name);
  }
  return out;
}

bool is_unresolved(const Json& j) noexcept {
  return j.is_object() && j.size() == 1 && j.contains("!unresolved");
}

std::optional<std::pair<std::string, std::string>> find_unresolved(const Json& j,
                                                                   const std::string& path) {
  if (is_unresolved(j)) return std::make_pair(path, j["!unresolved"].get<std::string>());
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      if (auto r = find_unresolved(it.value(), path.empty() ? it.key() : path + "." + it.key()))
        return r;
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      if (auto r = find_unresolved(j[i], fmt::format("{}[{}]", path, i))) return r;
  }
  return std::nullopt;
}

CfnResolver::CfnResolver(const LocatedTree& tree, std::string file,
                         const std::map<std::string, std::string>& given)
    : tree_(tree), file_(std::move(file)), given_(given) {
  const auto section = [&](const char* key) -> const Json* {
    const auto it = tree_.root.find(key);
    return it != tree_.root.end() && it->is_object() ? &*it : nullptr;
  };
  parameters_ = section("Parameters");
  resources_ = section("Resources");
  conditions_ = section("Conditions");
  mappings_ = section("Mappings");
}

std::vector<std::string> CfnResolver::unused_given() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : given_)
    if (!pseudo(k) && !(parameters_ && parameters_->contains(k))) out.push_back(k);
  return out;
}

Json CfnResolver::resolve(const Json& j) const { return resolve_at(j, 0); }

Json CfnResolver::resolve_at(const Json& j, int depth) const {
  if (depth > kMaxDepth) return unresolved("intrinsic functions nested too deeply");
  if (is_call(j)) return call(j.begin().key(), j.begin().value(), depth + 1);
  if (j.is_object()) {
    Json out = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      Json v = resolve_at(it.value(), depth + 1);
      if (!is_no_value(v)) out[it.key()] = std::move(v);
    }
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto& e : j) {
      Json v = resolve_at(e, depth + 1);
      if (!is_no_value(v)) out.push_back(std::move(v));
    }
    return out;
  }
  return j;
}

Json CfnResolver::ref(const std::string& name) const {
  if (name == "AWS::NoValue") return no_value();
  if (const auto g = given_.find(name); g != given_.end()) {
    const Json* p = parameters_ && parameters_->contains(name) ? &(*parameters_)[name] : nullptr;
    const std::string type = p ? text_of(*p, "Type") : std::string();
    if (type.rfind("List<", 0) == 0 || type == "CommaDelimitedList") return split_list(g->second);
    return g->second;
  }
  if (pseudo(name))
    return unresolved(fmt::format("{} is known only at deploy time (give its value)", name));
  if (parameters_ && parameters_->contains(name)) {
    const Json& p = (*parameters_)[name];
    const std::string type = text_of(p, "Type");
    if (type.rfind("AWS::SSM::Parameter::Value", 0) == 0)
      return unresolved(fmt::format("parameter {} is read from SSM Parameter Store at deploy time "
                                    "(give its value)",
                                    name));
    if (!p.is_object() || !p.contains("Default"))
      return unresolved(
          fmt::format("parameter {} has no Default (give its value)", name));
    Json d = p["Default"];
    if ((type.rfind("List<", 0) == 0 || type == "CommaDelimitedList") && d.is_string())
      return split_list(d.get<std::string>());
    return d;
  }
  if (resources_ && resources_->contains(name)) {
    const std::string type = text_of((*resources_)[name], "Type");
    // Ref of a CloudWatch alarm is its name (as cdk synth writes AutoRollbackConfiguration).
    if (type == "AWS::SageMaker::Endpoint" || type == "AWS::SageMaker::EndpointConfig" ||
        type == "AWS::CloudWatch::Alarm" || type == "AWS::CloudWatch::CompositeAlarm")
      return resource_name(name);
    return unresolved(fmt::format("Ref to {} ({}) has a value only after deploy", name, type));
  }
  return unresolved(fmt::format("Ref to unknown name {}", name));
}

std::string CfnResolver::resource_name(const std::string& id) const {
  const Json& r = (*resources_)[id];
  const std::string type = text_of(r, "Type");
  const char* key = type == "AWS::SageMaker::Endpoint"         ? "EndpointName"
                    : type == "AWS::SageMaker::EndpointConfig" ? "EndpointConfigName"
                                                               : "AlarmName";
  if (const auto p = r.find("Properties"); p != r.end() && p->is_object() && p->contains(key)) {
    const Json& v = (*p)[key];
    if (v.is_string()) return v.get<std::string>();
    // A name from a parameter, Sub or Join; a name that refers back to itself is generated.
    if (name_depth_ < 4) {
      ++name_depth_;
      const Json resolved = resolve_at(v, 0);
      --name_depth_;
      if (const auto s = scalar_text(resolved)) return *s;
    }
  }
  return placeholder_name(id);
}

bool CfnResolver::name_generated(const std::string& id) const {
  return resource_name(id) == placeholder_name(id);
}

Json CfnResolver::get_att(const std::string& res, const std::string& attr) const {
  if (!resources_ || !resources_->contains(res))
    return unresolved(fmt::format("Fn::GetAtt on unknown resource {}", res));
  const std::string type = text_of((*resources_)[res], "Type");
  if ((type == "AWS::SageMaker::Endpoint" && attr == "EndpointName") ||
      (type == "AWS::SageMaker::EndpointConfig" && attr == "EndpointConfigName"))
    return resource_name(res);
  return unresolved(fmt::format("Fn::GetAtt {}.{} has a value only after deploy", res, attr));
}

Json CfnResolver::sub(const Json& arg, int depth) const {
  const Json* tmpl = arg.is_string() ? &arg : (arg.is_array() && !arg.empty() ? &arg[0] : nullptr);
  if (!tmpl || !tmpl->is_string()) return unresolved("Fn::Sub takes a string or [string, {vars}]");
  std::map<std::string, Json> vars;
  if (arg.is_array() && arg.size() > 1 && arg[1].is_object())
    for (auto it = arg[1].begin(); it != arg[1].end(); ++it)
      vars[it.key()] = resolve_at(it.value(), depth + 1);
  const std::string& s = tmpl->get_ref<const std::string&>();
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto open = s.find("${", i);
    if (open == std::string::npos) {
      out += s.substr(i);
      break;
    }
    const auto close = s.find('}', open);
    if (close == std::string::npos) {
      out += s.substr(i);
      break;
    }
    out += s.substr(i, open - i);
    const std::string name = s.substr(open + 2, close - open - 2);
    i = close + 1;
    if (!name.empty() && name[0] == '!') {
      out += "${" + name.substr(1) + "}";
      continue;
    }
    Json v;
    if (const auto it = vars.find(name); it != vars.end()) v = it->second;
    else if (const auto dot = name.find('.'); dot != std::string::npos)
      v = get_att(name.substr(0, dot), name.substr(dot + 1));
    else v = ref(name);
    if (is_unresolved(v)) return v;
    const auto text = scalar_text(v);
    if (!text) return unresolved(fmt::format("${{{}}} in Fn::Sub is not a string", name));
    out += *text;
  }
  return out;
}

Json CfnResolver::call(const std::string& fn, const Json& raw, int depth) const {
  if (fn == "Ref") return raw.is_string() ? ref(raw.get<std::string>()) : unresolved("bad Ref");
  if (fn == "Fn::Sub") return sub(raw, depth);
  if (fn == "Fn::GetAtt") {
    if (raw.is_string()) {
      const auto& s = raw.get_ref<const std::string&>();
      const auto dot = s.find('.');
      return get_att(s.substr(0, dot), dot == std::string::npos ? "" : s.substr(dot + 1));
    }
    const Json a = resolve_at(raw, depth + 1);
    if (a.is_array() && a.size() == 2 && a[0].is_string() && a[1].is_string())
      return get_att(a[0].get<std::string>(), a[1].get<std::string>());
    return unresolved("Fn::GetAtt takes [resource, attribute]");
  }
  if (fn == "Fn::If") {
    if (!raw.is_array() || raw.size() != 3 || !raw[0].is_string())
      return unresolved("Fn::If takes [condition, value if true, value if false]");
    const auto c = condition_at(raw[0].get<std::string>(), depth + 1);
    if (!c) return unresolved(fmt::format("condition {} cannot be evaluated", raw[0].get<std::string>()));
    return resolve_at(raw[*c ? 1 : 2], depth + 1);
  }
  const Json a = resolve_at(raw, depth + 1);
  if (auto u = find_unresolved(a, "")) return unresolved(u->second);
  if (fn == "Fn::Join") {
    if (!a.is_array() || a.size() != 2 || !a[0].is_string() || !a[1].is_array())
      return unresolved("Fn::Join takes [delimiter, [values]]");
    std::string out;
    for (std::size_t i = 0; i < a[1].size(); ++i) {
      const auto t = scalar_text(a[1][i]);
      if (!t) return unresolved("Fn::Join of a value that is not a string");
      out += (i ? a[0].get<std::string>() : "") + *t;
    }
    return out;
  }
  if (fn == "Fn::Select") {
    if (!a.is_array() || a.size() != 2 || !a[1].is_array())
      return unresolved("Fn::Select takes [index, [values]]");
    const auto idx = scalar_text(a[0]);
    std::size_t k = 0;
    try {
      k = idx ? std::stoul(*idx) : a[1].size();
    } catch (const std::exception&) {
      k = a[1].size();
    }
    if (k >= a[1].size()) return unresolved("Fn::Select index out of range");
    return a[1][k];
  }
  if (fn == "Fn::Split") {
    if (!a.is_array() || a.size() != 2 || !a[0].is_string() || !a[1].is_string() || a[0].get<std::string>().empty())
      return unresolved("Fn::Split takes [delimiter, string]");
    const std::string d = a[0].get<std::string>(), s = a[1].get<std::string>();
    Json arr = Json::array();
    std::size_t start = 0;
    for (;;) {
      const auto c = s.find(d, start);
      arr.push_back(s.substr(start, c == std::string::npos ? std::string::npos : c - start));
      if (c == std::string::npos) break;
      start = c + d.size();
    }
    return arr;
  }
  if (fn == "Fn::FindInMap") {
    if (!a.is_array() || a.size() < 3 || !mappings_) return unresolved("Fn::FindInMap takes [map, key, key]");
    const auto m = scalar_text(a[0]), k1 = scalar_text(a[1]), k2 = scalar_text(a[2]);
    if (m && k1 && k2 && mappings_->contains(*m) && (*mappings_)[*m].contains(*k1) &&
        (*mappings_)[*m][*k1].contains(*k2))
      return (*mappings_)[*m][*k1][*k2];
    return unresolved("Fn::FindInMap finds no such entry in Mappings");
  }
  return unresolved(fmt::format("{} is not evaluated by shiftsim", fn));
}

std::optional<bool> CfnResolver::condition(const std::string& name) const {
  return condition_at(name, 0);
}

std::optional<bool> CfnResolver::condition_at(const std::string& name, int depth) const {
  if (depth > kMaxDepth || !conditions_ || !conditions_->contains(name)) return std::nullopt;
  return truth((*conditions_)[name], depth + 1);
}

std::optional<bool> CfnResolver::truth(const Json& c, int depth) const {
  if (depth > kMaxDepth || !c.is_object() || c.size() != 1) return std::nullopt;
  const std::string& fn = c.begin().key();
  const Json& arg = c.begin().value();
  if (fn == "Condition" && arg.is_string()) return condition_at(arg.get<std::string>(), depth + 1);
  if (fn == "Fn::Equals" && arg.is_array() && arg.size() == 2) {
    const Json x = resolve_at(arg[0], depth + 1), y = resolve_at(arg[1], depth + 1);
    if (find_unresolved(x, "") || find_unresolved(y, "")) return std::nullopt;
    return scalar_text(x) == scalar_text(y);
  }
  if ((fn == "Fn::And" || fn == "Fn::Or" || fn == "Fn::Not") && arg.is_array()) {
    std::vector<bool> vs;
    for (const auto& e : arg) {
      const auto t = truth(e, depth + 1);
      if (!t) return std::nullopt;
      vs.push_back(*t);
    }
    if (fn == "Fn::Not") return vs.size() == 1 ? std::optional<bool>(!vs[0]) : std::nullopt;
    bool acc = fn == "Fn::And";
    for (const bool v : vs) acc = fn == "Fn::And" ? (acc && v) : (acc || v);
    return acc;
  }
  return std::nullopt;
}

}  // namespace shiftsim::iac::detail
