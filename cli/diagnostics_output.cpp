#include "diagnostics_output.hpp"

#include "terminal.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace shiftsim::cli {

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

const char* severity_text(Severity s) { return s == Severity::error ? "error" : "warning"; }

}  // namespace

std::string diagnostic_text(const Diagnostic& d) {
  if (d.path.empty()) return fmt::format("{}: {}", d.code, d.message);
  return fmt::format("{} {}: {}", d.code, d.path, d.message);
}

void print_diagnostics_text(std::FILE* out, const Diagnostics& ds, bool color) {
  for (const auto& d : ds) {
    const Tone tone = d.severity == Severity::error ? Tone::bad : Tone::warn;
    fmt::print(out, "{} {}\n", paint(severity_text(d.severity), tone, color), diagnostic_text(d));
  }
}

std::string diagnostics_json(const Diagnostics& ds) {
  auto arr = nlohmann::ordered_json::array();
  for (const auto& d : ds)
    arr.push_back({{"severity", severity_text(d.severity)},
                   {"code", d.code},
                   {"path", d.path},
                   {"rule", d.rule},
                   {"value", d.value},
                   {"message", d.message}});
  return arr.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string diagnostics_csv(const Diagnostics& ds) {
  std::string out = "severity,code,path,rule,value,message\n";
  for (const auto& d : ds)
    out += fmt::format("{},{},{},{},{},{}\n", severity_text(d.severity), csv_field(d.code),
                       csv_field(d.path), csv_field(d.rule), csv_field(d.value),
                       csv_field(d.message));
  return out;
}

}  // namespace shiftsim::cli
