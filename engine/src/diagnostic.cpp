#include "shiftsim/diagnostic.hpp"

#include <utility>

namespace shiftsim {

namespace {
std::string first_message(const Diagnostics& ds) {
  for (const auto& d : ds)
    if (d.severity == Severity::error) return d.message;
  return ds.empty() ? std::string("invalid input") : ds.front().message;
}
}  // namespace

InputError::InputError(Diagnostics diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void throw_input_error(std::string code, std::string path, std::string rule, std::string value,
                       std::string message) {
  throw InputError({Diagnostic{Severity::error, std::move(code), std::move(path), std::move(rule),
                               std::move(value), std::move(message)}});
}

}  // namespace shiftsim
