#include "json_tree.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/utf8.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

namespace shiftsim::detail {

std::string doc_suffix(std::string_view doc_name) {
  return doc_name.empty() ? std::string() : fmt::format(" in {}", doc_name);
}

std::string join_path(std::string_view prefix, std::string_view member) {
  if (prefix.empty()) return std::string(member);
  return fmt::format("{}.{}", prefix, member);
}

std::string index_path(std::string_view prefix, std::size_t i) {
  return fmt::format("{}[{}]", prefix, i);
}

namespace {

constexpr std::size_t kValueMax = 120;

/// Bounded rendering: never walks more than a few levels or characters of a huge value.
void brief(const Json& v, std::string& out, int depth) {
  if (out.size() > kValueMax) return;
  if (v.is_array() || v.is_object()) {
    const bool arr = v.is_array();
    if (depth >= 3 && !v.empty()) {
      out += arr ? "[...]" : "{...}";
      return;
    }
    out += arr ? '[' : '{';
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) out += ',';
      first = false;
      if (out.size() > kValueMax) break;
      if (!arr) out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace) + ':';
      brief(*it, out, depth + 1);
    }
    out += arr ? ']' : '}';
    return;
  }
  if (v.is_string() && v.get_ref<const std::string&>().size() > kValueMax) {
    out += Json(v.get_ref<const std::string&>().substr(0, kValueMax))
               .dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out += v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// Replaces every byte that is not part of a well-formed UTF-8 sequence by '?'.
std::string sanitize_utf8(std::string s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80U ? 1 : (c >> 5U) == 0x6U ? 2 : (c >> 4U) == 0xEU ? 3 : (c >> 3U) == 0x1EU ? 4 : 0;
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0U) == 0x80U;
    if (!ok) {
      s[i] = '?';
      len = 1;
    }
    i += len;
  }
  return s;
}

}  // namespace

std::string value_text(const Json& v) {
  std::string s;
  brief(v, s, 0);
  if (s.size() > kValueMax) s = s.substr(0, kValueMax) + "...";
  return sanitize_utf8(std::move(s));
}

Diagnostic make_diag(Severity sev, std::string code, std::string path, std::string rule,
                     std::string value, std::string_view doc_name) {
  path = sanitize_utf8(std::move(path));
  rule = sanitize_utf8(std::move(rule));
  value = sanitize_utf8(std::move(value));
  std::string message = value.empty() ? rule : fmt::format("{} (got {})", rule, value);
  message += sanitize_utf8(doc_suffix(doc_name));
  return Diagnostic{sev, std::move(code), std::move(path), std::move(rule), std::move(value),
                    std::move(message)};
}

std::string nesting_rule() {
  return fmt::format("lists and mappings nest at most {} levels", kMaxNesting);
}
std::string values_rule() {
  return fmt::format("at most {} values (scalars, lists and mappings; YAML aliases expanded)",
                     kMaxValues);
}
std::string expanded_text_rule() {
  return fmt::format("at most {} bytes of text once YAML aliases are expanded", kMaxExpandedBytes);
}
std::string members_rule() {
  return fmt::format("a mapping has at most {} members", kMaxMembers);
}
std::string string_length_rule() {
  return fmt::format("a string or key has at most {} bytes", kMaxStringBytes);
}

LimitHit limit_hit(std::string code, std::string path, std::string rule, std::string value,
                   std::string_view lead, std::string_view doc_name) {
  Diagnostic d = make_diag(Severity::error, std::move(code), std::move(path), std::move(rule),
                           std::move(value), doc_name);
  if (!lead.empty()) d.message = sanitize_utf8(fmt::format("{}: {}", lead, d.message));
  return LimitHit{std::move(d)};
}

bool is_yaml_non_finite(const Json& v) noexcept {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  for (const char* t : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
                        "-.INF", ".nan", ".NaN", ".NAN"})
    if (s == t) return true;
  return false;
}

namespace {

// ---------------------------------------------------------------- JSON

/// Line and column (1-based) of the byte at 1-based position `byte` (nlohmann's convention).
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1, col = 1;
  const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

/// Tracks the path of the value being parsed, to name duplicate keys.
struct Frame {
  bool object = false;
  std::set<std::string> keys;
  std::string key;     // current member (object)
  std::size_t index = 0;  // next index (array)
  bool started = false;   // array: at least one element seen
  std::size_t members = 0;  // object: keys seen, repeated ones included
};

std::string frames_path(const std::vector<Frame>& frames, std::size_t upto) {
  std::string p;
  for (std::size_t i = 0; i < upto; ++i) {
    const auto& f = frames[i];
    if (f.object)
      p = join_path(p, f.key);
    else
      p = index_path(p, f.index);
  }
  return p;
}

void enter_value(std::vector<Frame>& frames) {
  if (frames.empty() || frames.back().object) return;
  auto& f = frames.back();
  if (f.started) ++f.index;
  f.started = true;
}

/// The budget of input_limits.hpp, checked event by event: nothing beyond it is ever built (the
/// callback throws before nlohmann inserts the member or value that crosses a limit).
class JsonBudget {
 public:
  explicit JsonBudget(std::string_view doc_name) : doc_name_(doc_name) {}

