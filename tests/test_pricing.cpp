// Where a run's prices come from (pricing.hpp; amendments A12, A13): the region's order, and the
// order of the price sources, a Price List fixture built to get-products' documented shape among
// them (docs/prices.md gives each price's source; the reader itself:
// test_price_list.cpp).
#include "input_problems.hpp"
#include "test_files.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/price_list.hpp"
#include "shiftsim/prices.hpp"
#include "shiftsim/pricing.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace shiftsim;

using shiftsim::test::read_source_file;

namespace {

const std::string kFixture = "tests/data/pricing/get-products-hosting.json";

}  // namespace

TEST_CASE("region codes and ARNs", "[pricing][region]") {
  CHECK(is_region_code("eu-central-1"));
  CHECK(is_region_code("us-gov-west-1"));
  CHECK(is_region_code("ap-southeast-5"));
  CHECK_FALSE(is_region_code("Frankfurt"));
  CHECK_FALSE(is_region_code("eu-central"));
  CHECK_FALSE(is_region_code("EU-CENTRAL-1"));
  CHECK_FALSE(is_region_code("eu--1"));
  CHECK_FALSE(is_region_code(""));
  CHECK(region_of_arn("arn:aws:sagemaker:eu-central-1:123456789012:endpoint/churn-prod") ==
        "eu-central-1");
  CHECK(region_of_arn("arn:aws-us-gov:sagemaker:us-gov-west-1:1:endpoint/e") == "us-gov-west-1");
  CHECK_FALSE(region_of_arn("arn:aws:sagemaker::123:endpoint/e"));
  CHECK_FALSE(region_of_arn("churn-prod"));
}

TEST_CASE("the region: given, AWS_REGION, AWS_DEFAULT_REGION, the endpoint's ARN, us-east-1",
          "[pricing][region]") {
  const std::string arn = "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/e";
  RegionInputs in;
  in.given_name = "--region";
  Diagnostics errors;
  CHECK(choose_price_region(in, "", errors).region == "us-east-1");
  CHECK(choose_price_region(in, "", errors).source == RegionSource::fallback);
  CHECK(choose_price_region(in, arn, errors).region == "eu-west-1");
  CHECK(choose_price_region(in, arn, errors).source_text == "from the endpoint's ARN");
  in.aws_default_region = "ap-south-1";
  CHECK(choose_price_region(in, arn, errors).region == "ap-south-1");
  in.aws_region = "";  // set but empty: unset, as the AWS CLI reads it
  CHECK(choose_price_region(in, arn, errors).region == "ap-south-1");
  in.aws_region = "sa-east-1";
  CHECK(choose_price_region(in, arn, errors).source_text == "from AWS_REGION");
  in.given = "eu-central-1";
  const PriceRegion r = choose_price_region(in, arn, errors);
  CHECK(r.region == "eu-central-1");
  CHECK(r.source == RegionSource::given);
  CHECK(r.source_text == "from --region");
  CHECK(errors.empty());

  in.given = "Frankfurt";
  (void)choose_price_region(in, arn, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == error_code::region);
  CHECK(errors[0].path == "--region");
  CHECK(errors[0].value == "\"Frankfurt\"");
}

