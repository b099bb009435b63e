// `shiftsim prices`: the prices known for a region (amendment A13, docs/prices.md): the shipped
// table, AWS Price List files and given prices, each with its source, as a simulation would use
// them.
#include "commands.hpp"
#include "input_flags.hpp"
#include "output/output.hpp"
#include "report/format.hpp"
#include "report/text_grid.hpp"
#include "terminal.hpp"

#include "shiftsim/pricing.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace shiftsim::cli {

namespace {

using nlohmann::ordered_json;

constexpr CommandInfo kInfo{
    "prices",
    "list the instance prices known for a region, each with its source",
    "shiftsim prices [--region REGION] [--prices FILE ...] [--price TYPE=USD ...] [flags]",
    "Lists the SageMaker real-time hosting prices (USD per instance-hour) that simulate,\n"
    "montecarlo, sweep, plan and compare would use for a region: the region's shipped table\n"
    "(unless --price-table none), then the region's entries of each --prices file (AWS Price\n"
    "List output), then each --price; the last source that prices a type wins. The region:\n"
    "--region, else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1 (a simulation also\n"
    "reads the endpoint's ARN). An instance type not listed has no price: its costs are\n"
    "unknown. Real prices for any region: the AWS Price List, as the second example fetches it\n"
    "(docs/prices.md).",
    "shiftsim prices\n"
    "aws pricing get-products --region us-east-1 --service-code AmazonSageMaker --filters \\\n"
    "    Type=TERM_MATCH,Field=regionCode,Value=eu-central-1 \\\n"
    "    Type=TERM_MATCH,Field=component,Value=Hosting > prices-eu-central-1.json\n"
    "shiftsim prices --region eu-central-1 --prices prices-eu-central-1.json\n"
    "shiftsim prices --price-table none --price ml.g5.xlarge=1.2 --output csv",
    "0 ok, 2 invalid input (every problem listed), 3 output not writable",
};

/// The book and what the --prices files held.
struct Listing {
  PriceBook book;
  std::vector<PriceList> lists;
};

ordered_json listing_json(const Listing& l) {
  ordered_json j;
  j["schema"] = "shiftsim.prices/v1";
  j["region"] = l.book.region.region;
  j["region_source"] = l.book.region.source_text;
  for (const auto& a : price_assumptions(price_basis(l.book)))
    if (a.name == "price_table") j["price_table"] = a.value;
  ordered_json files = ordered_json::array();
  for (const auto& list : l.lists) {
    std::size_t here = 0;
    for (const auto& e : list.entries) here += e.region == l.book.region.region ? 1U : 0U;
    ordered_json f;
    f["file"] = list.origin;
    f["hosting_prices"] = list.entries.size();
    f["hosting_prices_for_region"] = here;
    f["other_entries_skipped"] = list.skipped;
    f["publication_date"] =
        list.publication_date ? ordered_json(*list.publication_date) : ordered_json(nullptr);
    files.push_back(std::move(f));
  }
  j["price_lists"] = std::move(files);
  ordered_json prices = ordered_json::array();
  for (const auto& p : l.book.prices) {
    ordered_json x;
    x["instance_type"] = p.instance_type;
    x["usd_per_hour"] = p.usd_per_hour;
    x["origin"] = to_string(p.origin);
    x["source"] = p.source;
    prices.push_back(std::move(x));
  }
  j["prices"] = std::move(prices);
  return j;
}

std::string listing_csv(const Listing& l) {
  const auto quoted = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  std::string t = "region,instance_type,usd_per_hour,origin,source\n";
  for (const auto& p : l.book.prices)
    t += fmt::format("{},{},{},{},{}\n", l.book.region.region, p.instance_type, p.usd_per_hour,
                     to_string(p.origin), quoted(p.source));
  return t;
}

std::string listing_table(const Listing& l, std::size_t width) {
  std::string t = hanging("region  ", fmt::format("{} ({})", l.book.region.region,
                                                  l.book.region.source_text),
                          "        ", width);
  for (const auto& a : price_assumptions(price_basis(l.book)))
    if (a.name == "price_table") t += hanging("table   ", a.value, "        ", width);
  for (const auto& list : l.lists)
    t += hanging("file    ",
                 fmt::format("{}: {} hosting price(s), {} other entr{} skipped{}", list.origin,
                             list.entries.size(), list.skipped, list.skipped == 1 ? "y" : "ies",
                             list.publication_date ? ", published " + *list.publication_date
                                                   : std::string()),
                 "        ", width);
  t += "\n";
  if (l.book.prices.empty()) return t + "no prices: every cost is unknown\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : l.book.prices)
    rows.push_back({p.instance_type, fmt::format("{}", p.usd_per_hour), to_string(p.origin),
                    p.source});
  return t + render_grid({{"instance type"}, {"USD/hour", true}, {"from"}, {"source", false, true}},
                         rows, width);
}

class Prices final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_price_flags(options, flags_);
    declare_output_flags(options, output_,
                         {"the region, the sources and one row per instance type",
                          "one row per instance type", true, ""});
  }

  int run(Diagnostics errors) override {
    Listing l;
    const PriceSources sources = price_sources(flags_, errors);
    const PriceRegion region = choose_price_region(sources.region, "", errors);
    throw_if_any(std::move(errors));
    l.book = build_price_book(sources, region, nullptr, std::nullopt);
    l.lists = sources.lists;

    std::string text;
    switch (output_.format) {
      case OutputFormat::csv: text = listing_csv(l); break;
      case OutputFormat::table: {
        const Terminal term =
            terminal_for(stdout, output_.color, output_.out && *output_.out != "-");
        text = listing_table(l, term.width);
        break;
      }
      default: text = render_document(listing_json(l), output_.format);
    }
    write_output(output_, text);
    return kExitOk;
  }

 private:
  PriceFlags flags_;
  OutputFlags output_;
};

}  // namespace

CommandEntry prices_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Prices>(); }};
}

}  // namespace shiftsim::cli
