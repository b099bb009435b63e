#include "json_tree.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/utf8.hpp"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdint>
#include <regex>
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

/// Deeper nesting than any SageMaker shape needs (they nest < 10 levels) is refused before it can
/// exhaust the stack of a recursive consumer.
constexpr std::size_t kMaxDepth = 64;

struct TooDeep {};

void enter_value(std::vector<Frame>& frames) {
  if (frames.empty() || frames.back().object) return;
  auto& f = frames.back();
  if (f.started) ++f.index;
  f.started = true;
}

std::optional<Json> parse_json(std::string_view text, std::string_view doc_name,
                               Diagnostics& out) {
  std::vector<Frame> frames;
  Diagnostics dups;
  auto cb = [&](int /*depth*/, Json::parse_event_t ev, Json& parsed) -> bool {
    switch (ev) {
      case Json::parse_event_t::object_start:
        enter_value(frames);
        if (frames.size() >= kMaxDepth) throw TooDeep{};
        frames.push_back(Frame{true, {}, {}, 0, false});
        break;
      case Json::parse_event_t::array_start:
        enter_value(frames);
        if (frames.size() >= kMaxDepth) throw TooDeep{};
        frames.push_back(Frame{false, {}, {}, 0, false});
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames.empty()) frames.pop_back();
        break;
      case Json::parse_event_t::key: {
        if (frames.empty()) break;
        auto& f = frames.back();
        f.key = parsed.is_string() ? parsed.get<std::string>() : parsed.dump();
        if (!f.keys.insert(f.key).second) {
          dups.push_back(make_diag(Severity::error, error_code::duplicate_key,
                                   frames_path(frames, frames.size()),
                                   fmt::format("duplicate key \"{}\" (JSON parsers disagree on "
                                               "which value wins)",
                                               f.key),
                                   "", doc_name));
        }
        break;
      }
      case Json::parse_event_t::value:
        enter_value(frames);
        break;
    }
    return true;
  };
  try {
    Json j = Json::parse(text.begin(), text.end(), cb, true, false);
    out.insert(out.end(), dups.begin(), dups.end());
    return j;
  } catch (const TooDeep&) {
    out.push_back(make_diag(Severity::error, error_code::json_syntax, frames_path(frames, frames.size()),
                            fmt::format("nesting deeper than {} levels", kMaxDepth), "",
                            doc_name));
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
    out.push_back(make_diag(Severity::error, error_code::json_syntax, frames_path(frames, frames.size()),
                            fmt::format("invalid JSON: {}", what), "", doc_name));
    return std::nullopt;
  }
}

// ---------------------------------------------------------------- YAML

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
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "-.inf" || s == ".nan" ||
      s == ".NaN" || s == ".NAN")
    return s;  // not representable in JSON: keep the text (never a valid integer)
  return s;
}

Json yaml_to_json(const YAML::Node& node, const std::string& path, std::string_view doc_name,
                  Diagnostics& out, std::size_t depth = 0) {
  if (depth >= kMaxDepth && (node.IsSequence() || node.IsMap())) throw TooDeep{};
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar: {
      const std::string& tag = node.Tag();
      if (auto bad = utf8_problem(node.Scalar(), path, doc_name)) {
        out.push_back(std::move(*bad));  // an escape such as "\xFF" makes an ill-formed string
        return replace_invalid_utf8(node.Scalar());
      }
      const std::string& s = node.Scalar();
      if (tag == "!" || tag == "tag:yaml.org,2002:str") return s;
      if (tag == "?" || tag.empty()) return resolve_plain_scalar(s);
      // An explicit tag (!!int, !!bool, ...): resolve the text, the tag only confirms it.
      return resolve_plain_scalar(s);
    }
    case YAML::NodeType::Sequence: {
      Json arr = Json::array();
      std::size_t i = 0;
      for (const auto& child : node) {
        arr.push_back(yaml_to_json(child, index_path(path, i), doc_name, out, depth + 1));
        ++i;
      }
      return arr;
    }
    case YAML::NodeType::Map: {
      Json obj = Json::object();
      std::set<std::string> seen;
      for (const auto& kv : node) {
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : YAML::Dump(kv.first);
        if (auto bad = utf8_problem(key, path, doc_name)) {
          out.push_back(std::move(*bad));
          key = replace_invalid_utf8(key);
        }
        const std::string child_path = join_path(path, key);
        if (!seen.insert(key).second)
          out.push_back(make_diag(Severity::error, error_code::duplicate_key, child_path,
                                  fmt::format("duplicate key \"{}\"", key), "", doc_name));
        obj[key] = yaml_to_json(kv.second, child_path, doc_name, out, depth + 1);
      }
      return obj;
    }
  }
  return nullptr;
}

std::optional<Json> parse_yaml(std::string_view text, std::string_view doc_name,
                               Diagnostics& out) {
  if (auto bad = utf8_problem(text, "", doc_name)) {
    out.push_back(std::move(*bad));
    return std::nullopt;
  }
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    return yaml_to_json(root, "", doc_name, out);
  } catch (const TooDeep&) {
    out.push_back(make_diag(Severity::error, error_code::yaml_syntax, "",
                            fmt::format("nesting deeper than {} levels", kMaxDepth), "", doc_name));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    out.push_back(make_diag(Severity::error, error_code::yaml_syntax, "",
                            fmt::format("invalid YAML at line {}, column {}: {}", e.mark.line + 1,
                                        e.mark.column + 1, e.msg),
                            "", doc_name));
    return std::nullopt;
  }
}

}  // namespace

std::optional<Json> parse_tree(std::string_view text, aws::Format format,
                               std::string_view doc_name, Diagnostics& out) {
  return format == aws::Format::json ? parse_json(text, doc_name, out)
                                     : parse_yaml(text, doc_name, out);
}

}  // namespace shiftsim::detail
