// The first pass of the YAML reader: the budget, counted on the parser's events (yaml_budget.hpp).
#include "yaml_budget.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shiftsim::detail {

namespace {

/// What an anchored node expands to.
struct Anchored {
  bool complete = false;    ///< false while the parser is still inside it
  std::size_t values = 0;   ///< values, aliases within it expanded
  std::size_t bytes = 0;    ///< text (scalars and keys), aliases within it expanded
  std::size_t height = 0;   ///< 0 for a scalar, 1 + the tallest child for a collection
  std::string name;         ///< as written after `&`
};

/// Counts the document's events against the limits; throws LimitHit at the first one crossed.
/// Memory: one frame per open collection (<= 64) and one entry per anchor.
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

  [[nodiscard]] std::unordered_set<YAML::anchor_t> take_used() { return std::move(used_); }

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
  std::unordered_set<YAML::anchor_t> used_;  ///< anchors some alias names
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
    throw limit_hit(error_code::yaml_syntax, "", "an alias names a value that does not contain it",
                    "",
                    fmt::format("{}: the alias *{} is inside the value it names (a cycle)",
                                line_of(mark),
                                it == anchors_.end() ? std::string("?") : it->second.name),
                    doc_name_);
  const Anchored& a = it->second;
  used_.insert(anchor);
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

}  // namespace

std::unordered_set<YAML::anchor_t> check_yaml_budget(std::string_view text,
                                                     std::string_view doc_name) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  ExpansionBudget budget(doc_name);
  (void)parser.HandleNextDocument(budget);  // the first document, as YAML::Load reads
  return budget.take_used();
}

}  // namespace shiftsim::detail
