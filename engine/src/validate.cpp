#include "shiftsim/validate.hpp"

#include "aws_tree.hpp"
#include "bake_checks.hpp"
#include "json_tree.hpp"
#include "model_validator.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/deployment.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace shiftsim {

namespace {

using detail::Json;
using detail::join_path;
using detail::make_diag;
using detail::member;

/// A 32-bit integer member (the model's integer); nullopt for anything else, so that the rules
/// below never compute with values the model checks already rejected.
std::optional<std::int64_t> int_of(const Json* j) {
  if (j == nullptr || !j->is_number_integer()) return std::nullopt;
  if (j->is_number_unsigned()) {
    const auto u = j->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT32_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  const auto v = j->get<std::int64_t>();
  if (v < INT32_MIN || v > INT32_MAX) return std::nullopt;
  return v;
}

std::optional<std::string> str_of(const Json* j) {
  if (j == nullptr || !j->is_string()) return std::nullopt;
  return j->get<std::string>();
}

const Json* obj(const Json& o, std::string_view key) {
  const Json* m = member(o, key);
  return m != nullptr && m->is_object() ? m : nullptr;
}

/// A CapacitySize found in the tree with well-typed Type and Value.
struct Size {
  CapacityType type;
  std::int64_t value;
};

std::optional<Size> size_of(const Json* cs) {
  if (cs == nullptr) return std::nullopt;
  const auto t = str_of(member(*cs, "Type"));
  const auto v = int_of(member(*cs, "Value"));
  if (!t || !v || *v < 1) return std::nullopt;
  if (*t == "INSTANCE_COUNT") return Size{CapacityType::instance_count, *v};
  if (*t == "CAPACITY_PERCENT") return Size{CapacityType::capacity_percent, *v};
  return std::nullopt;
}

/// Ratio rule lo% <= size <= hi% of N (lo may be 0), exact integer arithmetic.
struct RatioRule {
  const char* code;
  const char* what;
  std::int64_t lo;  ///< percent
  std::int64_t hi;  ///< percent
};

class Checker {
 public:
  Checker(const Json& root, const FleetContext* fleet, std::string_view doc, Diagnostics& out)
      : root_(root), fleet_(fleet), doc_(doc), out_(out) {
    if (const auto b = member(root, "RetainAllVariantProperties"); b != nullptr && b->is_boolean())
      retain_all_ = b->get<bool>();
    if (const Json* ex = member(root, "ExcludeRetainedVariantProperties"); ex && ex->is_array())
      for (const auto& p : *ex)
        if (str_of(member(p, "VariantPropertyType")) == std::optional<std::string>("DesiredInstanceCount"))
          exclude_count_ = true;
    if (const auto b = member(root, "RetainDeploymentConfig"); b != nullptr && b->is_boolean())
      retain_dc_ = b->get<bool>();
    if (fleet_ != nullptr)
      for (const auto& v : fleet_->variants) {
        const bool stays = fleet_->new_config_known ? v.in_new_config : v.in_endpoint;
        if (!stays) continue;  // goes away: N = 0, nothing to check
        const auto n = target_count(v, *fleet_, retain_all_, exclude_count_);
        if (v.serverless) continue;  // no instances: no ratio rule (amendment A5)
        if (!n) {
          targets_known_ = false;
          continue;
        }
        if (*n > 0) targets_.push_back({v.name, *n});
      }
    if (fleet_ == nullptr || fleet_->variants.empty()) targets_known_ = false;
  }

  void run() {
    retention();
    const Json* dc = obj(root_, "DeploymentConfig");
    if (retain_dc_ && member(root_, "DeploymentConfig") != nullptr)
      warn(warning_code::retained_config_wins, "DeploymentConfig",
           "RetainDeploymentConfig=true: SageMaker deploys with the endpoint's "
           "LastDeploymentConfig, not with the DeploymentConfig sent alongside it");
    if (dc == nullptr) {
      if (!retain_dc_) {
        warn(warning_code::no_timeout, "DeploymentConfig",
             "no DeploymentConfig: the default blue/green ALL_AT_ONCE update has no execution "
             "timeout");
        warn(warning_code::no_alarms, "DeploymentConfig",
             "no DeploymentConfig: no CloudWatch alarms, so no automatic rollback");
      }
      return;
    }
    const Json* bg = obj(*dc, "BlueGreenUpdatePolicy");
    const Json* ro = obj(*dc, "RollingUpdatePolicy");
    if (bg != nullptr && ro != nullptr)
      error(error_code::one_policy, "DeploymentConfig",
            "only one update policy may be given: BlueGreenUpdatePolicy or RollingUpdatePolicy",
            "");
    if (bg != nullptr) blue_green(*bg, "DeploymentConfig.BlueGreenUpdatePolicy");
    if (ro != nullptr) rolling(*ro, "DeploymentConfig.RollingUpdatePolicy");
    if (bg == nullptr && ro == nullptr && !retain_dc_)
      warn(warning_code::no_timeout, "DeploymentConfig",
           "no update policy: the default blue/green ALL_AT_ONCE update has no execution timeout");
    alarms(*dc);
    if (!retain_dc_) detail::bake_warnings(*dc, doc_, out_);  // the config in force only
  }

 private:
  struct Target {
    std::string name;
    int n;
  };

  void error(std::string code, std::string path, std::string rule, std::string value) {
    out_.push_back(make_diag(Severity::error, std::move(code), std::move(path), std::move(rule),
                             std::move(value), doc_));
  }
  void warn(std::string code, std::string path, std::string rule, std::string value = {}) {
    out_.push_back(make_diag(Severity::warning, std::move(code), std::move(path), std::move(rule),
                             std::move(value), doc_));
  }

  void retention() {
    const Json* ex = member(root_, "ExcludeRetainedVariantProperties");
    if (ex == nullptr || !ex->is_array()) return;
    if (!ex->empty() && !retain_all_)
      warn(warning_code::exclude_ignored, "ExcludeRetainedVariantProperties",
           "is ignored unless RetainAllVariantProperties is true (every property then comes "
           "from the new endpoint config anyway)");
    for (std::size_t i = 0; i < ex->size(); ++i)
      if (str_of(member((*ex)[i], "VariantPropertyType")) ==
          std::optional<std::string>("DataCaptureConfig"))
        warn(warning_code::data_capture_unsupported,
             join_path(detail::index_path("ExcludeRetainedVariantProperties", i),
                       "VariantPropertyType"),
             "DataCaptureConfig is documented as not currently supported", "\"DataCaptureConfig\"");
  }

  /// Checks `size` against the ratio rule for every variant; percent values directly.
  void ratio(const Json* cs, const std::string& path, const RatioRule& r) {
    const auto s = size_of(cs);
    if (!s) return;
    const std::string vpath = join_path(path, "Value");
    const std::string value = std::to_string(s->value);
    const std::string range = r.lo > 0 ? fmt::format("{}..{}%", r.lo, r.hi)
                                       : fmt::format("<= {}%", r.hi);
    if (s->type == CapacityType::capacity_percent) {
      if (s->value < r.lo || s->value > r.hi)
        error(r.code, vpath,
              fmt::format("{} must be {} of the variant's instance count (CAPACITY_PERCENT {})",
                          r.what, range, r.lo > 0 ? fmt::format("{}..{}", r.lo, r.hi)
                                                  : fmt::format("<= {}", r.hi)),
              value);
      return;
    }
    for (const auto& t : targets_) {
      const std::int64_t n = t.n;
      const bool ok = 100 * s->value >= r.lo * n && 100 * s->value <= r.hi * n;
      if (ok) continue;
      const std::int64_t min_ok = (r.lo * n + 99) / 100;
      const std::int64_t max_ok = (r.hi * n) / 100;
      std::string allowed = min_ok > max_ok
                                ? std::string("no INSTANCE_COUNT fits; use a larger fleet")
                                : (min_ok == max_ok ? fmt::format("allowed: {}", min_ok)
                                                    : fmt::format("allowed: {}..{}",
                                                                  std::max<std::int64_t>(min_ok, 1),
                                                                  max_ok));
      error(r.code, vpath,
            fmt::format("{} must be {} of variant {}'s {} instance(s) ({})", r.what, range, t.name,
                        n, allowed),
            value);
    }
  }

  /// Largest step count over the variants: ceil(N / size(step, N)).
  std::optional<std::int64_t> steps(const Json* cs) const {
    const auto s = size_of(cs);
    if (!s || !targets_known_ || targets_.empty()) return std::nullopt;
    std::int64_t n_steps = 0;
    for (const auto& t : targets_) {
      const int k = capacity_to_instances(CapacitySize{s->type, s->value}, t.n, Rounding::ceil);
      if (k <= 0) continue;
      n_steps = std::max<std::int64_t>(n_steps, (t.n + k - 1) / k);
    }
    if (n_steps == 0) return std::nullopt;
    return n_steps;
  }

  void timeout(const Json& policy, const std::string& path, std::optional<std::int64_t> waits,
               const std::string& how) {
    if (retain_dc_) return;  // the endpoint's config is used, not this one
    const Json* xj = member(policy, "MaximumExecutionTimeoutInSeconds");
    if (xj == nullptr) {
      warn(warning_code::no_timeout, join_path(path, "MaximumExecutionTimeoutInSeconds"),
           "no MaximumExecutionTimeoutInSeconds: the update is never stopped for taking too long");
      return;
    }
    const auto x = int_of(xj);
    if (!x || !waits) return;
    if (*x <= *waits)
      warn(warning_code::timeout_le_waits, join_path(path, "MaximumExecutionTimeoutInSeconds"),
           fmt::format("should be larger than the total waiting time, {} s ({})", *waits, how),
           std::to_string(*x));
  }

  void blue_green(const Json& bg, const std::string& path) {
    const std::string tpath = join_path(path, "TrafficRoutingConfiguration");
    const Json* tr = obj(bg, "TrafficRoutingConfiguration");
    const auto t_wait = int_of(member(bg, "TerminationWaitInSeconds"));
    const std::int64_t term = t_wait.value_or(0);
    if (tr == nullptr) {
      timeout(bg, path, std::nullopt, "");
      return;
    }
    const auto type = str_of(member(*tr, "Type"));
    const auto wait = int_of(member(*tr, "WaitIntervalInSeconds"));
    const Json* canary = member(*tr, "CanarySize");
    const Json* linear = member(*tr, "LinearStepSize");
    const bool valid_type = type && (*type == "ALL_AT_ONCE" || *type == "CANARY" || *type == "LINEAR");
    if (valid_type) {
      if (*type == "CANARY" && canary == nullptr)
        error(error_code::required, join_path(tpath, "CanarySize"), "is required when Type is CANARY", "");
      if (*type != "CANARY" && canary != nullptr)
        error(error_code::not_allowed, join_path(tpath, "CanarySize"),
              fmt::format("is allowed only when Type is CANARY (Type is {})", *type), "");
      if (*type == "LINEAR" && linear == nullptr)
        error(error_code::required, join_path(tpath, "LinearStepSize"), "is required when Type is LINEAR",
              "");
      if (*type != "LINEAR" && linear != nullptr)
        error(error_code::not_allowed, join_path(tpath, "LinearStepSize"),
              fmt::format("is allowed only when Type is LINEAR (Type is {})", *type), "");
    }
    if (canary != nullptr)
      ratio(canary, join_path(tpath, "CanarySize"), RatioRule{error_code::canary_ratio, "CanarySize", 0, 50});
    if (linear != nullptr)
      ratio(linear, join_path(tpath, "LinearStepSize"),
            RatioRule{error_code::linear_ratio, "LinearStepSize", 10, 50});

    std::optional<std::int64_t> waits;
    std::string how;
    if (wait && valid_type) {
      waits = *wait + term;
      how = fmt::format("WaitIntervalInSeconds {} + TerminationWaitInSeconds {}", *wait, term);
      if (*type == "LINEAR") {
        if (const auto n = steps(linear); n && *n > 2) {
          waits = (*n - 1) * *wait + term;
          how = fmt::format("{} linear steps: {} x WaitIntervalInSeconds {} + "
                            "TerminationWaitInSeconds {}",
                            *n, *n - 1, *wait, term);
        }
      }
    }
    timeout(bg, path, waits, how);
  }

  void rolling(const Json& ro, const std::string& path) {
    const Json* batch = member(ro, "MaximumBatchSize");
    if (batch != nullptr)
      ratio(batch, join_path(path, "MaximumBatchSize"),
            RatioRule{error_code::rolling_batch_ratio, "MaximumBatchSize", 5, 50});
    // ROLLING on a multi-variant or serverless endpoint is not an error of the request: SageMaker
    // falls back to ALL_AT_ONCE (amendment A4, resolve_deployment(); rolling_exclusions=reject
    // makes it E_ROLLING_UNSUPPORTED there).
    const auto wait = int_of(member(ro, "WaitIntervalInSeconds"));
    std::optional<std::int64_t> waits;
    std::string how;
    if (wait) {
      waits = *wait;
      how = fmt::format("WaitIntervalInSeconds {} (fleet unknown: one batch)", *wait);
      if (const auto n = steps(batch)) {
        waits = *n * *wait;
        how = fmt::format("{} batch(es) x WaitIntervalInSeconds {}", *n, *wait);
      }
    }
    timeout(ro, path, waits, how);
  }

  void alarms(const Json& dc) {
    const Json* ar = obj(dc, "AutoRollbackConfiguration");
    const Json* list = ar != nullptr ? member(*ar, "Alarms") : nullptr;
    if (list == nullptr) {
      if (!retain_dc_)
        warn(warning_code::no_alarms,
             ar != nullptr ? "DeploymentConfig.AutoRollbackConfiguration.Alarms"
                           : "DeploymentConfig.AutoRollbackConfiguration",
             "no CloudWatch alarms: bakes are plain waits and nothing rolls the update back "
             "automatically");
      return;
    }
    if (!list->is_array()) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Json& a = (*list)[i];
      if (a.is_object() && member(a, "AlarmName") == nullptr)
        error(error_code::required,
              join_path(detail::index_path("DeploymentConfig.AutoRollbackConfiguration.Alarms", i),
                        "AlarmName"),
              "is required (each alarm names a CloudWatch alarm)", "");
    }
  }

  const Json& root_;
  const FleetContext* fleet_;
  std::string_view doc_;
  Diagnostics& out_;
  bool retain_all_ = false;
  bool exclude_count_ = false;
  bool retain_dc_ = false;
  bool targets_known_ = true;
  std::vector<Target> targets_;

};

Diagnostics errors_first(Diagnostics ds) {
  std::stable_partition(ds.begin(), ds.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::error; });
  return ds;
}

}  // namespace

Diagnostics validate_request(std::string_view text, aws::Format format, const FleetContext* fleet,
                             std::string_view doc_name) {
  Diagnostics ds;
  const auto tree = detail::parse_tree(text, format, doc_name, ds);
  if (!tree) return ds;
  const auto& model = detail::Model::embedded();
  model.validate(*tree, model.at("UpdateEndpointInput"), "", detail::ValidateOptions{false, doc_name},
                 ds);
  if (tree->is_object()) Checker(*tree, fleet, doc_name, ds).run();
  return errors_first(std::move(ds));
}

Diagnostics validate_shape(std::string_view text, aws::Format format, std::string_view shape_name,
                           std::string_view doc_name) {
  const auto& model = detail::Model::embedded();
  const auto& shape = model.at(shape_name);
  Diagnostics ds;
  const auto tree = detail::parse_tree(text, format, doc_name, ds);
  if (tree) model.validate(*tree, shape, "", detail::ValidateOptions{false, doc_name}, ds);
  return errors_first(std::move(ds));
}

}  // namespace shiftsim
