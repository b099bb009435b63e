// The request's bakes against its alarms (bake_checks.hpp).
#include "bake_checks.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <cstdint>
#include <optional>
#include <string>

namespace shiftsim::detail {

namespace {

/// One CloudWatch period: a bake shorter than this cannot see an alarm reach ALARM.
constexpr std::int64_t kMinuteS = 60;

std::optional<std::int64_t> seconds_of(const Json* j) {
  if (j == nullptr || !j->is_number_integer()) return std::nullopt;
  return j->get<std::int64_t>();
}

bool has_alarms(const Json& dc) {
  const Json* ar = member(dc, "AutoRollbackConfiguration");
  const Json* list = ar != nullptr && ar->is_object() ? member(*ar, "Alarms") : nullptr;
  return list != nullptr && list->is_array() && !list->empty();
}

/// `field` (seconds) times `bake` ("the final bake", ...); `zero` says what a 0 s bake means.
void check(const std::optional<std::int64_t>& s, const std::string& path, const char* field,
           const char* bake, const char* zero, std::string_view doc, Diagnostics& out) {
  if (!s) return;
  if (*s == 0)
    out.push_back(make_diag(Severity::warning, warning_code::zero_bake_with_alarms, path,
                            fmt::format("{} is 0 s while alarms are configured: {}", field, zero),
                            "0", doc));
  else if (*s > 0 && *s < kMinuteS)
    out.push_back(make_diag(
        Severity::warning, warning_code::wait_looks_like_minutes, path,
        fmt::format("{} is {} s: {} is shorter than one 60 s CloudWatch period, so no alarm can "
                    "reach ALARM within it. The value is in seconds: {} minutes would be {}",
                    field, *s, bake, *s, *s * kMinuteS),
        std::to_string(*s), doc));
}

}  // namespace

void bake_warnings(const Json& dc, std::string_view doc, Diagnostics& out) {
  if (!dc.is_object() || !has_alarms(dc)) return;
  const Json* bg = member(dc, "BlueGreenUpdatePolicy");
  const Json* ro = member(dc, "RollingUpdatePolicy");
  if (ro != nullptr && ro->is_object()) {
    check(seconds_of(member(*ro, "WaitIntervalInSeconds")),
          "DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds", "WaitIntervalInSeconds",
          "each batch's bake",
          "no batch waits for its alarms; an alarm that reaches ALARM is acted on only at the "
          "next batch, and a fault that shows after the last batch's shift is past every bake: "
          "it escapes (no rollback)",
          doc, out);
    return;
  }
  if (bg == nullptr || !bg->is_object()) {
    out.push_back(make_diag(
        Severity::warning, warning_code::zero_bake_with_alarms, "DeploymentConfig",
        "alarms without an update policy: SageMaker's default update is ALL_AT_ONCE with no bake "
        "(WaitIntervalInSeconds and TerminationWaitInSeconds 0), so the alarms never roll it back",
        "", doc));
    return;
  }
  const std::string path = "DeploymentConfig.BlueGreenUpdatePolicy";
  const Json* tr = member(*bg, "TrafficRoutingConfiguration");
  if (tr != nullptr && tr->is_object()) {
    const Json* type = member(*tr, "Type");
    const bool steps =
        type != nullptr && type->is_string() &&
        (type->get<std::string>() == "CANARY" || type->get<std::string>() == "LINEAR");
    if (steps)  // ALL_AT_ONCE has no step bake (assumption all_at_once_uses_wait=false)
      check(seconds_of(member(*tr, "WaitIntervalInSeconds")),
            path + ".TrafficRoutingConfiguration.WaitIntervalInSeconds", "WaitIntervalInSeconds",
            "each step's bake",
            "traffic moves on from each step at once, before any alarm can reach ALARM on it",
            doc, out);
  }
  const Json* t = member(*bg, "TerminationWaitInSeconds");
  check(t != nullptr ? seconds_of(t) : std::optional<std::int64_t>(0),
        path + ".TerminationWaitInSeconds", "TerminationWaitInSeconds", "the final bake",
        "once all traffic is on the new fleet nothing watches the alarms, so a bad version "
        "detected after the last shift escapes (no rollback)",
        doc, out);
}

}  // namespace shiftsim::detail
