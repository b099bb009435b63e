// --output yaml: a JSON document through yaml-cpp's emitter (output.hpp).
#include "output/output.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <cctype>
#include <string>

namespace shiftsim::cli {

namespace {

using Json = nlohmann::ordered_json;

/// True when a YAML 1.1 reader (PyYAML, the AWS CLI's ruamel in 1.1 mode) or a 1.2 one could
/// resolve the plain scalar `s` to something other than a string: booleans and nulls in any of
/// their spellings, numbers (also sexagesimal 1:30 and 0x1F), dates, and the empty string. Such
/// strings are double-quoted; the rule errs on the side of quoting.
bool looks_typed(const std::string& s) {
  if (s.empty()) return true;
  std::string low;
  for (const char c : s) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<std::string_view, 14> kWords = {
      "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", ".nan",
      "<<"};
  for (const auto w : kWords)
    if (low == w) return true;
  const char c = s.front();
  return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.' ||
         c == '=';
}

void emit(YAML::Emitter& out, const Json& j) {
  switch (j.type()) {
    case Json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [k, v] : j.items()) {
        out << YAML::Key;
        if (looks_typed(k)) out << YAML::DoubleQuoted;
        out << k << YAML::Value;
        emit(out, v);
      }
      out << YAML::EndMap;
      return;
    case Json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& v : j) emit(out, v);
      out << YAML::EndSeq;
      return;
    case Json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      if (looks_typed(s)) out << YAML::DoubleQuoted;
      out << s;
      return;
    }
    case Json::value_t::boolean: out << (j.get<bool>() ? "true" : "false"); return;
    case Json::value_t::null: out << YAML::Null; return;
    default:  // numbers exactly as the JSON output writes them
      out << j.dump();
      return;
  }
}

}  // namespace

std::string to_yaml(const Json& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetNullFormat(YAML::LowerNull);
  emit(out, doc);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

}  // namespace shiftsim::cli
