// The YAML half of parse_tree() (json_tree.hpp): YAML text -> JSON tree, aliases expanded within
// the budget of input_limits.hpp.
//
// Two passes over the text. yaml-cpp loads an alias as a second reference to its anchor's node,
// so a document of a few hundred bytes (nine levels of nine aliases: "billion laughs") loads
// cheaply and only explodes when it is walked into a tree. The first pass therefore reads the
// parser's events alone, builds nothing, and adds up what the tree would hold: values, text,
// nesting and members, with each alias counted as the whole value it names. It stops at the first
// limit crossed and names that line (for an alias: the alias). Only a document within every
// limit is then loaded and converted, and that conversion cannot exceed the limits.
#include "json_tree.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/utf8.hpp"

#include <fmt/core.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shiftsim::detail {

namespace {

// ---------------------------------------------------------------- pass 1: the budget

/// What an anchored node expands to.
struct Anchored {
  bool complete = false;    ///< false while the parser is still inside it
  std::size_t values = 0;   ///< values, aliases within it expanded
  std::size_t bytes = 0;    ///< text (scalars and keys), aliases within it expanded
  std::size_t height = 0;   ///< 0 for a scalar, 1 + the tallest child for a collection
  std::string name;         ///< as written after `&`
};

/// Counts the document's events against the limits; throws LimitHit at the first one crossed.
class ExpansionBudget final : public YAML::EventHandler {
 public:
  explicit ExpansionBudget(std::string_view doc_name) : doc_name_(doc_name) {}

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}
  void OnAnchor(const YAML::Mark& /*mark*/, const std::string& name) override { pending_ = name; }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { scalar(mark, anchor, 0); }
  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                const std::string& value) override {
    scalar(mark, anchor, value.size());
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(mark, anchor, false);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(mark, anchor, true);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;

 private:
  struct Frame {
    bool map = false;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t values_before = 0, bytes_before = 0;
    std::size_t members = 0;
    bool at_key = true;      ///< map: the next node is a key
    std::size_t height = 1;  ///< 1 + the tallest child so far
    int line = 0;            ///< 1-based line of the collection
  };

  [[nodiscard]] bool at_key() const noexcept {
    return !stack_.empty() && stack_.back().map && stack_.back().at_key;
  }
  [[nodiscard]] static std::string line_of(const YAML::Mark& m) {
    return fmt::format("line {}", m.line + 1);
  }

  void scalar(const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t bytes);
  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool map);
  void close();
  void key(const YAML::Mark& mark, std::size_t bytes);
  void add(const YAML::Mark& mark, std::size_t values, std::size_t bytes, std::string_view what);
  /// The node just finished (a scalar, an alias or a collection of `height`) is a child of the
  /// innermost collection.
  void finished(std::size_t height);
  void remember(YAML::anchor_t anchor, Anchored a);

  std::string_view doc_name_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::string pending_;  ///< the name of the anchor the next node event carries
  std::size_t values_ = 0, bytes_ = 0;
};

void ExpansionBudget::remember(YAML::anchor_t anchor, Anchored a) {
  if (anchor == YAML::NullAnchor) return;
  a.name = std::exchange(pending_, std::string());
  anchors_[anchor] = std::move(a);
}

void ExpansionBudget::key(const YAML::Mark& mark, std::size_t bytes) {
  Frame& f = stack_.back();
  if (++f.members > kMaxMembers)
    throw limit_hit(error_code::list_length, "", members_rule(), "",
                    fmt::format("{}: the mapping that starts on line {}", line_of(mark), f.line),
                    doc_name_);
  add(mark, 0, bytes, "this key");
}

void ExpansionBudget::add(const YAML::Mark& mark, std::size_t values, std::size_t bytes,
                          std::string_view what) {
  values_ += values;
  bytes_ += bytes;
  if (values_ > kMaxValues)
    throw limit_hit(error_code::node_budget, "", values_rule(), "",
                    fmt::format("{}: {} takes the document over budget", line_of(mark), what),
                    doc_name_);
  if (bytes_ > kMaxExpandedBytes)
    throw limit_hit(error_code::node_budget, "", expanded_text_rule(), "",
                    fmt::format("{}: {} takes the document over budget", line_of(mark), what),
                    doc_name_);
}

void ExpansionBudget::scalar(const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t bytes) {
  if (bytes > kMaxStringBytes)
    throw limit_hit(error_code::length, "", string_length_rule(), fmt::format("{} bytes", bytes),
                    line_of(mark), doc_name_);
  if (at_key())
    key(mark, bytes);
  else
    add(mark, 1, bytes, "this value");
  remember(anchor, Anchored{true, 1, bytes, 0, {}});
  finished(0);
}

void ExpansionBudget::open(const YAML::Mark& mark, YAML::anchor_t anchor, bool map) {
  if (at_key())
    throw limit_hit(error_code::type, "", "a mapping key is a scalar (JSON keys are text)", "",
                    fmt::format("{}: a list or mapping used as a key", line_of(mark)), doc_name_);
  if (stack_.size() >= kMaxNesting)
    throw limit_hit(error_code::depth, "", nesting_rule(), "", line_of(mark), doc_name_);
  add(mark, 1, 0, map ? "this mapping" : "this list");
  stack_.push_back(Frame{map, anchor, values_ - 1, bytes_, 0, true, 1, mark.line + 1});
  remember(anchor, Anchored{});  // incomplete until close()
}

