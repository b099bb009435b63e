#pragma once
// UTF-8 well-formedness at the input boundary. Every text a user hands shiftsim (files, YAML,
// flag values) is checked before it reaches a JSON library that throws on ill-formed UTF-8 when
// it serialises, so a stray byte is an input error (E_UTF8) and never an internal one.
#include "shiftsim/diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace shiftsim {

/// Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence
/// (overlong forms, surrogates and code points above U+10FFFF count as ill-formed); nullopt
/// when the whole text is well-formed.
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept;

/// The E_UTF8 diagnostic for `text` (line, column and byte named), or nullopt when it is valid.
/// `path` is the field or flag it came from (may be empty); `doc_name` appears in the message.
[[nodiscard]] std::optional<Diagnostic> utf8_problem(std::string_view text, std::string_view path,
                                                     std::string_view doc_name);

/// `text` with every ill-formed byte replaced by U+FFFD (for carrying a value on after its
/// E_UTF8 problem has been reported).
[[nodiscard]] std::string replace_invalid_utf8(std::string_view text);

}  // namespace shiftsim
