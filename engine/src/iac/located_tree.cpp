// JSON and YAML documents with the line of every member (located_tree.hpp).
#include "located_tree.hpp"

#include "yaml_scalar.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/utf8.hpp"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <iterator>
#include <regex>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shiftsim::iac::detail {

std::string child_path(std::string_view prefix, std::string_view key) {
  std::string p(prefix);
  p += '/';
  p += key;
  return p;
}

std::string child_path(std::string_view prefix, std::size_t index) {
  return fmt::format("{}/{}", prefix, index);
}

int LocatedTree::line_of(std::string_view path) const {
  std::string p(path);
  for (;;) {
    if (const auto it = lines.find(p); it != lines.end()) return it->second;
    const auto slash = p.rfind('/');
    if (slash == std::string::npos) return 1;
    p.resize(slash);
  }
}

namespace {

[[noreturn]] void fail(std::string code, std::string path, std::string rule, std::string_view file) {
  std::string message = fmt::format("{}: {}{}", file, rule,
                                    path.empty() ? std::string() : fmt::format(" (at {})", path));
  throw InputError({error_diagnostic(std::move(code), std::move(path), std::move(rule), "",
                                     std::move(message))});
}

void check_size(std::string_view text, std::string_view file, const ReadBudget& budget) {
  if (text.size() > budget.max_bytes)
    fail(error_code::size, "",
         fmt::format("the file is {} bytes; the limit is {} bytes", text.size(), budget.max_bytes),
         file);
  if (auto bad = utf8_problem(text, "", file)) throw InputError({std::move(*bad)});
}

// ------------------------------------------------------------------------------------- JSON

/// An input iterator over the text that publishes how far the parser has read, so that parser
/// callbacks know the line they are on.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* p, const char** sink) : p_(p), sink_(sink) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    ++p_;
    if (sink_) *sink_ = p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator t = *this;
    ++*this;
    return t;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.p_ == b.p_; }
  friend bool operator!=(const TrackingIterator& a, const TrackingIterator& b) { return a.p_ != b.p_; }

 private:
  const char* p_ = nullptr;
  const char** sink_ = nullptr;
};

/// Counts lines up to a position that only moves forward.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  int line_at(const char* pos) {
    const auto end = static_cast<std::size_t>(pos - text_.data());
    for (; done_ < end && done_ < text_.size(); ++done_)
      if (text_[done_] == '\n') ++line_;
    return line_;
  }
  [[nodiscard]] std::pair<int, int> line_column(std::size_t byte) const {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < byte && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return {line, col};
  }

 private:
  std::string_view text_;
  std::size_t done_ = 0;
  int line_ = 1;
};

struct Frame {
  bool object = false;
  std::string path;
  std::set<std::string> keys;
  std::string key;
  std::size_t next_index = 0;
};

struct JsonAbort {
  Diagnostic diagnostic;
};

}  // namespace