void ExpansionBudget::close() {
  if (stack_.empty()) return;
  const Frame f = stack_.back();
  stack_.pop_back();
  if (f.anchor != YAML::NullAnchor) {
    Anchored& a = anchors_[f.anchor];
    a.complete = true;
    a.values = values_ - f.values_before;
    a.bytes = bytes_ - f.bytes_before;
    a.height = f.height;
  }
  finished(f.height);
}

void ExpansionBudget::finished(std::size_t height) {
  if (stack_.empty()) return;
  Frame& parent = stack_.back();
  parent.height = std::max(parent.height, height + 1);
  if (parent.map) parent.at_key = !parent.at_key;
}

void ExpansionBudget::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  const auto it = anchors_.find(anchor);
  if (it == anchors_.end() || !it->second.complete)
    throw limit_hit(error_code::yaml_syntax, "", "an alias names a value that does not contain it", "",
                    fmt::format("{}: the alias *{} is inside the value it names (a cycle)",
                                line_of(mark),
                                it == anchors_.end() ? std::string("?") : it->second.name),
                    doc_name_);
  const Anchored& a = it->second;
  const std::string what = fmt::format("the alias *{} ({} values, {} bytes of text)", a.name,
                                       a.values, a.bytes);
  if (at_key()) {
    if (a.height > 0)
      throw limit_hit(error_code::type, "", "a mapping key is a scalar (JSON keys are text)", "",
                      fmt::format("{}: the alias *{} names a list or mapping, used as a key",
                                  line_of(mark), a.name),
                      doc_name_);
    key(mark, a.bytes);
  } else {
    if (stack_.size() + a.height > kMaxNesting)
      throw limit_hit(error_code::depth, "", nesting_rule(), "",
                      fmt::format("{}: {} nests {} levels inside {}", line_of(mark), what,
                                  a.height, stack_.size()),
                      doc_name_);
    add(mark, a.values, a.bytes, what);
  }
  finished(a.height);
}

// ---------------------------------------------------------------- pass 2: the tree

/// YAML 1.2 core schema resolution of a plain scalar.
Json resolve_plain_scalar(const std::string& s) {
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (std::regex_match(s, kInt)) {
    const char* b = s.data() + (s[0] == '+' ? 1 : 0);
    std::int64_t v = 0;
    const auto r = std::from_chars(b, s.data() + s.size(), v);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return v;
    return std::strtod(s.c_str(), nullptr);  // out of 64 bits: a number, not an integer
  }
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    std::int64_t v = 0;
    const auto r = std::from_chars(s.data() + 2, s.data() + s.size(), v, s[1] == 'x' ? 16 : 8);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return v;
  }
  if (std::regex_match(s, kFloat)) return std::strtod(s.c_str(), nullptr);
  return s;  // including .inf / .nan: not representable in JSON, kept as text
}

/// The loaded document as a tree. Called only on documents the budget passed, so the walk is
/// bounded by the limits (aliases are walked once per use, as they expand).
Json yaml_to_json(const YAML::Node& node, const std::string& path, std::string_view doc_name,
                  Diagnostics& out) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar: {
      if (auto bad = utf8_problem(node.Scalar(), path, doc_name)) {
        out.push_back(std::move(*bad));  // an escape such as "\xFF" makes an ill-formed string
        return replace_invalid_utf8(node.Scalar());
      }
      const std::string& tag = node.Tag();
      const std::string& s = node.Scalar();
      if (tag == "!" || tag == "tag:yaml.org,2002:str") return s;
      // Plain (`?`), or an explicit tag (!!int, ...) that only confirms what the text says.
      return resolve_plain_scalar(s);
    }
    case YAML::NodeType::Sequence: {
      Json arr = Json::array();
      std::size_t i = 0;
      for (const auto& child : node) {
        arr.push_back(yaml_to_json(child, index_path(path, i), doc_name, out));
        ++i;
      }
      return arr;
    }
    case YAML::NodeType::Map: {
      Json obj = Json::object();
      std::set<std::string> seen;
      for (const auto& kv : node) {
        // The budget refused list and mapping keys; a null key is "null", as the AWS CLI's JSON
        // encoder writes it.
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("null");
        if (auto bad = utf8_problem(key, path, doc_name)) {
          out.push_back(std::move(*bad));
          key = replace_invalid_utf8(key);
        }
        const std::string child_path = join_path(path, key);
        if (!seen.insert(key).second)
          out.push_back(make_diag(Severity::error, error_code::duplicate_key, child_path,
                                  fmt::format("duplicate key \"{}\" (line {})", key,
                                              kv.first.Mark().line + 1),
                                  "", doc_name));
        obj[key] = yaml_to_json(kv.second, child_path, doc_name, out);
      }
      return obj;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<Json> parse_yaml(std::string_view text, std::string_view doc_name,
                               Diagnostics& out) {
  if (auto bad = utf8_problem(text, "", doc_name)) {
    out.push_back(std::move(*bad));
    return std::nullopt;
  }
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    ExpansionBudget budget(doc_name);
    (void)parser.HandleNextDocument(budget);  // the first document, as YAML::Load reads
    const YAML::Node root = YAML::Load(std::string(text));
    return yaml_to_json(root, "", doc_name, out);
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
