#include "shiftsim/utf8.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

namespace shiftsim {

std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80U) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80U, hi = 0xBFU;  // allowed range of the second byte
    if (c >= 0xC2U && c <= 0xDFU) {
      len = 2;
    } else if (c >= 0xE0U && c <= 0xEFU) {
      len = 3;
      if (c == 0xE0U) lo = 0xA0U;       // no overlong forms
      if (c == 0xEDU) hi = 0x9FU;       // no surrogates
    } else if (c >= 0xF0U && c <= 0xF4U) {
      len = 4;
      if (c == 0xF0U) lo = 0x90U;       // no overlong forms
      if (c == 0xF4U) hi = 0x8FU;       // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    const auto c1 = static_cast<unsigned char>(text[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) return i;
    i += len;
  }
  return std::nullopt;
}

std::optional<Diagnostic> utf8_problem(std::string_view text, std::string_view path,
                                       std::string_view doc_name) {
  const auto bad = first_invalid_utf8(text);
  if (!bad) return std::nullopt;
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < *bad; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  const auto byte = static_cast<unsigned>(static_cast<unsigned char>(text[*bad]));
  std::string where = path.empty() ? std::string(doc_name)
                                   : fmt::format("{} ({})", path, doc_name);
  return Diagnostic{Severity::error,
                    error_code::utf8,
                    std::string(path),
                    "must be well-formed UTF-8",
                    fmt::format("byte 0x{:02X}", byte),
                    fmt::format("{}: not valid UTF-8 at line {}, column {} (byte 0x{:02X})", where,
                                line, column, byte)};
}

std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto bad = first_invalid_utf8(text);
    if (!bad) {
      out.append(text);
      break;
    }
    out.append(text.substr(0, *bad));
    out.append("\xEF\xBF\xBD");
    text.remove_prefix(*bad + 1);
  }
  return out;
}

}  // namespace shiftsim
