#pragma once
// Private: text (JSON or YAML) -> one JSON-like tree (nlohmann::ordered_json, key order kept),
// with syntax errors and duplicate keys reported as Diagnostics instead of thrown.
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::detail {

using Json = nlohmann::ordered_json;

/// Parses `text`. Syntax errors (E_JSON_SYNTAX / E_YAML_SYNTAX, rule "line L, column C: ...")
/// and duplicate keys (E_DUPLICATE_KEY, path of the repeated member; the last value is kept)
/// are appended to `out`. Returns nullopt only when there is no tree (syntax error).
/// YAML plain scalars follow the YAML 1.2 core schema; quoted scalars are strings.
[[nodiscard]] std::optional<Json> parse_tree(std::string_view text, aws::Format format,
                                             std::string_view doc_name, Diagnostics& out);

/// " in <doc>" for messages, or "" when doc_name is empty.
[[nodiscard]] std::string doc_suffix(std::string_view doc_name);

/// `prefix.member` (or `member` when prefix is empty).
[[nodiscard]] std::string join_path(std::string_view prefix, std::string_view member);

/// `prefix[i]`.
[[nodiscard]] std::string index_path(std::string_view prefix, std::size_t i);

/// The value as short JSON text for Diagnostic::value (long texts are cut with "...").
[[nodiscard]] std::string value_text(const Json& v);

/// Builds an error/warning Diagnostic; message = rule + " (got value)" when value is non-empty,
/// + doc_suffix(doc_name).
[[nodiscard]] Diagnostic make_diag(Severity sev, std::string code, std::string path,
                                   std::string rule, std::string value,
                                   std::string_view doc_name);

}  // namespace shiftsim::detail
