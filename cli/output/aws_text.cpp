// --output text: the AWS CLI's text format (awscli/text.py, Apache-2.0), applied to our JSON
// documents (output.hpp). tests/cli/output_conventions.sh compares it with the AWS CLI's own
// formatter on every command's document.
#include "output/output.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace shiftsim::cli {

namespace {

using Json = nlohmann::ordered_json;

bool is_scalar(const Json& j) { return !j.is_object() && !j.is_array(); }

/// str() of the value as Python prints what json.loads gives: True, False, None, numbers as
/// JSON writes them (shortest round trip), strings as they are.
std::string scalar_text(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_boolean()) return j.get<bool>() ? "True" : "False";
  if (j.is_null()) return "None";
  return j.dump();
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void format(const Json& item, std::string& out, const std::string* identifier,
            const std::vector<std::string>* scalar_keys);

void format_scalar_list(const std::vector<const Json*>& items, const std::string* identifier,
                        std::string& out) {
  if (identifier) {
    for (const Json* x : items)
      out.append(upper(*identifier)).append("\t").append(scalar_text(*x)).append("\n");
    return;
  }
  for (std::size_t i = 0; i < items.size(); ++i)
    out.append(i ? "\t" : "").append(scalar_text(*items[i]));
  out += "\n";
}

void format_list(const Json& list, const std::string* identifier, std::string& out) {
  if (list.empty()) return;
  const bool has_dict = std::any_of(list.begin(), list.end(), [](const Json& e) {
    return e.is_object();
  });
  if (has_dict) {
    std::set<std::string> keys;  // every scalar key of every dict, sorted
    for (const auto& e : list)
      if (e.is_object())
        for (const auto& [k, v] : e.items())
          if (is_scalar(v)) keys.insert(k);
    const std::vector<std::string> all(keys.begin(), keys.end());
    for (const auto& e : list) format(e, out, identifier, &all);
    return;
  }
  std::vector<const Json*> scalars, rest;
  for (const auto& e : list) (is_scalar(e) ? scalars : rest).push_back(&e);
  if (!rest.empty()) {
    if (!scalars.empty()) format_scalar_list(scalars, identifier, out);
    for (const Json* x : rest) format(*x, out, identifier, nullptr);
    return;
  }
  format_scalar_list(scalars, identifier, out);
}

void format_dict(const Json& dict, const std::string* identifier,
                 const std::vector<std::string>* scalar_keys, std::string& out) {
  std::vector<std::string> scalars;
  std::vector<std::pair<std::string, const Json*>> nested;
  std::vector<std::pair<std::string, const Json*>> sorted;
  for (const auto& [k, v] : dict.items()) sorted.emplace_back(k, &v);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  if (!scalar_keys) {
    for (const auto& [k, v] : sorted)
      if (is_scalar(*v)) scalars.push_back(scalar_text(*v));
      else nested.emplace_back(k, v);
  } else {
    for (const auto& k : *scalar_keys)
      scalars.push_back(dict.contains(k) ? scalar_text(dict.at(k)) : std::string());
    for (const auto& [k, v] : sorted)
      if (std::find(scalar_keys->begin(), scalar_keys->end(), k) == scalar_keys->end())
        nested.emplace_back(k, v);
  }
  if (!scalars.empty()) {
    std::string line = identifier ? upper(*identifier) : std::string();
    for (std::size_t i = 0; i < scalars.size(); ++i)
      line.append(identifier || i ? "\t" : "").append(scalars[i]);
    out += line + "\n";
  }
  for (const auto& [k, v] : nested) format(*v, out, &k, nullptr);
}

void format(const Json& item, std::string& out, const std::string* identifier,
            const std::vector<std::string>* scalar_keys) {
  if (item.is_object()) format_dict(item, identifier, scalar_keys, out);
  else if (item.is_array()) format_list(item, identifier, out);
  else out += scalar_text(item) + "\n";
}

}  // namespace

std::string to_aws_text(const Json& doc) {
  std::string out;
  format(doc, out, nullptr, nullptr);
  return out;
}

}  // namespace shiftsim::cli
