#include "shorthand.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>

namespace shiftsim::detail {

namespace {

struct SyntaxError {
  std::size_t pos;
  std::string what;
};

/// Recursive descent over the grammar of awscli/shorthand.py (keyval lists, `{...}` hashes,
/// `[...]` lists, csv lists, quoted and unquoted values). Values are strings here; typing follows.
class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}

  Json parameter() {
    Json o = keyvals('\0');
    ws();
    if (i_ != t_.size()) fail("unexpected character '" + std::string(1, t_[i_]) + "'");
    return o;
  }

 private:
  static constexpr std::size_t kMaxDepth = 32;

  [[noreturn]] void fail(std::string what) const { throw SyntaxError{i_, std::move(what)}; }

  void ws() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }
  bool at(char c) {
    ws();
    return i_ < t_.size() && t_[i_] == c;
  }
  void expect(char c) {
    if (!at(c)) fail(fmt::format("expected '{}'", c));
    ++i_;
  }

  /// The budget of input_limits.hpp (values, members, string length), as parse_tree() keeps it.
  void count_value() {
    if (++values_ > kMaxValues)
      throw limit_hit(error_code::node_budget, "", values_rule(), "",
                      fmt::format("column {}", i_ + 1), "");
  }
  void check_length(std::size_t bytes) const {
    if (bytes > kMaxStringBytes)
      throw limit_hit(error_code::length, "", string_length_rule(), fmt::format("{} bytes", bytes),
                      fmt::format("column {}", i_ + 1), "");
  }

  /// key=value[,key=value...] up to `close` (or the end when close is '\0').
  Json keyvals(char close) {
    if (++depth_ > kMaxDepth) fail("nesting too deep");
    count_value();
    Json o = Json::object();
    for (std::size_t members = 1;; ++members) {
      if (members > kMaxMembers)
        throw limit_hit(error_code::list_length, "", members_rule(), "",
                        fmt::format("column {}", i_ + 1), "");
      ws();
      const std::size_t start = i_;
      while (i_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_' ||
                                t_[i_] == '-' || t_[i_] == '.' || t_[i_] == ':'))
        ++i_;
      if (i_ == start) fail("expected a member name");
      check_length(i_ - start);
      const std::string key(t_.substr(start, i_ - start));
      expect('=');
      o[key] = values();
      if (close != '\0' && at(close)) break;
      if (close == '\0' && (ws(), i_ == t_.size())) break;
      expect(',');
    }
    --depth_;
    return o;
  }

  /// After a key: a hash, an explicit list, or one value / a csv list of values.
  Json values() {
    if (at('{')) {
      ++i_;
      Json o = at('}') ? Json::object() : keyvals('}');
      expect('}');
      return o;
    }
    if (at('[')) {
      ++i_;
      if (++depth_ > kMaxDepth) fail("nesting too deep");
      count_value();
      Json a = Json::array();
      if (!at(']')) {
        for (;;) {
          if (at('{')) {
            ++i_;
            a.push_back(at('}') ? Json::object() : keyvals('}'));
            expect('}');
          } else {
            a.push_back(value());
          }
          if (at(']')) break;
          expect(',');
        }
      }
      expect(']');
      --depth_;
      return a;
    }
    Json first = value();
    // csv list: `Key=a,b,c` (a comma not followed by `name=`).
    Json list;
    while (at(',') && !next_is_keyval()) {
      if (list.is_null()) list = Json::array({first});
      ++i_;
      list.push_back(value());
    }
    return list.is_null() ? first : list;
  }

  bool next_is_keyval() const {
    std::size_t j = i_ + 1;
    while (j < t_.size() && std::isspace(static_cast<unsigned char>(t_[j]))) ++j;
    const std::size_t start = j;
    while (j < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[j])) || t_[j] == '_' ||
                             t_[j] == '-' || t_[j] == '.' || t_[j] == ':'))
      ++j;
    while (j < t_.size() && std::isspace(static_cast<unsigned char>(t_[j]))) ++j;
    return j > start && j < t_.size() && t_[j] == '=';
  }

  Json value() {
    ws();
    count_value();
    if (i_ < t_.size() && (t_[i_] == '"' || t_[i_] == '\'')) {
      const char q = t_[i_++];
      std::string s;
      while (i_ < t_.size() && t_[i_] != q) {
        if (t_[i_] == '\\' && i_ + 1 < t_.size() && (t_[i_ + 1] == q || t_[i_ + 1] == '\\')) ++i_;
        s += t_[i_++];
      }
      if (i_ >= t_.size()) fail("unterminated quoted value");
      ++i_;
      check_length(s.size());
      return s;
    }
    const std::size_t start = i_;
    while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '=' && t_[i_] != '[' && t_[i_] != ']' &&
           t_[i_] != '{' && t_[i_] != '}')
      ++i_;
    if (i_ < t_.size() && (t_[i_] == '=' || t_[i_] == '[' || t_[i_] == '{'))
      fail(fmt::format("unexpected '{}' in a value", t_[i_]));
    std::string s(t_.substr(start, i_ - start));
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    check_length(s.size());
    return s;
  }

  std::string_view t_;
  std::size_t i_ = 0;
  std::size_t depth_ = 0;
  std::size_t values_ = 0;
};

/// Types string scalars by the shape, as the AWS CLI does for shorthand.
Json typed(const Json& v, const Model& model, const Shape& s) {
  if (s.type == "structure" && v.is_object()) {
    Json o = Json::object();
    for (const auto& [k, child] : v.items()) {
      const std::string* ms = s.member(k);
      o[k] = ms != nullptr ? typed(child, model, model.at(*ms)) : child;
    }
    return o;
  }
  if (s.type == "list") {
    const Shape& ms = model.at(s.member_shape);
    Json a = Json::array();
    if (v.is_array())
      for (const auto& x : v) a.push_back(typed(x, model, ms));
    else
      a.push_back(typed(v, model, ms));
    return a;
  }
  if (!v.is_string()) return v;
  const std::string& str = v.get_ref<const std::string&>();
  if (s.type == "integer" || s.type == "long") {
    std::int64_t n = 0;
    const auto r = std::from_chars(str.data(), str.data() + str.size(), n);
    if (!str.empty() && r.ec == std::errc() && r.ptr == str.data() + str.size()) return n;
    return v;
  }
  if (s.type == "boolean") {
    if (str == "true" || str == "True") return true;
    if (str == "false" || str == "False") return false;
  }
  return v;
}

}  // namespace

std::optional<Json> parse_shorthand(std::string_view text, const Model& model, const Shape& shape,
                                    std::string_view doc_name, Diagnostics& out) {
  try {
    return typed(Parser(text).parameter(), model, shape);
  } catch (LimitHit& hit) {
    hit.diagnostic.message += doc_suffix(doc_name);
    out.push_back(std::move(hit.diagnostic));
    return std::nullopt;
  } catch (const SyntaxError& e) {
    out.push_back(make_diag(
        Severity::error, error_code::shorthand, "",
        fmt::format("invalid JSON or shorthand syntax at column {}: {}", e.pos + 1, e.what), "",
        doc_name));
    return std::nullopt;
  }
}

}  // namespace shiftsim::detail