LocatedTree parse_located_json(std::string_view text, std::string_view file,
                               const ReadBudget& budget) {
  check_size(text, file, budget);
  LocatedTree tree;
  tree.lines[""] = 1;
  const char* pos = text.data();
  LineCounter counter(text);
  std::vector<Frame> frames;
  std::size_t nodes = 0;
  Diagnostics duplicates;
  const std::string file_name(file);

  // The path a value starting now gets, recording its line.
  auto enter = [&](bool container) -> std::string {
    if (++nodes > budget.max_nodes)
      throw JsonAbort{error_diagnostic(
          error_code::node_budget, frames.empty() ? "" : frames.back().path,
          fmt::format("more than {} values", budget.max_nodes), "",
          fmt::format("{}: more than {} values: the reader's node budget", file_name,
                      budget.max_nodes))};
    if (frames.empty()) return "";
    Frame& f = frames.back();
    if (f.object) return child_path(f.path, f.key);
    std::string p = child_path(f.path, f.next_index++);
    if (container) tree.lines[p] = counter.line_at(pos);
    return p;
  };
  auto push = [&](bool object) {
    std::string p = enter(true);
    if (frames.size() >= budget.max_depth)
      throw JsonAbort{error_diagnostic(
          error_code::depth, p, fmt::format("nesting deeper than {} levels", budget.max_depth), "",
          fmt::format("{}: nesting deeper than {} levels at {}", file_name, budget.max_depth, p))};
    frames.push_back(Frame{object, std::move(p), {}, {}, 0});
  };

  auto cb = [&](int /*depth*/, Json::parse_event_t ev, Json& parsed) -> bool {
    switch (ev) {
      case Json::parse_event_t::object_start: push(true); break;
      case Json::parse_event_t::array_start: push(false); break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames.empty()) frames.pop_back();
        break;
      case Json::parse_event_t::key: {
        Frame& f = frames.back();
        f.key = parsed.get<std::string>();
        const std::string p = child_path(f.path, f.key);
        tree.lines[p] = counter.line_at(pos);
        if (!f.keys.insert(f.key).second)
          duplicates.push_back(error_diagnostic(
              error_code::duplicate_key, p, fmt::format("duplicate key \"{}\"", f.key), "",
              fmt::format("{}: duplicate key \"{}\" at {} (line {}): JSON readers disagree on "
                          "which value wins",
                          file_name, f.key, p, tree.lines[p])));
        break;
      }
      case Json::parse_event_t::value: (void)enter(false); break;
    }
    return true;
  };

  try {
    TrackingIterator first(text.data(), &pos), last(text.data() + text.size(), nullptr);
    tree.root = Json::parse(first, last, cb, true, false);
  } catch (const JsonAbort& a) {
    throw InputError({a.diagnostic});
  } catch (const Json::parse_error& e) {
    const auto [line, col] = counter.line_column(e.byte == 0 ? 0 : e.byte - 1);
    std::string what = e.what();
    if (const auto p = what.find(": "); p != std::string::npos && what.find("parse error") < p)
      what = what.substr(p + 2);
    const std::string path = frames.empty() ? "" : frames.back().path;
    const bool truncated = e.byte >= text.size();
    fail(error_code::json_syntax, path,
         fmt::format("invalid JSON at line {}, column {}{}: {}", line, col,
                     truncated ? " (the file ends inside a value: truncated?)" : "", what),
         file);
  } catch (const Json::exception& e) {
    fail(error_code::json_syntax, frames.empty() ? "" : frames.back().path,
         fmt::format("invalid JSON: {}", e.what()), file);
  }
  if (!duplicates.empty()) throw InputError(std::move(duplicates));
  return tree;
}

// ------------------------------------------------------------------------------------- YAML

namespace {

/// The documented short forms (CloudFormation User Guide, "Intrinsic function reference"; the
/// language extension transform adds Length, ToJsonString and ForEach).
constexpr std::array<std::string_view, 18> kShortForms = {
    "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split",
    "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString", "ForEach", "GetAtt"};

struct YamlConverter {
  std::string_view file;
  const ReadBudget& budget;
  LocatedTree& tree;
  std::size_t nodes = 0;
  Diagnostics problems;

  [[noreturn]] void abort(std::string code, const std::string& slashed, int line, std::string rule) {
    std::string path;
    for (const char c : slashed.empty() ? slashed : slashed.substr(1)) path += c == '/' ? '.' : c;
    throw InputError({error_diagnostic(
        std::move(code), path, rule, "",
        fmt::format("{}: {} (line {}{})", file, rule, line,
                    path.empty() ? std::string() : fmt::format(", at {}", path)))});
  }

  /// The values under `node` once aliases are expanded, counted without expanding them: an
  /// alias is the anchored node itself (same mark), so each collection is counted once and its
  /// count reused (`memo`, by source position). Saturates above the budget; depth past the
  /// budget counts as too many.
  std::size_t expanded_size(const YAML::Node& node, std::size_t depth,
                            std::unordered_map<int, std::size_t>& memo) const {
    const std::size_t over = budget.max_nodes + 1;
    if (depth >= budget.max_depth) return over;
    if (!node.IsSequence() && !node.IsMap()) return 1;
    const int pos = node.Mark().pos;
    if (const auto it = memo.find(pos); pos >= 0 && it != memo.end()) return it->second;
    std::size_t n = 1;
    for (const auto& child : node) {
      n += expanded_size(node.IsMap() ? child.second : child, depth + 1, memo);
      if (n > budget.max_nodes) {
        n = over;
        break;
      }
    }
    if (pos >= 0) memo[pos] = n;
    return n;
  }

