// The YAML half of parse_tree() (json_tree.hpp): YAML text -> JSON tree, aliases expanded within
// the budget of input_limits.hpp.
//
// Two passes over the parser's events. The first (yaml_budget.cpp) counts what the tree would
// hold and stops at the first limit crossed; only a document within every limit reaches the
// second, which builds the tree directly from the events (no yaml-cpp node graph). An alias is
// built as a copy of the value its anchor named; copies are kept only for anchors that some alias
// uses, and each such anchor is expanded at least once within the budget, so the copies cost at
// most the budget again: the tree and its copies stay within 2 x (100,000 values, 1 MiB of text).
#include "json_tree.hpp"
#include "yaml_budget.hpp"
#include "yaml_scalar.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/utf8.hpp"

#include <fmt/core.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shiftsim::detail {

namespace {

/// Builds the tree from the events of a document the budget passed.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::unordered_set<YAML::anchor_t> used, std::string_view doc_name,
              Diagnostics& out)
      : used_(std::move(used)), doc_name_(doc_name), out_(out) {}

  [[nodiscard]] Json take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    keep(anchor, nullptr, "null");
    deliver(nullptr, "null", mark);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Copy& c = anchors_.at(anchor);  // the budget refused aliases to unfinished values
    deliver(c.value, c.text, mark);
  }
  void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/,
                       YAML::anchor_t anchor, YAML::EmitterStyle::value /*style*/) override {
    stack_.push_back(Open{Json::array(), next_path(), anchor, {}, {}});
  }
  void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    stack_.push_back(Open{Json::object(), next_path(), anchor, {}, {}});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Json value;                      ///< the array or object being built
    std::string path;                ///< its path, for diagnostics
    YAML::anchor_t anchor;
    std::optional<std::string> key;  ///< object: the key waiting for its value
    std::set<std::string> seen;      ///< object: keys so far
  };
  struct Copy {
    Json value;        ///< what an alias to the anchor becomes
    std::string text;  ///< a scalar's text, for an alias used as a key
  };

  [[nodiscard]] bool at_key() const {
    return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().key;
  }

  /// The path of the next node: the innermost collection's next item or member (a key's
  /// problems are reported at the mapping's path).
  [[nodiscard]] std::string next_path() const {
    if (stack_.empty()) return {};
    const Open& o = stack_.back();
    if (o.value.is_array()) return index_path(o.path, o.value.size());
    return o.key ? join_path(o.path, *o.key) : o.path;
  }

  void keep(YAML::anchor_t anchor, const Json& value, std::string text) {
    if (anchor != YAML::NullAnchor && used_.count(anchor) != 0)
      anchors_[anchor] = Copy{value, std::move(text)};
  }

  /// A finished node goes to the innermost collection: as an item, a key or a member's value.
  void deliver(Json value, const std::string& text, const YAML::Mark& mark) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return;
    }
    Open& o = stack_.back();
    if (o.value.is_array()) {
      o.value.push_back(std::move(value));
    } else if (!o.key) {
      std::string key = text;
      if (auto bad = utf8_problem(key, o.path, doc_name_)) {
        out_.push_back(std::move(*bad));
        key = replace_invalid_utf8(key);
      }
      if (!o.seen.insert(key).second)
        out_.push_back(make_diag(Severity::error, error_code::duplicate_key, join_path(o.path, key),
                                 fmt::format("duplicate key \"{}\" (line {})", key, mark.line + 1),
                                 "", doc_name_));
      o.key = std::move(key);
    } else {
      o.value[*o.key] = std::move(value);  // a repeated key: the last value is kept
      o.key.reset();
    }
  }

  void close() {
    Open o = std::move(stack_.back());
    stack_.pop_back();
    keep(o.anchor, o.value, {});
    deliver(std::move(o.value), {}, YAML::Mark());
  }

  std::unordered_set<YAML::anchor_t> used_;
  std::string_view doc_name_;
  Diagnostics& out_;
  std::vector<Open> stack_;
  std::unordered_map<YAML::anchor_t, Copy> anchors_;
  Json root_;  ///< null for an empty document, as YAML::Load gives
};

void TreeBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                           const std::string& value) {
  const bool key = at_key();
  std::string text = value;
  // An escape such as "\xFF" makes an ill-formed string out of well-formed text. A key's
  // problem is reported by deliver(), with the key's other checks.
  if (auto bad = utf8_problem(value, next_path(), doc_name_)) {
    if (!key) out_.push_back(std::move(*bad));
    text = replace_invalid_utf8(value);
  }
  // Quoted (`!`) or !!str: a string. Plain (`?`), or another explicit tag (!!int, ...) that only
  // confirms what the text says: the core schema.
  Json v = tag == "!" || tag == "tag:yaml.org,2002:str" ? Json(text) : resolve_plain_scalar(text);
  keep(anchor, v, text);
  deliver(std::move(v), key ? value : text, mark);
}

}  // namespace

std::optional<Json> parse_yaml(std::string_view text, std::string_view doc_name,
                               Diagnostics& out) {
  if (auto bad = utf8_problem(text, "", doc_name)) {
    out.push_back(std::move(*bad));
    return std::nullopt;
  }
  try {
    TreeBuilder builder(check_yaml_budget(text, doc_name), doc_name, out);
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    (void)parser.HandleNextDocument(builder);  // the first document, as YAML::Load reads
    return builder.take_root();
  } catch (const LimitHit& hit) {
    out.push_back(hit.diagnostic);
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    out.push_back(make_diag(Severity::error, error_code::yaml_syntax, "",
                            fmt::format("invalid YAML at line {}, column {}: {}", e.mark.line + 1,
                                        e.mark.column + 1, e.msg),
                            "", doc_name));
    return std::nullopt;
  }
}

}  // namespace shiftsim::detail
