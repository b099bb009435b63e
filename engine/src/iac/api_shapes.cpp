// Trees in the API's member names -> aws.hpp shapes (api_shapes.hpp).
#include "api_shapes.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <cctype>
#include <charconv>
#include <cstdint>

namespace shiftsim::iac::detail {

namespace {

bool in(std::string_view key, std::initializer_list<std::string_view> names) {
  for (const auto n : names)
    if (n == key) return true;
  return false;
}

std::optional<std::int64_t> integer_text(const std::string& s) {
  if (s.empty()) return std::nullopt;
  std::int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

void coerce_scalars(Json& j, std::initializer_list<std::string_view> integers,
                    std::initializer_list<std::string_view> booleans) {
  if (j.is_array()) {
    for (auto& e : j) coerce_scalars(e, integers, booleans);
    return;
  }
  if (!j.is_object()) return;
  for (auto it = j.begin(); it != j.end(); ++it) {
    auto& v = it.value();
    if (v.is_string()) {
      const auto& s = v.get_ref<const std::string&>();
      if (in(it.key(), integers)) {
        if (const auto n = integer_text(s)) v = *n;
      } else if (in(it.key(), booleans)) {
        if (s == "true" || s == "True") v = true;
        else if (s == "false" || s == "False") v = false;
      }
    } else {
      coerce_scalars(v, integers, booleans);
    }
  }
}

void coerce_api_scalars(Json& j) {
  coerce_scalars(j,
                 {"WaitIntervalInSeconds", "Value", "TerminationWaitInSeconds",
                  "MaximumExecutionTimeoutInSeconds", "InitialInstanceCount", "MaxCapacity",
                  "MinCapacity"},
                 {"RetainAllVariantProperties", "RetainDeploymentConfig"});
}

namespace {

std::string pascal(std::string_view snake) {
  std::string out;
  bool up = true;
  for (const char c : snake) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

}  // namespace

Json terraform_block_to_api(const Json& block) {
  if (!block.is_object()) return block;
  Json out = Json::object();
  for (auto it = block.begin(); it != block.end(); ++it) {
    const auto& v = it.value();
    if (v.is_null()) continue;
    if (v.is_array()) {
      if (v.empty()) continue;
      const bool blocks = v.front().is_object();
      if (blocks && it.key() != "alarms") {
        out[pascal(it.key())] = terraform_block_to_api(v.front());
        continue;
      }
      Json arr = Json::array();
      for (const auto& e : v) arr.push_back(terraform_block_to_api(e));
      out[pascal(it.key())] = std::move(arr);
      continue;
    }
    out[pascal(it.key())] = terraform_block_to_api(v);
  }
  return out;
}

aws::DescribeEndpointConfig config_from_api(const std::string& name, const Json& variants,
                                            const SourceLocation& where, const std::string& path,
                                            std::vector<Finding>& findings) {
  aws::DescribeEndpointConfig c;
  c.endpoint_config_name = name;
  if (!variants.is_array()) return c;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const Json& v = variants[i];
    if (!v.is_object()) continue;
    aws::ConfigVariant cv;
    const auto str = [&](const char* key) -> std::string {
      const auto it = v.find(key);
      return it != v.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    cv.variant_name = str("VariantName");
    if (cv.variant_name.empty()) {
      // Terraform's provider names such a variant id.UniqueId() at apply: it differs from every
      // running variant's name.
      cv.variant_name = fmt::format("generated-variant-{}", i + 1);
      findings.push_back({Level::note, note_code::name_at_apply,
                          fmt::format("variant {} has no VariantName: one is generated at deploy "
                                      "time, so it cannot match a running variant; it stands here "
                                      "as {}",
                                      i + 1, cv.variant_name),
                          where, fmt::format("{}[{}].VariantName", path, i)});
    }
    cv.instance_type = str("InstanceType");
    if (const auto it = v.find("InitialInstanceCount"); it != v.end() && !it->is_null()) {
      if (it->is_number_integer() && it->get<std::int64_t>() >= 1 &&
          it->get<std::int64_t>() <= 1'000'000) {
        cv.initial_instance_count = static_cast<std::int32_t>(it->get<std::int64_t>());
      } else {
        findings.push_back({Level::error, error_code::iac_value,
                            fmt::format("InitialInstanceCount of variant {} must be a whole "
                                        "number of at least 1 (got {})",
                                        cv.variant_name, dump(*it)),
                            where, fmt::format("{}[{}].InitialInstanceCount", path, i)});
      }
    }
    if (const auto it = v.find("InitialVariantWeight"); it != v.end() && it->is_number())
      cv.initial_variant_weight = it->get<double>();
    cv.serverless = v.contains("ServerlessConfig") && !v["ServerlessConfig"].is_null();
    cv.uses_accelerator = !str("AcceleratorType").empty();
    c.production_variants.push_back(std::move(cv));
  }
  return c;
}

std::string placeholder_name(std::string_view base) {
  std::string out;
  for (const char c : base)
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
    else if (c == '-' || c == '_' || c == '.') out += '-';
  while (!out.empty() && out.front() == '-') out.erase(out.begin());
  if (out.empty()) out = "resource";
  out += "-generated";
  if (out.size() > 63) out = out.substr(out.size() - 63);
  while (!out.empty() && out.front() == '-') out.erase(out.begin());
  std::string squeezed;
  for (const char c : out)
    if (!(c == '-' && !squeezed.empty() && squeezed.back() == '-')) squeezed += c;
  return squeezed;
}

std::string text_of(const Json& j, std::string_view key) {
  if (!j.is_object()) return {};
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<int> count_of(const Json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  const auto v = it->get<std::int64_t>();
  if (v < 0 || v > 2'147'483'647) return std::nullopt;
  return static_cast<int>(v);
}

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace shiftsim::iac::detail