  Json convert(const YAML::Node& node, const std::string& path, std::size_t depth) {
    const int line = static_cast<int>(node.Mark().line) + 1;
    if (++nodes > budget.max_nodes)
      abort(error_code::node_budget, path, line,
            fmt::format("more than {} values (YAML aliases are expanded; the reader's node "
                        "budget)",
                        budget.max_nodes));
    if (depth >= budget.max_depth)
      abort(error_code::depth, path, line, fmt::format("nesting deeper than {} levels", budget.max_depth));
    const std::string& tag = node.Tag();
    if (!tag.empty() && tag[0] == '!' && tag.size() > 1 && tag[1] != '!') {
      const std::string name = tag.substr(1);
      Json inner = convert_untagged(node, path, depth, /*force_string=*/true);
      if (name == "Ref") return Json{{"Ref", std::move(inner)}};
      if (name == "Condition") return Json{{"Condition", std::move(inner)}};
      if (name == "Sub") return Json{{"Fn::Sub", std::move(inner)}};
      for (const auto f : kShortForms)
        if (f == name) return Json{{"Fn::" + name, std::move(inner)}};
      abort(error_code::cfn_intrinsic_unknown, path, line,
            fmt::format("unknown intrinsic function tag {}: CloudFormation documents !Ref, "
                        "!Sub, !GetAtt, !Join, !Select, !Split, !FindInMap, !If, !Equals, !And, "
                        "!Or, !Not, !Condition, !Base64, !Cidr, !GetAZs, !ImportValue, "
                        "!Transform (and, with AWS::LanguageExtensions, !Length, !ToJsonString, "
                        "!ForEach)",
                        tag));
    }
    return convert_untagged(node, path, depth, false);
  }

  Json convert_untagged(const YAML::Node& node, const std::string& path, std::size_t depth,
                        bool force_string) {
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return force_string ? Json("") : Json(nullptr);
      case YAML::NodeType::Scalar: {
        const std::string& tag = node.Tag();
        if (force_string || tag == "!" || tag == "tag:yaml.org,2002:str") return node.Scalar();
        return shiftsim::detail::resolve_plain_scalar(node.Scalar());
      }
      case YAML::NodeType::Sequence: {
        Json arr = Json::array();
        std::size_t i = 0;
        for (const auto& child : node) {
          const std::string p = child_path(path, i++);
          tree.lines[p] = static_cast<int>(child.Mark().line) + 1;
          arr.push_back(convert(child, p, depth + 1));
        }
        return arr;
      }
      case YAML::NodeType::Map: {
        Json obj = Json::object();
        for (const auto& kv : node) {
          const int line = static_cast<int>(kv.first.Mark().line) + 1;
          if (!kv.first.IsScalar())
            abort(error_code::yaml_syntax, path, line, "a mapping key must be a plain scalar");
          const std::string& key = kv.first.Scalar();
          const std::string p = child_path(path, key);
          if (obj.contains(key))
            problems.push_back(error_diagnostic(
                error_code::duplicate_key, p, fmt::format("duplicate key \"{}\"", key), "",
                fmt::format("{}: duplicate key \"{}\" at {} (line {})", file, key, p, line)));
          tree.lines[p] = line;
          obj[key] = convert(kv.second, p, depth + 1);
        }
        return obj;
      }
    }
    return nullptr;
  }
};

}  // namespace

LocatedTree parse_located_cfn_yaml(std::string_view text, std::string_view file,
                                   const ReadBudget& budget) {
  check_size(text, file, budget);
  LocatedTree tree;
  tree.lines[""] = 1;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    fail(error_code::yaml_syntax, "",
         fmt::format("invalid YAML at line {}, column {}: {}", e.mark.line + 1,
                     e.mark.column + 1, e.msg),
         file);
  }
  YamlConverter conv{file, budget, tree, 0, {}};
  // Aliases share nodes in yaml-cpp: count the expanded tree first, cheaply, so that an alias
  // bomb stops within the budget before any value or path is built.
  std::unordered_map<int, std::size_t> memo;
  if (conv.expanded_size(root, 0, memo) > budget.max_nodes) {
    conv.abort(error_code::node_budget, "", static_cast<int>(root.Mark().line) + 1,
               fmt::format("more than {} values (YAML aliases expanded) or nesting deeper than "
                           "{} levels: the reader's budget",
                           budget.max_nodes, budget.max_depth));
  }
  tree.root = conv.convert(root, "", 0);
  if (!conv.problems.empty()) throw InputError(std::move(conv.problems));
  return tree;
}

}  // namespace shiftsim::iac::detail
