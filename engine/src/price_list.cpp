// Reading `aws pricing get-products --service-code AmazonSageMaker` output (price_list.hpp).
#include "shiftsim/price_list.hpp"

#include "json_tree.hpp"
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <system_error>
#include <utility>

namespace shiftsim {

namespace {

using detail::Json;

constexpr double kMaxHourlyUsd = 100'000.0;  // far above any instance-hour (ml.p5: ~$113)

/// The Price List's `location` names of the AWS regions (the names the pricing pages use).
constexpr std::pair<std::string_view, std::string_view> kLocations[] = {
    {"US East (N. Virginia)", "us-east-1"},      {"US East (Ohio)", "us-east-2"},
    {"US West (N. California)", "us-west-1"},    {"US West (Oregon)", "us-west-2"},
    {"Africa (Cape Town)", "af-south-1"},        {"Asia Pacific (Hong Kong)", "ap-east-1"},
    {"Asia Pacific (Taipei)", "ap-east-2"},      {"Asia Pacific (Mumbai)", "ap-south-1"},
    {"Asia Pacific (Hyderabad)", "ap-south-2"},  {"Asia Pacific (Singapore)", "ap-southeast-1"},
    {"Asia Pacific (Sydney)", "ap-southeast-2"}, {"Asia Pacific (Jakarta)", "ap-southeast-3"},
    {"Asia Pacific (Melbourne)", "ap-southeast-4"},
    {"Asia Pacific (Malaysia)", "ap-southeast-5"},
    {"Asia Pacific (Thailand)", "ap-southeast-7"}, {"Asia Pacific (Tokyo)", "ap-northeast-1"},
    {"Asia Pacific (Seoul)", "ap-northeast-2"},  {"Asia Pacific (Osaka)", "ap-northeast-3"},
    {"Canada (Central)", "ca-central-1"},        {"Canada West (Calgary)", "ca-west-1"},
    {"EU (Frankfurt)", "eu-central-1"},          {"EU (Zurich)", "eu-central-2"},
    {"EU (Ireland)", "eu-west-1"},               {"EU (London)", "eu-west-2"},
    {"EU (Paris)", "eu-west-3"},                 {"EU (Stockholm)", "eu-north-1"},
    {"EU (Milan)", "eu-south-1"},                {"EU (Spain)", "eu-south-2"},
    {"Middle East (Bahrain)", "me-south-1"},     {"Middle East (UAE)", "me-central-1"},
    {"Mexico (Central)", "mx-central-1"},        {"South America (Sao Paulo)", "sa-east-1"},
    {"Israel (Tel Aviv)", "il-central-1"},       {"AWS GovCloud (US)", "us-gov-west-1"},
    {"AWS GovCloud (US-West)", "us-gov-west-1"}, {"AWS GovCloud (US-East)", "us-gov-east-1"},
};

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

/// A string member of `j`, or empty when absent or not a string.
std::string text_of(const Json& j, std::string_view key) {
  if (!j.is_object()) return {};
  const auto it = j.find(std::string(key));
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class Reader {
 public:
  explicit Reader(std::string_view origin) : origin_(origin) {}

  void error(std::string code, std::string path, std::string rule, std::string value) {
    errors_.push_back(detail::make_diag(Severity::error, std::move(code), std::move(path),
                                        std::move(rule), std::move(value), origin_));
  }
  Diagnostics& errors() noexcept { return errors_; }
  [[nodiscard]] std::string_view origin() const noexcept { return origin_; }

 private:
  std::string_view origin_;
  Diagnostics errors_;
};

/// One hourly USD price of an OnDemand term.
struct Dimension {
  double usd = 0.0;
  bool open_ended = false;  ///< endRange "Inf" (or absent)
};

/// A decimal price ("0.2300000000"; a number is accepted too).
std::optional<double> price_value(const Json& v) {
  if (v.is_number()) {
    const double d = v.get<double>();
    return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  double d = 0.0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(d))
    return std::nullopt;
  return d;
}

/// The hourly USD dimensions of `on_demand` (terms.OnDemand), problems reported.
std::vector<Dimension> hourly_dimensions(Reader& r, const Json& on_demand,
                                         const std::string& path) {
  std::vector<Dimension> out;
  if (!on_demand.is_object()) {
    r.error(error_code::type, path, "terms.OnDemand must be a mapping of offer terms",
            detail::value_text(on_demand));
    return out;
  }
  for (const auto& [term_key, term] : on_demand.items()) {
    const std::string term_path = detail::join_path(path, term_key);
    const Json* dims = term.is_object() && term.contains("priceDimensions")
                           ? &term["priceDimensions"]
                           : nullptr;
    if (!dims || !dims->is_object()) {
      r.error(error_code::required, detail::join_path(term_path, "priceDimensions"),
              "an offer term has a priceDimensions mapping", "");
      continue;
    }
    for (const auto& [dim_key, dim] : dims->items()) {
      const std::string dim_path =
          detail::join_path(detail::join_path(term_path, "priceDimensions"), dim_key);
      if (!iequals(text_of(dim, "unit"), "Hrs")) continue;  // not an hourly price
      const Json* usd = dim.contains("pricePerUnit") && dim["pricePerUnit"].is_object() &&
                                dim["pricePerUnit"].contains("USD")
                            ? &dim["pricePerUnit"]["USD"]
                            : nullptr;
      const std::string usd_path = detail::join_path(dim_path, "pricePerUnit.USD");
      if (!usd) {
        r.error(error_code::required, usd_path, "an hourly dimension has a USD price", "");
        continue;
      }
      const auto value = price_value(*usd);
      if (!value || *value < 0.0 || *value > kMaxHourlyUsd) {
        r.error(error_code::range, usd_path,
                fmt::format("a price is a decimal number of USD in [0, {}]", kMaxHourlyUsd),
                detail::value_text(*usd));
        continue;
      }
      const std::string end = text_of(dim, "endRange");
      out.push_back({*value, end.empty() || iequals(end, "Inf")});
    }
  }
  return out;
}

/// The hourly price of an entry: its only hourly price, else the one tier that ends at "Inf".
std::optional<double> entry_price(Reader& r, const std::vector<Dimension>& dims,
                                  const std::string& path) {
  std::vector<double> prices;
  for (const auto& d : dims)
    if (std::find(prices.begin(), prices.end(), d.usd) == prices.end()) prices.push_back(d.usd);
  if (prices.size() == 1) return prices.front();
  if (prices.empty()) {
    r.error(error_code::required, path, "a hosting entry has an OnDemand price per hour (Hrs)",
            "");
    return std::nullopt;
  }
  std::vector<double> open;
  for (const auto& d : dims)
    if (d.open_ended && std::find(open.begin(), open.end(), d.usd) == open.end())
      open.push_back(d.usd);
  if (open.size() == 1) return open.front();
  r.error(error_code::duplicate, path,
          "a hosting entry has one hourly price (or one tier that ends at Inf)",
          fmt::format("{} different prices", prices.size()));
  return std::nullopt;
}

/// `<prefix>-Host:<type>` or `Host:<type>` -> the instance type; absent for other usage types.
std::optional<std::string> hosting_type(std::string_view usage_type) {
  const auto colon = usage_type.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view kind = usage_type.substr(0, colon);
  if (const auto dash = kind.rfind('-'); dash != std::string_view::npos)
    kind = kind.substr(dash + 1);
  const std::string_view type = usage_type.substr(colon + 1);
  if (kind != "Host" || type.size() <= 3 || type.substr(0, 3) != "ml.") return std::nullopt;
  return std::string(type);
}

/// Whether `product` is a SageMaker real-time hosting product (price_list.hpp says which).
std::optional<std::string> hosting_instance(const Json& entry, const Json& attributes) {
  const std::string service = text_of(entry, "serviceCode").empty()
                                  ? text_of(attributes, "servicecode")
                                  : text_of(entry, "serviceCode");
  if (!service.empty() && service != "AmazonSageMaker") return std::nullopt;
  auto type = hosting_type(text_of(attributes, "usagetype"));
  if (!type) return std::nullopt;
  const std::string component = text_of(attributes, "component");
  const std::string operation = text_of(attributes, "operation");
  const std::string name = text_of(attributes, "instanceName");
  if (!component.empty() && !iequals(component, "Hosting")) return std::nullopt;
  if (!operation.empty() && operation != "RunInstance") return std::nullopt;
  if (!name.empty() && name != *type) return std::nullopt;
  return type;
}

/// One PriceList entry (an object): appended to `out` when it is a hosting price.
void read_entry(Reader& r, const Json& entry, const std::string& path, PriceList& out) {
  const Json* product = entry.is_object() && entry.contains("product") ? &entry["product"] : nullptr;
  if (!product || !product->is_object()) {
    r.error(error_code::required, detail::join_path(path, "product"),
            "a PriceList entry is a product: {\"product\": {...}, \"terms\": {...}}", "");
    return;
  }
  const Json* attributes = product->contains("attributes") ? &(*product)["attributes"] : nullptr;
  if (!attributes || !attributes->is_object()) {
    r.error(error_code::required, detail::join_path(path, "product.attributes"),
            "a product has an attributes mapping", "");
    return;
  }
  const auto type = hosting_instance(entry, *attributes);
  if (!type) {
    ++out.skipped;
    return;
  }
  if (const std::string date = text_of(entry, "publicationDate");
      !date.empty() && (!out.publication_date || *out.publication_date < date))
    out.publication_date = date;
  PriceListEntry e;
  e.instance_type = *type;
  e.usage_type = text_of(*attributes, "usagetype");
  e.sku = text_of(*product, "sku");
  e.path = path;
  e.region = text_of(*attributes, "regionCode");
  if (e.region.empty())
    e.region = region_of_location(text_of(*attributes, "location")).value_or("");
  if (e.region.empty()) {
    r.error(error_code::required, detail::join_path(path, "product.attributes.regionCode"),
            "a hosting entry names its region (regionCode, or a known location)",
            detail::value_text(Json(text_of(*attributes, "location"))));
    return;
  }
  const Json* terms = entry.contains("terms") ? &entry["terms"] : nullptr;
  if (!terms || !terms->is_object()) {
    r.error(error_code::required, detail::join_path(path, "terms"),
            "a product has a terms mapping", "");
    return;
  }
  if (!terms->contains("OnDemand")) {  // Reserved or Savings Plans only: no list price here
    ++out.skipped;
    return;
  }
  const std::string od_path = detail::join_path(path, "terms.OnDemand");
  const std::size_t problems = r.errors().size();
  const auto dims = hourly_dimensions(r, (*terms)["OnDemand"], od_path);
  if (dims.empty() && r.errors().size() > problems) return;  // said once, at the bad price
  const auto price = entry_price(r, dims, od_path);
  if (!price) return;
  e.usd_per_hour = *price;
  out.entries.push_back(std::move(e));
}

/// The entry at `path` as an object: the string form parsed (within the shared budget).
std::optional<Json> entry_object(Reader& r, const Json& item, const std::string& path) {
  if (item.is_object()) return item;
  if (!item.is_string()) {
    r.error(error_code::type, path, "a PriceList entry is a JSON string or an object",
            detail::value_text(item));
    return std::nullopt;
  }
  Diagnostics ds;
  const std::string doc = fmt::format("{} {}", r.origin(), path);
  auto tree = detail::parse_tree(item.get_ref<const std::string&>(), aws::Format::json, doc, ds);
  for (auto& d : ds) {
    d.path = d.path.empty() ? path : detail::join_path(path, d.path);
    r.errors().push_back(std::move(d));
  }
  return tree;
}

/// Two entries for one (region, type): the same price is kept once; different prices are an
/// error naming both.
void drop_duplicates(Reader& r, PriceList& out) {
  std::map<std::pair<std::string, std::string>, std::size_t> first;
  std::vector<PriceListEntry> kept;
  for (auto& e : out.entries) {
    const auto [it, inserted] = first.try_emplace({e.region, e.instance_type}, kept.size());
    if (inserted) {
      kept.push_back(std::move(e));
      continue;
    }
    const PriceListEntry& k = kept[it->second];
    if (k.usd_per_hour != e.usd_per_hour)
      r.error(error_code::duplicate, e.path,
              fmt::format("one price per instance type and region: {} in {} is {} at {}",
                          e.instance_type, e.region, k.usd_per_hour, k.path),
              fmt::format("{}", e.usd_per_hour));
  }
  out.entries = std::move(kept);
}

}  // namespace

std::optional<std::string> region_of_location(std::string_view location) {
  for (const auto& [name, code] : kLocations)
    if (name == location) return std::string(code);
  return std::nullopt;
}

PriceList parse_price_list(std::string_view text, std::string_view origin) {
  Reader r(origin);
  auto tree = detail::parse_tree(text, aws::detect_format(text, origin), origin, r.errors());
  if (!tree) throw InputError(std::move(r.errors()));
  PriceList out;
  out.origin = std::string(origin);
  const Json* list = tree->is_object() && tree->contains("PriceList") ? &(*tree)["PriceList"]
                                                                       : nullptr;
  if (!list || !list->is_array()) {
    r.error(error_code::required, "PriceList",
            "an AWS Price List (aws pricing get-products output) has a PriceList list", "");
    throw InputError(std::move(r.errors()));
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = detail::index_path("PriceList", i);
    if (auto entry = entry_object(r, (*list)[i], path)) read_entry(r, *entry, path, out);
  }
  drop_duplicates(r, out);
  if (!has_errors(r.errors()) && out.entries.empty())
    r.error(error_code::required, "PriceList",
            "a price list for shiftsim holds SageMaker real-time hosting prices (usage type "
            "<region>-Host:ml.*; get-products --service-code AmazonSageMaker --filters "
            "Type=TERM_MATCH,Field=component,Value=Hosting)",
            fmt::format("{} entries, none of them hosting", out.skipped));
  if (has_errors(r.errors())) throw InputError(std::move(r.errors()));
  return out;
}

}  // namespace shiftsim