  bool operator()(Json::parse_event_t ev, Json& parsed) {
    switch (ev) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        enter_value(frames_);
        count_value();
        if (frames_.size() >= kMaxNesting)
          throw limit_hit(error_code::depth, path(), nesting_rule(), "", "", doc_name_);
        frames_.push_back(Frame{ev == Json::parse_event_t::object_start, {}, {}, 0, false, 0});
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        break;
      case Json::parse_event_t::key: key(parsed); break;
      case Json::parse_event_t::value:
        enter_value(frames_);
        count_value();
        if (parsed.is_string()) check_length(parsed.get_ref<const std::string&>().size());
        break;
    }
    return true;
  }

  [[nodiscard]] std::string path() const { return frames_path(frames_, frames_.size()); }
  [[nodiscard]] Diagnostics take_duplicates() { return std::move(duplicates_); }

 private:
  void count_value() {
    if (++values_ > kMaxValues)
      throw limit_hit(error_code::node_budget, path(), values_rule(), "", "", doc_name_);
  }

  void check_length(std::size_t bytes) const {
    if (bytes > kMaxStringBytes)
      throw limit_hit(error_code::length, path(), string_length_rule(),
                      fmt::format("{} bytes", bytes), "", doc_name_);
  }

  void key(const Json& parsed) {
    if (frames_.empty()) return;
    auto& f = frames_.back();
    f.key = parsed.is_string() ? parsed.get<std::string>() : parsed.dump();
    check_length(f.key.size());
    if (++f.members > kMaxMembers)
      throw limit_hit(error_code::list_length, frames_path(frames_, frames_.size() - 1),
                      members_rule(), "", "", doc_name_);
    if (!f.keys.insert(f.key).second)
      duplicates_.push_back(make_diag(Severity::error, error_code::duplicate_key, path(),
                                      fmt::format("duplicate key \"{}\" (JSON parsers disagree on "
                                                  "which value wins)",
                                                  f.key),
                                      "", doc_name_));
  }

  std::string_view doc_name_;
  std::vector<Frame> frames_;
  std::size_t values_ = 0;
  Diagnostics duplicates_;
};

std::optional<Json> parse_json(std::string_view text, std::string_view doc_name,
                               Diagnostics& out) {
  JsonBudget budget(doc_name);
  auto cb = [&](int /*depth*/, Json::parse_event_t ev, Json& parsed) -> bool {
    return budget(ev, parsed);
  };
  try {
    Json j = Json::parse(text.begin(), text.end(), cb, true, false);
    append_diagnostics(out, budget.take_duplicates());
    return j;
  } catch (const LimitHit& hit) {
    out.push_back(hit.diagnostic);
    return std::nullopt;
  } catch (const Json::parse_error& e) {
    const auto [line, col] = line_column(text, e.byte);
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    if (const auto p = what.find(": "); p != std::string::npos && what.find("parse error") < p)
      what = what.substr(p + 2);
    out.push_back(make_diag(Severity::error, error_code::json_syntax, "",
                            fmt::format("invalid JSON at line {}, column {}: {}", line, col, what),
                            "", doc_name));
    return std::nullopt;
  } catch (const Json::exception& e) {  // e.g. out_of_range 406: a number too large for a double
    std::string what = e.what();
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    out.push_back(make_diag(Severity::error, error_code::json_syntax, budget.path(),
                            fmt::format("invalid JSON: {}", what), "", doc_name));
    return std::nullopt;
  }
}

}  // namespace

std::optional<Json> parse_tree(std::string_view text, aws::Format format,
                               std::string_view doc_name, Diagnostics& out) {
  if (text.size() > kMaxDocumentBytes) {
    try {
      check_document_size(text, doc_name);
    } catch (const InputError& e) {
      append_diagnostics(out, e.diagnostics());
    }
    return std::nullopt;
  }
  return format == aws::Format::json ? parse_json(text, doc_name, out)
                                     : parse_yaml(text, doc_name, out);
}

}  // namespace shiftsim::detail
