#pragma once
// The DeploymentConfig flags of `emit` (--strategy, --canary-size, --linear-step, --batch-size,
// --rollback-batch-size, --wait, --termination-wait, --timeout, --alarm), shared with `compare`'s
// variants (--with "FLAGS"). Each overrides the request's member; --strategy switches the update
// policy and drops the old one's own members (sizes, and the termination wait for rolling), while
// the wait, timeout and alarms carry over.
#include "options/option_set.hpp"

#include "shiftsim/aws.hpp"
#include "shiftsim/emit.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {

struct PolicyFlags {
  std::optional<Strategy> strategy;
  std::optional<aws::CapacitySizeShape> canary_size, linear_step, batch_size, rollback_batch_size;
  std::optional<std::int32_t> wait, termination_wait, timeout;
  std::vector<std::string> alarms;
};

/// The group "deployment config".
void declare_policy_flags(OptionSet& options, PolicyFlags& flags);

/// `flags` over the options of an existing request (emit::options_from_request()).
[[nodiscard]] emit::EmitOptions overlay(emit::EmitOptions options, const PolicyFlags& flags);

/// The request flags' document as emit options; EndpointName and EndpointConfigName left empty
/// when absent, so that emit::build_request() reports them (by flag, with flag_namer()).
/// `request_json` "{}" or empty: no request. Throws InputError for a request document that is
/// not a valid UpdateEndpointInput.
[[nodiscard]] emit::EmitOptions request_options(const std::string& request_json,
                                                const std::string& request_name);

/// The emit flag a request field comes from ("--batch-size" for ...MaximumBatchSize.Value).
[[nodiscard]] std::string_view flag_of_field(std::string_view path);

/// emit::build_request()'s namer for the CLI: a request field named by the flag that sets it
/// (flag_of_field()), or by its path when no flag does.
[[nodiscard]] emit::FieldNamer flag_namer();

/// Each diagnostic whose field comes from a flag gets " (from --flag)" in its message.
[[nodiscard]] Diagnostics with_flags(Diagnostics ds);

/// Words of a command-line fragment as a POSIX shell splits them (spaces; '...' and "..."
/// quoting; backslash escapes outside single quotes). InputError E_FLAG_SYNTAX naming `flag` for
/// an unterminated quote.
[[nodiscard]] std::vector<std::string> split_words(std::string_view text, std::string_view flag);

}  // namespace shiftsim::cli
