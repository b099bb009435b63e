// A run's region and prices (pricing.hpp).
#include "shiftsim/pricing.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/prices.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <system_error>

namespace shiftsim {

namespace {

constexpr double kMaxGivenUsd = 10000.0;  // as the scenario's prices: (scenario.cpp)

bool is_lower_word(std::string_view w) noexcept {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_number(std::string_view w) noexcept {
  return !w.empty() && w.size() <= 3 &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A region candidate: set and non-empty.
const std::string* present(const std::optional<std::string>& v) noexcept {
  return v && !v->empty() ? &*v : nullptr;
}

void bad_region(Diagnostics& errors, const std::string& name, const std::string& value) {
  errors.push_back(error_diagnostic(
      error_code::region, name, "an AWS region code such as eu-central-1",
      fmt::format("\"{}\"", value),
      fmt::format("{} \"{}\" is not an AWS region code (e.g. eu-central-1, us-gov-west-1)", name,
                  value)));
}

}  // namespace

bool is_region_code(std::string_view s) noexcept {
  if (s.size() > 32) return false;
  std::size_t words = 0;
  std::string_view last;
  while (true) {
    const auto dash = s.find('-');
    const std::string_view w = s.substr(0, dash);
    if (dash == std::string_view::npos) {
      last = w;
      break;
    }
    if (!is_lower_word(w)) return false;
    ++words;
    s.remove_prefix(dash + 1);
  }
  return words >= 2 && is_number(last);
}

std::optional<std::string> region_of_arn(std::string_view arn) {
  // arn:partition:service:region:account:resource
  std::string_view parts[5];
  for (auto& p : parts) {
    const auto colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    p = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  if (parts[0] != "arn" || !is_region_code(parts[3])) return std::nullopt;
  return std::string(parts[3]);
}

PriceRegion choose_price_region(const RegionInputs& in, std::string_view endpoint_arn,
                                Diagnostics& errors) {
  const struct {
    const std::optional<std::string>& value;
    std::string name;
    RegionSource source;
  } candidates[] = {
      {in.given, in.given_name, RegionSource::given},
      {in.aws_region, "AWS_REGION", RegionSource::aws_region},
      {in.aws_default_region, "AWS_DEFAULT_REGION", RegionSource::aws_default_region},
  };
  bool refused = false;
  for (const auto& c : candidates) {
    const std::string* v = present(c.value);
    if (!v) continue;
    if (!is_region_code(*v)) {
      bad_region(errors, c.name, *v);
      refused = true;
      continue;
    }
    if (refused) continue;  // an earlier input was wrong: report it, do not fall through
    return {*v, c.source, "from " + c.name};
  }
  if (!refused)
    if (auto r = region_of_arn(endpoint_arn))
      return {*r, RegionSource::endpoint_arn, "from the endpoint's ARN"};
  return {};
}

const char* to_string(PriceOrigin o) noexcept {
  switch (o) {
    case PriceOrigin::table: return "shipped table";
    case PriceOrigin::price_list: return "price list";
    case PriceOrigin::scenario: return "scenario";
    case PriceOrigin::given: return "given";
  }
  return "?";
}

GivenPrice parse_given_price(std::string_view text, std::string_view path) {
  const auto fail = [&](std::string_view why) {
    throw_input_error(error_code::price, std::string(path),
                      fmt::format("TYPE=USD: an instance type and its USD per instance-hour in "
                                  "[0, {}]",
                                  kMaxGivenUsd),
                      fmt::format("\"{}\"", text),
                      fmt::format("{} {}: {}; write TYPE=USD, e.g. ml.g5.xlarge=1.41", path, text,
                                  why));
  };
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) fail("no '='");
  GivenPrice g;
  g.instance_type = std::string(text.substr(0, eq));
  g.path = std::string(path);
  const std::string_view usd = text.substr(eq + 1);
  if (g.instance_type.size() <= 3 || g.instance_type.rfind("ml.", 0) != 0)
    fail("the instance type is an ml.* type");
  const auto [ptr, ec] = std::from_chars(usd.data(), usd.data() + usd.size(), g.usd_per_hour);
  if (usd.empty() || ec != std::errc() || ptr != usd.data() + usd.size())
    fail("the price is not a number");
  if (!std::isfinite(g.usd_per_hour) || g.usd_per_hour < 0.0 || g.usd_per_hour > kMaxGivenUsd)
    fail(fmt::format("the price must be in [0, {}] USD per hour", kMaxGivenUsd));
  return g;
}

PriceTable PriceBook::table() const {
  PriceTable t;
  for (const auto& p : prices) t.emplace(p.instance_type, p.usd_per_hour);
  return t;
}

const KnownPrice* PriceBook::find(std::string_view instance_type) const noexcept {
  const auto it = std::lower_bound(
      prices.begin(), prices.end(), instance_type,
      [](const KnownPrice& p, std::string_view t) { return p.instance_type < t; });
  return it != prices.end() && it->instance_type == instance_type ? &*it : nullptr;
}

PriceBook build_price_book(const PriceSources& sources, const PriceRegion& region,
                           const PriceTable* scenario_prices, std::optional<bool> scenario_table) {
  PriceBook book;
  book.region = region;
  book.table_used = sources.use_table.value_or(scenario_table.value_or(true));
  book.table_file = shipped_price_file(region.region);
  std::map<std::string, KnownPrice, std::less<>> by_type;
  const auto set = [&](const std::string& type, double usd, PriceOrigin origin,
                       std::string source) {
    by_type[type] = KnownPrice{type, usd, origin, std::move(source)};
  };
  if (book.table_used)
    for (const auto& row : shipped_price_rows(region.region))
      set(row.instance_type, row.usd_per_hour, PriceOrigin::table,
          fmt::format("{} ({}, {})", book.table_file, row.source, row.source_date));
  for (const auto& list : sources.lists)
    for (const auto& e : list.entries)
      if (e.region == region.region)
        set(e.instance_type, e.usd_per_hour, PriceOrigin::price_list,
            fmt::format("{} {} ({}{}{})", list.origin, e.path, e.usage_type,
                        e.sku.empty() ? "" : ", SKU ", e.sku));
  if (scenario_prices)
    for (const auto& [type, usd] : *scenario_prices)
      set(type, usd, PriceOrigin::scenario, fmt::format("scenario prices.{}", type));
  for (const auto& g : sources.given)
    set(g.instance_type, g.usd_per_hour, PriceOrigin::given, g.path);
  for (auto& [type, p] : by_type) book.prices.push_back(std::move(p));
  return book;
}

PriceBasis price_basis(const PriceBook& book) {
  PriceBasis b;
  b.region = book.region.region;
  b.region_source = book.region.source_text;
  b.table_used = book.table_used;
  b.table_file = book.table_file;
  return b;
}

UnpricedTypes unpriced_types(const SimulationInput& input) {
  std::set<std::string, std::less<>> missing;
  const auto check = [&](int count, const std::string& type) {
    if (count > 0 && !type.empty() && !input.prices.contains(type)) missing.insert(type);
  };
  for (const auto& v : input.variants) {
    check(v.n_old, v.old_instance_type);
    check(v.n_new, v.new_instance_type);
  }
  return {missing.begin(), missing.end()};
}

Diagnostics price_missing_warnings(const UnpricedTypes& types, const PriceBasis& basis,
                                   std::string_view hint) {
  Diagnostics out;
  for (const auto& type : types) {
    const std::string where =
        !basis.table_used      ? fmt::format("{} (price_table: none: only given prices count)",
                                             basis.region)
        : basis.table_file.empty() ? fmt::format("{} (no table is shipped for it)", basis.region)
                                   : basis.region;
    out.push_back(Diagnostic{
        Severity::warning, warning_code::price_missing, "prices." + type,
        "every instance type the update runs needs a price", fmt::format("\"{}\"", type),
        fmt::format("No price for {} in {}: every cost that includes its instances is unknown "
                    "(not $0); {}.",
                    type, where, hint)});
  }
  return out;
}

Diagnostics cost_unknown_errors(const SimulationInput& input, std::string_view what,
                                std::string_view path, std::string_view alternative) {
  const UnpricedTypes types = unpriced_types(input);
  if (types.empty()) return {};
  std::string list;
  for (const auto& t : types) list += (list.empty() ? "" : ", ") + t;
  return {error_diagnostic(
      error_code::cost_unknown, std::string(path),
      "a cost objective or limit needs a price for every instance type the update runs",
      fmt::format("\"{}\"", list),
      fmt::format("{} needs a price for every instance type the update runs: no price for {} in "
                  "{} (costs are unknown, not $0, and cannot be ranked or limited); {}{}{}",
                  what, list, input.price_basis.region, input.price_basis.hint,
                  alternative.empty() ? "" : ", or ", alternative))};
}

std::vector<AssumptionValue> price_assumptions(const PriceBasis& basis) {
  std::string table;
  if (!basis.table_used)
    table = "none (only the prices given count: Price Lists, the scenario's, given ones)";
  else if (basis.table_file.empty())
    table = fmt::format("none shipped for {}", basis.region);
  else
    table = fmt::format("{} (shipped)", basis.table_file);
  return {{"price_region", fmt::format("{} ({})", basis.region, basis.region_source)},
          {"price_table", std::move(table)}};
}

}  // namespace shiftsim
