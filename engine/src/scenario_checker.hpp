// The scenario reader's checker: every problem of a scenario document collected as a
// Diagnostic with its field path, rule and value (scenario.cpp reads the sections with it).
// Internal to the engine.
#pragma once

#include "json_tree.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/scenario.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::detail {

using json = nlohmann::ordered_json;

inline std::string type_name(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer() || v.is_number_unsigned()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "a list";
  return "a mapping";
}

inline std::string value_text(const json& v) {
  std::string s = v.dump();
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

/// A key inside a path: plain when it is an identifier, else ["..."].
inline std::string key_path(const std::string& base, const std::string& key) {
  bool plain = !key.empty();
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      plain = false;
  if (plain) return base.empty() ? key : base + "." + key;
  return fmt::format("{}[{}]", base, json(key).dump());
}

struct Checker {
  Diagnostics errors;

  /// `message` may start with "<path>: " for reading here; the path is shown apart from the
  /// message (diagnostics_output), so that prefix is dropped.
  void error(const char* code, const std::string& path, const std::string& rule,
             const json* v, std::string message) {
    if (!path.empty() && message.rfind(path + ": ", 0) == 0) message.erase(0, path.size() + 2);
    errors.push_back({Severity::error, code, path, rule, v ? value_text(*v) : std::string(),
                      std::move(message)});
  }

  void type_error(const std::string& path, const char* want, const json& v) {
    error(error_code::type, path, fmt::format("must be {}", want), &v,
          fmt::format("{}: must be {}, got {} {}", path, want, type_name(v), value_text(v)));
  }

  /// Unknown members of an object.
  void only_keys(const json& o, const std::string& path,
                 std::initializer_list<std::string_view> known) {
    for (const auto& [k, v] : o.items()) {
      bool ok = false;
      for (auto n : known) ok = ok || n == k;
      if (!ok) {
        std::string list;
        for (auto n : known) list += (list.empty() ? "" : ", ") + std::string(n);
        const json kj = k;
        error(error_code::unknown_member, key_path(path, k), fmt::format("known members: {}", list), &kj,
              fmt::format("{}: unknown member '{}' (known: {})", key_path(path, k), k, list));
      }
    }
  }

  std::optional<SimTime> time(const json& v, const std::string& path) {
    if (is_yaml_non_finite(v)) {  // YAML's .inf / .nan: numbers, but not finite ones
      error(error_code::range, path, "must be a finite number of seconds in [0, 86400]", &v,
            fmt::format("{}: must be a finite number of seconds between 0 and 86400, got {}",
                        path, v.get<std::string>()));
      return std::nullopt;
    }
    if (!v.is_number()) {
      type_error(path, "a number of seconds", v);
      return std::nullopt;
    }
    const double s = v.get<double>();
    auto t = seconds_to_simtime(s);
    if (!t)
      error(error_code::range, path, "must be a finite number of seconds in [0, 86400]", &v,
            fmt::format("{}: must be a finite number of seconds between 0 and 86400, got {}",
                        path, value_text(v)));
    return t;
  }

  std::optional<int> integer(const json& v, const std::string& path, std::int64_t lo,
                             std::int64_t hi) {
    if (!v.is_number_integer() && !v.is_number_unsigned()) {
      type_error(path, "an integer", v);
      return std::nullopt;
    }
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
      error(error_code::range, path, fmt::format("must be in [{}, {}]", lo, hi), &v,
            fmt::format("{}: must be between {} and {}, got {}", path, lo, hi, value_text(v)));
      return std::nullopt;
    }
    const std::int64_t i = v.get<std::int64_t>();
    if (i < lo || i > hi) {
      error(error_code::range, path, fmt::format("must be in [{}, {}]", lo, hi), &v,
            fmt::format("{}: must be between {} and {}, got {}", path, lo, hi, value_text(v)));
      return std::nullopt;
    }
    return static_cast<int>(i);
  }

  std::optional<TimingSetting> timing_value(const json& v, const std::string& path) {
    if (v.is_number() || is_yaml_non_finite(v)) {
      auto t = time(v, path);
      if (!t) return std::nullopt;
      return TimingSetting{*t, std::nullopt};
    }
    if (!v.is_object()) {
      type_error(path, "a number of seconds or a distribution object", v);
      return std::nullopt;
    }
    // Distribution form (docs/stochastic-model.md). The timing model reads the whole object
    // (json, parse_stochastic_model()); the keys checked here are the ones a timeline needs.
    only_keys(v, path, {"distribution", "p50", "p95", "per", "value", "by_instance_type"});
    TimingDistribution d;
    d.json = v.dump();
    bool ok = true;
    if (!v.contains("distribution")) {
      error(error_code::required, path + ".distribution", "required in a distribution object", nullptr,
            fmt::format("{}.distribution: required (e.g. lognormal)", path));
      ok = false;
    } else if (!v["distribution"].is_string()) {
      type_error(path + ".distribution", "a string", v["distribution"]);
      ok = false;
    } else {
      d.kind = v["distribution"].get<std::string>();
    }
    if (d.kind == "fixed") {
      if (!v.contains("value")) {
        error(error_code::required, path + ".value", "required for a fixed distribution", nullptr,
              fmt::format("{}.value: required for distribution fixed", path));
        return std::nullopt;
      }
      d.p50 = time(v["value"], path + ".value");
      if (!d.p50) return std::nullopt;
    } else if (v.contains("p50")) {
      d.p50 = time(v["p50"], path + ".p50");
      ok = ok && d.p50.has_value();
    } else {
      error(error_code::required, path + ".p50", "required (the deterministic value)", nullptr,
            fmt::format("{}.p50: required: simulate uses the median", path));
      ok = false;
    }
    if (v.contains("p95")) {
      d.p95 = time(v["p95"], path + ".p95");
      ok = ok && d.p95.has_value();
      if (d.p50 && d.p95 && *d.p95 < *d.p50) {
        error(error_code::range, path + ".p95", "must be >= p50", &v["p95"],
              fmt::format("{}.p95: must be >= p50", path));
        ok = false;
      }
    }
    if (v.contains("per")) {
      const json& p = v["per"];
      if (!p.is_string() || (p != "batch" && p != "instance")) {
        error(error_code::enum_value, path + ".per", "must be one of: batch, instance", &p,
              fmt::format("{}.per: must be 'batch' or 'instance', got {}", path, value_text(p)));
        ok = false;
      } else {
        d.per = p.get<std::string>();
      }
    }
    if (!ok) return std::nullopt;
    return TimingSetting{*d.p50, d};
  }
};

}  // namespace shiftsim::detail
