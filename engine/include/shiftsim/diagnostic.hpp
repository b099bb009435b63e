#pragma once
// Problems found in user input, and the one exception type that carries them.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace shiftsim {

enum class Severity { error, warning };

/// One problem (or warning) about user input or about a plan.
/// `code` is stable (E_... for errors, W_... for warnings) and safe for machines to match;
/// `path` names the field (`DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value`,
/// list indices as `[i]`, relative to the document root; empty when not about one field);
/// `rule` states the rule broken (`must be <= 3600`), `value` the offending value as JSON text;
/// `message` is the whole sentence a person reads.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;
  std::string path;
  std::string rule;
  std::string value;
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

[[nodiscard]] inline bool has_errors(const Diagnostics& ds) noexcept {
  for (const auto& d : ds)
    if (d.severity == Severity::error) return true;
  return false;
}

/// An error diagnostic (the fields in Diagnostic's order).
[[nodiscard]] inline Diagnostic error_diagnostic(std::string code, std::string path,
                                                 std::string rule, std::string value,
                                                 std::string message) {
  return Diagnostic{Severity::error, std::move(code), std::move(path), std::move(rule),
                    std::move(value), std::move(message)};
}

/// Appends every diagnostic of `from` to `to`, in order.
inline void append_diagnostics(Diagnostics& to, const Diagnostics& from) {
  to.insert(to.end(), from.begin(), from.end());
}

/// Thrown for invalid user input (the CLI maps it to exit code 2). Carries every problem found,
/// not only the first.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostics diagnostics);
  [[nodiscard]] const Diagnostics& diagnostics() const noexcept { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

/// Throws InputError with one error diagnostic.
[[noreturn]] void throw_input_error(std::string code, std::string path, std::string rule,
                                    std::string value, std::string message);

}  // namespace shiftsim
