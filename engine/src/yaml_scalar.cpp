// YAML plain scalar resolution (yaml_scalar.hpp).
#include "yaml_scalar.hpp"

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <regex>

namespace shiftsim::detail {

nlohmann::ordered_json resolve_plain_scalar(const std::string& s) {
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
  return s;
}

}  // namespace shiftsim::detail
