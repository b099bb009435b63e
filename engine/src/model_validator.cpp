#include "model_validator.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/nearest.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace shiftsim::detail {

const std::string* Shape::member(std::string_view n) const noexcept {
  for (const auto& [m, s] : members)
    if (m == n) return &s;
  return nullptr;
}

bool Shape::is_required(std::string_view n) const noexcept {
  return std::find(required.begin(), required.end(), n) != required.end();
}

Model::Model(std::string_view model_json) {
  const auto doc = nlohmann::json::parse(model_json.begin(), model_json.end());
  const auto& shapes = doc.at("shapes");
  for (const auto& [name, js] : shapes.items()) {
    Shape s;
    s.name = name;
    s.type = js.at("type").get<std::string>();
    if (js.contains("min")) s.min = js["min"].get<double>();
    if (js.contains("max")) s.max = js["max"].get<double>();
    if (js.contains("pattern")) {
      s.pattern = js["pattern"].get<std::string>();
      try {
        s.regex.emplace(*s.pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        throw std::invalid_argument(fmt::format("shape {}: pattern {} does not compile: {}", name,
                                                *s.pattern, e.what()));
      }
    }
    if (js.contains("enum")) s.enum_values = js["enum"].get<std::vector<std::string>>();
    if (js.contains("required")) s.required = js["required"].get<std::vector<std::string>>();
    if (js.contains("members"))
      for (const auto& [m, ref] : js["members"].items())
        s.members.emplace_back(m, ref.at("shape").get<std::string>());
    if (js.contains("member")) s.member_shape = js["member"].at("shape").get<std::string>();
    if (js.contains("key")) s.key_shape = js["key"].at("shape").get<std::string>();
    if (js.contains("value")) s.value_shape = js["value"].at("shape").get<std::string>();
    shapes_.emplace(name, std::move(s));
  }
}

const Model& Model::embedded() {
  static const Model model(embedded_sagemaker_model());
  return model;
}

const Shape* Model::find(std::string_view name) const noexcept {
  const auto it = shapes_.find(name);
  return it == shapes_.end() ? nullptr : &it->second;
}

const Shape& Model::at(std::string_view name) const {
  if (const Shape* s = find(name)) return *s;
  throw std::invalid_argument(fmt::format("no shape {} in the model", name));
}

namespace {

std::string num(double v) {
  if (std::abs(v) < 9.0e15 && v == std::floor(v)) return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{}", v);
}

/// An enum's rule: every value when there are few; for a long list (instance types: about 250)
/// its size and the three nearest values, so the message stays one line and points at the typo.
std::string enum_rule(const Shape& s, std::string_view got) {
  constexpr std::size_t kListed = 12;
  constexpr std::size_t kAny = std::numeric_limits<std::size_t>::max();
  if (s.enum_values.size() > kListed)
    return fmt::format("must be one of the {} {} values{}", s.enum_values.size(), s.name,
                       did_you_mean(nearest_names(got, s.enum_values, 3, kAny)));
  std::string allowed;
  for (const auto& e : s.enum_values) allowed += (allowed.empty() ? "" : ", ") + e;
  return fmt::format("must be one of {}{}", allowed,
                     did_you_mean(nearest_names(got, s.enum_values)));
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  return n;
}

const char* type_rule(const std::string& type) {
  if (type == "structure") return "must be an object";
  if (type == "map") return "must be an object (map)";
  if (type == "list") return "must be a list";
  if (type == "string") return "must be a string";
  if (type == "integer") return "must be an integer (32-bit)";
  if (type == "long") return "must be an integer (64-bit)";
  if (type == "float" || type == "double") return "must be a number";
  if (type == "boolean") return "must be true or false";
  if (type == "timestamp") return "must be a timestamp (ISO 8601 text or epoch seconds)";
  if (type == "blob") return "must be a string (base64)";
  return "has the wrong type";
}

struct Walker {
  const Model& model;
  const ValidateOptions& opt;
  Diagnostics& out;

  void error(std::string code, const std::string& path, std::string rule, std::string value) {
    out.push_back(make_diag(Severity::error, std::move(code), path, std::move(rule),
                            std::move(value), opt.doc_name));
  }

  void type_error(const Json& v, const Shape& s, const std::string& path) {
    error(error_code::type, path, type_rule(s.type), value_text(v));
  }

  void length(std::size_t n, const Shape& s, const std::string& path, const Json& v,
              const char* code, const char* what) {
    const auto len = static_cast<double>(n);
    if (s.min && len < *s.min)
      error(code, path, fmt::format("{} must be >= {}", what, num(*s.min)), value_text(v));
    if (s.max && len > *s.max)
      error(code, path, fmt::format("{} must be <= {}", what, num(*s.max)), value_text(v));
  }

  void walk(const Json& v, const Shape& s, const std::string& path) {
    const std::string& t = s.type;
    if (t == "structure") return structure(v, s, path);
    if (t == "list") {
      if (!v.is_array()) return type_error(v, s, path);
      length(v.size(), s, path, v, error_code::list_length, "number of items");
      const Shape& ms = model.at(s.member_shape);
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string p = index_path(path, i);
        if (v[i].is_null())
          error(error_code::type, p, "list items must not be null", "null");
        else
          walk(v[i], ms, p);
      }
      return;
    }
    if (t == "map") {
      if (!v.is_object()) return type_error(v, s, path);
      length(v.size(), s, path, v, error_code::list_length, "number of entries");
      const Shape& ks = model.at(s.key_shape);
      const Shape& vs = model.at(s.value_shape);
      for (const auto& [k, child] : v.items()) {
        const std::string p = join_path(path, k);
        walk(Json(k), ks, p);
        if (!child.is_null()) walk(child, vs, p);
      }
      return;
    }
    if (t == "string" || t == "blob") {
      if (!v.is_string()) return type_error(v, s, path);
      const auto& str = v.get_ref<const std::string&>();
      if (!s.enum_values.empty() &&
          std::find(s.enum_values.begin(), s.enum_values.end(), str) == s.enum_values.end()) {
        error(error_code::enum_value, path, enum_rule(s, str), value_text(v));
      }
      const std::size_t n = utf8_length(str);
      length(n, s, path, v, error_code::length, "length");
      const bool too_long = s.max && static_cast<double>(n) > *s.max;
      // libstdc++'s regex recurses per character: never feed it unbounded input.
      if (s.regex && !too_long && str.size() <= 65536 && !std::regex_match(str, *s.regex))
        error(error_code::pattern, path, fmt::format("must match the pattern {}", *s.pattern),
              value_text(v));
      return;
    }
    if (t == "integer" || t == "long") {
      if (!v.is_number_integer()) return type_error(v, s, path);
      const double d = v.is_number_unsigned() ? static_cast<double>(v.get<std::uint64_t>())
                                              : static_cast<double>(v.get<std::int64_t>());
      bool range_reported = false;
      if (s.min && d < *s.min) {
        error(error_code::min, path, fmt::format("must be >= {}", num(*s.min)), value_text(v));
        range_reported = true;
      }
      if (s.max && d > *s.max) {
        error(error_code::max, path, fmt::format("must be <= {}", num(*s.max)), value_text(v));
        range_reported = true;
      }
      if (!range_reported) {
        const bool fits = t == "long"
                              ? (!v.is_number_unsigned() ||
                                 v.get<std::uint64_t>() <=
                                     static_cast<std::uint64_t>(
                                         std::numeric_limits<std::int64_t>::max()))
                              : (d >= -2147483648.0 && d <= 2147483647.0);
        if (!fits) type_error(v, s, path);
      }
      return;
    }
    if (t == "float" || t == "double") {
      if (!v.is_number()) return type_error(v, s, path);
      const double d = v.get<double>();
      if (s.min && d < *s.min)
        error(error_code::min, path, fmt::format("must be >= {}", num(*s.min)), value_text(v));
      if (s.max && d > *s.max)
        error(error_code::max, path, fmt::format("must be <= {}", num(*s.max)), value_text(v));
      return;
    }
    if (t == "boolean") {
      if (!v.is_boolean()) type_error(v, s, path);
      return;
    }
    if (t == "timestamp") {
      static const std::regex kIso(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?"
          "(Z|[+-][0-9]{2}:?[0-9]{2})?");
      if (v.is_number()) return;
      if (!v.is_string() || v.get_ref<const std::string&>().size() > 64 ||
          !std::regex_match(v.get_ref<const std::string&>(), kIso))
        type_error(v, s, path);
      return;
    }
    throw std::invalid_argument(fmt::format("shape {}: unsupported type {}", s.name, t));
  }

  void structure(const Json& v, const Shape& s, const std::string& path) {
    if (!v.is_object()) return type_error(v, s, path);
    for (const auto& [k, child] : v.items()) {
      const std::string p = join_path(path, k);
      const std::string* ms = s.member(k);
      if (ms == nullptr) {
        std::string known;
        for (const auto& [m, unused] : s.members) known += (known.empty() ? "" : ", ") + m;
        const std::string rule = fmt::format("unknown member \"{}\" of {} (known: {})", k, s.name, known);
        if (opt.lenient_unknown_and_required)
          out.push_back(make_diag(Severity::warning, warning_code::unknown_member, p, rule, "", opt.doc_name));
        else
          error(error_code::unknown_member, p, rule, "");
        continue;
      }
      if (child.is_null()) {
        if (s.is_required(k))
          error(error_code::required, p, "is required and must not be null", "null");
        else if (!opt.lenient_unknown_and_required)  // the AWS CLI rejects null too
          error(error_code::type, p, "must not be null (leave the member out instead)", "null");
        continue;
      }
      walk(child, model.at(*ms), p);
    }
    for (const auto& r : s.required) {
      if (v.contains(r)) continue;
      const std::string p = join_path(path, r);
      const std::string rule = fmt::format("is required (member of {})", s.name);
      if (opt.lenient_unknown_and_required)
        out.push_back(make_diag(Severity::warning, warning_code::required, p, rule, "", opt.doc_name));
      else
        error(error_code::required, p, rule, "");
    }
  }
};

}  // namespace

void Model::validate(const Json& value, const Shape& shape, const std::string& path,
                     const ValidateOptions& options, Diagnostics& out) const {
  Walker{*this, options, out}.walk(value, shape, path);
}

}  // namespace shiftsim::detail
