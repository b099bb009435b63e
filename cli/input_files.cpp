// Reading files and standard input for file flags (input_files.hpp).
#include "input_files.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/input_limits.hpp"

#include <fmt/core.h>

#include <cstdio>

namespace shiftsim::cli {

namespace {

constexpr std::string_view kSchemes[] = {"file://", "fileb://"};

/// Standard input, at most one byte past the budget (then E_SIZE).
std::string read_stdin(std::string_view flag, std::size_t max_bytes = kMaxDocumentBytes) {
  std::string text;
  char buf[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
    text.append(buf, n);
    if (text.size() > max_bytes) break;
  }
  if (std::ferror(stdin))
    throw_input_error(error_code::file, std::string(flag), "cannot be read", "\"stdin\"",
                      fmt::format("{}: cannot read stdin", flag));
  if (max_bytes == kMaxDocumentBytes) check_document_size(text, fmt::format("stdin ({})", flag));
  else if (text.size() > max_bytes)
    throw_input_error(error_code::size, std::string(flag),
                      fmt::format("at most {} bytes ({} MiB)", max_bytes, max_bytes >> 20),
                      fmt::format("over {} bytes", max_bytes),
                      fmt::format("stdin ({}): over {} bytes; a document has at most {} MiB",
                                  flag, max_bytes, max_bytes >> 20));
  return text;
}

}  // namespace

std::string strip_file_scheme(std::string_view value) {
  for (const auto scheme : kSchemes)
    if (value.starts_with(scheme)) return std::string(value.substr(scheme.size()));
  return std::string(value);
}

std::string input_name(std::string_view value) {
  return value == "-" ? std::string("stdin") : strip_file_scheme(value);
}

std::string read_input(std::string_view value, std::string_view flag, std::size_t max_bytes) {
  if (value == "-") return read_stdin(flag, max_bytes);
  return read_input_text(strip_file_scheme(value), flag, max_bytes);
}

std::string parameter_text(std::string_view value, std::string_view flag) {
  if (value == "-") return read_stdin(flag);
  for (const auto scheme : kSchemes)
    if (value.starts_with(scheme)) return read_input(value, flag);
  return std::string(value);
}

}  // namespace shiftsim::cli
