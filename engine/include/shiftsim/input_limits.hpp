#pragma once
// The budget of every input reader: request, describe and scenario documents (JSON or YAML, from
// a file or a flag value), the `--deployment-config` shorthand, and input files. A document over
// any limit is refused with exit 2 and one of the codes below; nothing larger than the budget is
// ever read or built, so memory and time stay bounded whatever the input (README "Limits").
//
//   limit                                         code           where it is enforced
//   a document or input file: 1 MiB               E_SIZE         read_input_text(), parse_tree()
//   nesting of lists and mappings: 64 levels      E_DEPTH        parse_tree(), shorthand
//   values (scalars, lists, mappings): 100,000,   E_NODE_BUDGET  parse_tree(), shorthand
//     YAML aliases expanded (the message names
//     the line of the alias that crossed it)
//   text once YAML aliases are expanded: 1 MiB    E_NODE_BUDGET  parse_tree()
//   one string or key: 64 KiB                     E_LENGTH       parse_tree()
//   members of one mapping: 10,000                E_LIST_LENGTH  parse_tree(), shorthand
//
// `check`'s infrastructure-as-code readers (Terraform plans, CloudFormation templates: iac/) use
// the same codes with larger limits: 16 MiB (E_SIZE), 64 levels (E_DEPTH), 1,000,000 values,
// YAML aliases counted before anything is expanded (E_NODE_BUDGET).
//
// The SageMaker model's own limits (ProductionVariants <= 10, Alarms <= 10, string lengths,
// integer ranges) apply on top, as validate.hpp describes. The sweep's ranges have theirs in
// int_range.hpp.
#include <cstddef>
#include <string>
#include <string_view>

namespace shiftsim {

inline constexpr std::size_t kMaxDocumentBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMaxNesting = 64;
inline constexpr std::size_t kMaxValues = 100'000;
inline constexpr std::size_t kMaxExpandedBytes = kMaxDocumentBytes;
inline constexpr std::size_t kMaxStringBytes = std::size_t{64} << 10;
inline constexpr std::size_t kMaxMembers = 10'000;
/// Infrastructure-as-code documents (Terraform plans, CloudFormation templates: `check`) are
/// larger: a 200-endpoint plan is about 1 MB. Their readers have their own budget (iac/).
inline constexpr std::size_t kMaxIacDocumentBytes = std::size_t{16} << 20;
/// Values in one infrastructure-as-code document (YAML aliases expanded): ~200 MB of tree at most.
inline constexpr std::size_t kMaxIacValues = 1'000'000;

/// The whole text of the file at `path` (a regular file, a pipe such as `<(...)` or
/// /dev/stdin), reading at most max_bytes + 1 bytes. Throws InputError: E_FILE (missing,
/// a directory, unreadable; message "<what>: cannot read <path>: <reason>"), E_SIZE (larger than
/// max_bytes). `what` names what the file is for ("--endpoint", "--scenario").
[[nodiscard]] std::string read_input_text(const std::string& path, std::string_view what,
                                          std::size_t max_bytes = kMaxDocumentBytes);

/// Throws InputError E_SIZE when `text` is longer than kMaxDocumentBytes; `doc_name` appears in
/// the message.
void check_document_size(std::string_view text, std::string_view doc_name);

}  // namespace shiftsim
