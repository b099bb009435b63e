#pragma once
// Private: text (JSON or YAML) -> one JSON-like tree (nlohmann::ordered_json, key order kept),
// with syntax errors and duplicate keys reported as Diagnostics instead of thrown.
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/input_limits.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::detail {

using Json = nlohmann::ordered_json;

/// Parses `text`: the one reader of every JSON and YAML document (requests, describe outputs,
/// scenarios, flag values). Syntax errors (E_JSON_SYNTAX / E_YAML_SYNTAX, rule "line L, column
/// C: ...") and duplicate keys (E_DUPLICATE_KEY, path of the repeated member; the last value is
/// kept) are appended to `out`. The budget of input_limits.hpp is enforced while parsing (E_SIZE,
/// E_DEPTH, E_NODE_BUDGET, E_LENGTH, E_LIST_LENGTH: one diagnostic, and no tree): a YAML
/// document's aliases are expanded within it, and the message names the line of the alias that
/// crossed it. Returns nullopt only when there is no tree (syntax error or a limit crossed).
/// YAML plain scalars follow the YAML 1.2 core schema; quoted scalars are strings; `.inf` and
/// `.nan` stay text (JSON cannot carry them; see is_yaml_non_finite()).
[[nodiscard]] std::optional<Json> parse_tree(std::string_view text, aws::Format format,
                                             std::string_view doc_name, Diagnostics& out);

/// The YAML half of parse_tree() (yaml_tree.cpp); `text` is within kMaxDocumentBytes.
[[nodiscard]] std::optional<Json> parse_yaml(std::string_view text, std::string_view doc_name,
                                             Diagnostics& out);

/// Is `v` one of YAML's non-finite float spellings (`.inf`, `-.inf`, `.nan`, ...), which
/// parse_tree() keeps as text?
[[nodiscard]] bool is_yaml_non_finite(const Json& v) noexcept;

/// A limit of input_limits.hpp crossed inside a parser (thrown from its callbacks and reported
/// by parse_tree() as the document's one diagnostic).
struct LimitHit {
  Diagnostic diagnostic;
};

/// The limits' rules, as diagnostics state them.
[[nodiscard]] std::string nesting_rule();
[[nodiscard]] std::string values_rule();
[[nodiscard]] std::string expanded_text_rule();
[[nodiscard]] std::string members_rule();
[[nodiscard]] std::string string_length_rule();

/// A LimitHit: message "<lead>: <rule> (got <value>) in <doc>" (lead and value may be empty).
[[nodiscard]] LimitHit limit_hit(std::string code, std::string path, std::string rule,
                                 std::string value, std::string_view lead,
                                 std::string_view doc_name);

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