TEST_CASE("prices: the region's table < Price Lists < scenario < given, or only the given",
          "[pricing][sources]") {
  PriceSources src;
  src.lists.push_back(parse_price_list(read_source_file(kFixture), "list.json"));
  src.given.push_back(parse_given_price("ml.g5.xlarge=1.0", "--price"));
  PriceTable scenario{{"ml.m5.large", 0.1}, {"ml.g5.xlarge", 2.0}};
  const PriceRegion east1;  // us-east-1, the default
  const PriceBook book = build_price_book(src, east1, &scenario, std::nullopt);
  CHECK(book.table_used);
  CHECK(book.table_file == "prices-us-east-1.csv");
  REQUIRE(book.find("ml.c5.xlarge"));  // the shipped table's $0.204
  CHECK(book.find("ml.c5.xlarge")->usd_per_hour == 0.204);
  CHECK(book.find("ml.c5.xlarge")->origin == PriceOrigin::table);
  CHECK(book.find("ml.m5.2xlarge")->origin == PriceOrigin::price_list);  // list over table
  CHECK(book.find("ml.m5.large")->usd_per_hour == 0.1);                  // scenario over list
  CHECK(book.find("ml.g5.xlarge")->usd_per_hour == 1.0);                 // given over scenario
  CHECK(book.find("ml.g5.xlarge")->source == "--price");
  CHECK(book.find("ml.g6.xlarge") == nullptr);  // the list's us-east-2 entries stay there

  PriceRegion east2;
  east2.region = "us-east-2";
  const PriceBook b2 = build_price_book(src, east2, nullptr, std::nullopt);
  CHECK(b2.find("ml.g6.xlarge")->usd_per_hour == 1.1267);
  CHECK(b2.find("ml.m5.large")->origin == PriceOrigin::table);  // prices-us-east-2.csv
  CHECK(b2.find("ml.m5.xlarge") == nullptr);

  // Negotiated rates: the scenario's price_table: none, or the caller's (which wins).
  const PriceBook none = build_price_book(src, east1, &scenario, false);
  CHECK_FALSE(none.table_used);
  CHECK(none.find("ml.c5.xlarge") == nullptr);
  CHECK(none.find("ml.m5.xlarge")->origin == PriceOrigin::price_list);
  src.use_table = true;
  CHECK(build_price_book(src, east1, &scenario, false).find("ml.c5.xlarge") != nullptr);

  PriceRegion frankfurt;
  frankfurt.region = "eu-central-1";
  const PriceBook fra = build_price_book(PriceSources{}, frankfurt, nullptr, std::nullopt);
  CHECK(fra.table_file.empty());
  CHECK(fra.prices.empty());
}

TEST_CASE("given prices are TYPE=USD", "[pricing][sources]") {
  const GivenPrice g = parse_given_price("ml.g5.12xlarge=5.672", "--price");
  CHECK(g.instance_type == "ml.g5.12xlarge");
  CHECK(g.usd_per_hour == 5.672);
  for (const char* bad : {"ml.g5.xlarge", "ml.g5.xlarge=", "ml.g5.xlarge=abc", "g5.xlarge=1",
                          "ml.g5.xlarge=-1", "ml.g5.xlarge=20000", "=1"}) {
    INFO(bad);
    const Diagnostics ds = test::problems([&] { (void)parse_given_price(bad, "--price"); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].code == error_code::price);
    CHECK(ds[0].path == "--price");
  }
}

TEST_CASE("the shipped tables: one per region, each the data file", "[pricing][prices]") {
  CHECK(shipped_price_regions() == std::vector<std::string>{"us-east-1", "us-east-2"});
  for (const auto& region : shipped_price_regions()) {
    const auto rows = shipped_price_rows(region);
    const std::string file = read_source_file("engine/data/" + shipped_price_file(region));
    // Every data row is a table row (the file: a header and one line per row).
    std::size_t lines = 0;
    for (char c : file) lines += c == '\n' ? 1 : 0;
    CHECK(rows.size() + 1 == lines);
    for (const auto& r : rows) {
      CHECK(r.source.rfind("[", 0) == 0);
      // Graded rows carry their source's date; [C] placeholders have no source to date.
      if (r.source.rfind("[C]", 0) != 0) CHECK(r.source_date.size() == 10);
    }
  }
  const auto east2 = to_price_table(shipped_price_rows("us-east-2"));
  CHECK(east2.at("ml.g6.xlarge") == 1.1267);
  CHECK(east2.at("ml.c5.xlarge") == 0.204);
  CHECK(shipped_price_rows("eu-central-1").empty());
  CHECK(shipped_price_file("eu-central-1").empty());
}
