// Where a run's prices come from (pricing.hpp, price_list.hpp; amendments A12, A13): the AWS
// Price List reader against a fixture built to get-products' documented shape
// (tests/data/pricing/README.md gives each price's source), the region's order, and the order of
// the price sources.
#include "shiftsim/codes.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/price_list.hpp"
#include "shiftsim/prices.hpp"
#include "shiftsim/pricing.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace shiftsim;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kFixture = SHIFTSIM_SOURCE_DIR "/tests/data/pricing/get-products-hosting.json";

/// The diagnostics parse_price_list() throws for `text`.
Diagnostics list_errors(const std::string& text) {
  try {
    (void)parse_price_list(text, "p.json");
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  FAIL("parse_price_list did not throw");
  return {};
}

/// A get-products document of the given entries (objects, as an SDK or YAML gives them).
std::string doc_of(const std::string& entries) {
  return R"({"FormatVersion": "aws_v1", "PriceList": [)" + entries + "]}";
}

/// One hosting entry in object form.
std::string hosting(const std::string& region, const std::string& type, const std::string& usd,
                    const std::string& extra_attributes = "") {
  return R"({"product": {"productFamily": "ML Instance", "attributes": {"regionCode": ")" +
         region + R"(", "usagetype": "X-Host:)" + type + R"(", "instanceName": ")" + type +
         R"(", "component": "Hosting", "operation": "RunInstance")" + extra_attributes +
         R"(}}, "serviceCode": "AmazonSageMaker", "terms": {"OnDemand": {"T": {"priceDimensions":
         {"D": {"unit": "Hrs", "pricePerUnit": {"USD": ")" +
         usd + R"("}}}}}}})";
}

}  // namespace

TEST_CASE("a Price List gives the documented hosting prices of two regions", "[pricing][price_list]") {
  const PriceList list = parse_price_list(read_file(kFixture), "get-products-hosting.json");
  // Five hosting entries; the processing entry (USE1-Processing:ml.m5.large) is not hosting.
  REQUIRE(list.entries.size() == 5);
  CHECK(list.skipped == 1);
  CHECK(list.publication_date == "2026-11-01T00:00:00Z");
  const auto price = [&](const std::string& region, const std::string& type) {
    for (const auto& e : list.entries)
      if (e.region == region && e.instance_type == type) return e.usd_per_hour;
    return -1.0;
  };
  // us-east-1: $0.23 (USE1-Host:ml.m5.xlarge, SKU JDZQJFUVUR8SUWHS), $0.115, $0.461.
  CHECK(price("us-east-1", "ml.m5.xlarge") == 0.23);
  CHECK(price("us-east-1", "ml.m5.large") == 0.115);
  CHECK(price("us-east-1", "ml.m5.2xlarge") == 0.461);
  // us-east-2: $1.1267 (USE2-Host:ml.g6.xlarge), $72.795 (USE2-Host:ml.p5en.48xlarge).
  CHECK(price("us-east-2", "ml.g6.xlarge") == 1.1267);
  CHECK(price("us-east-2", "ml.p5en.48xlarge") == 72.795);
  CHECK(price("us-east-2", "ml.m5.xlarge") == -1.0);
  CHECK(list.entries[0].usage_type == "USE1-Host:ml.m5.xlarge");
  CHECK(list.entries[0].sku == "JDZQJFUVUR8SUWHS");
  CHECK(list.entries[0].path == "PriceList[0]");
}

TEST_CASE("Price List entries as objects and as YAML read like the CLI's JSON strings",
          "[pricing][price_list]") {
  const auto a = parse_price_list(doc_of(hosting("eu-central-1", "ml.m5.xlarge", "0.5")), "a.json");
  REQUIRE(a.entries.size() == 1);
  CHECK(a.entries[0].region == "eu-central-1");
  CHECK(a.entries[0].usd_per_hour == 0.5);
  const auto y = parse_price_list(
      "FormatVersion: aws_v1\nPriceList:\n- product:\n    attributes:\n      location: EU "
      "(Frankfurt)\n      usagetype: EUC1-Host:ml.c5.large\n  terms:\n    OnDemand:\n      T:\n"
      "        priceDimensions:\n          D:\n            unit: Hrs\n            pricePerUnit:\n"
      "              USD: '0.25'\n",
      "y.yaml");
  REQUIRE(y.entries.size() == 1);
  CHECK(y.entries[0].region == "eu-central-1");  // from the location name
  CHECK(y.entries[0].instance_type == "ml.c5.large");
  CHECK(y.entries[0].usd_per_hour == 0.25);
}

TEST_CASE("only SageMaker real-time hosting entries count", "[pricing][price_list]") {
  const std::string training = R"({"product": {"attributes": {"regionCode": "us-east-1",
      "usagetype": "USE1-Train:ml.m5.xlarge"}}, "terms": {"OnDemand": {}}})";
  const std::string plain_hosting =
      hosting("us-east-1", "ml.t3.medium", "0.05", R"(, "x": "y")");
  const std::string studio = R"({"product": {"attributes": {"regionCode": "us-east-1",
      "usagetype": "USE1-Host:ml.m5.large", "component": "studio-jupyterlab"}},
      "terms": {"OnDemand": {}}})";
  const std::string ec2 = R"({"product": {"attributes": {"regionCode": "us-east-1",
      "usagetype": "USE1-Host:ml.m5.large"}}, "serviceCode": "AmazonEC2", "terms": {}})";
  const std::string reserved = R"({"product": {"attributes": {"regionCode": "us-east-1",
      "usagetype": "USE1-Host:ml.m5.large"}}, "terms": {"Reserved": {}}})";
  const auto l = parse_price_list(
      doc_of(training + "," + plain_hosting + "," + studio + "," + ec2 + "," + reserved),
      "p.json");
  REQUIRE(l.entries.size() == 1);
  CHECK(l.entries[0].instance_type == "ml.t3.medium");
  CHECK(l.skipped == 4);
  // A document with no hosting entry at all is refused: the file was given for its prices.
  const auto none = list_errors(doc_of(training + "," + studio));
  REQUIRE(none.size() == 1);
  CHECK(none[0].code == error_code::price_list);
  CHECK(none[0].value == "2 entries, none of them hosting");
}

TEST_CASE("tiered hourly prices: the tier that ends at Inf", "[pricing][price_list]") {
  const std::string tiers = R"({"product": {"attributes": {"regionCode": "us-east-1",
      "usagetype": "USE1-Host:ml.m5.large"}}, "terms": {"OnDemand": {"T": {"priceDimensions": {
      "A": {"unit": "Hrs", "beginRange": "0", "endRange": "750", "pricePerUnit": {"USD": "0"}},
      "B": {"unit": "Hrs", "beginRange": "750", "endRange": "Inf",
            "pricePerUnit": {"USD": "0.115"}},
      "C": {"unit": "GB-Mo", "pricePerUnit": {"USD": "0.14"}}}}}}})";
  const auto l = parse_price_list(doc_of(tiers), "p.json");
  REQUIRE(l.entries.size() == 1);
  CHECK(l.entries[0].usd_per_hour == 0.115);
}

TEST_CASE("bad Price Lists exit with the path of each problem", "[pricing][price_list]") {
  SECTION("not get-products output") {
    const auto e = list_errors(R"({"Products": []})");
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == error_code::price_list);
    CHECK(e[0].path == "PriceList");
  }
  SECTION("an entry string that is not JSON") {
    const auto e = list_errors(doc_of(R"("{\"product\": ")"));
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == error_code::json_syntax);
    CHECK(e[0].path == "PriceList[0]");
  }
  SECTION("a price that is not a number, and a region nobody names") {
    const auto bad_price = hosting("us-east-1", "ml.m5.large", "a lot");
    const std::string no_region = R"({"product": {"attributes": {"usagetype":
        "USE1-Host:ml.m5.large", "location": "Atlantis"}}, "terms": {"OnDemand": {}}})";
    const auto e = list_errors(doc_of(bad_price + "," + no_region));
    REQUIRE(e.size() == 2);
    CHECK(e[0].path == "PriceList[0].terms.OnDemand.T.priceDimensions.D.pricePerUnit.USD");
    CHECK(e[0].value == "\"a lot\"");
    CHECK(e[1].path == "PriceList[1].product.attributes.regionCode");
    CHECK(e[1].value == "\"Atlantis\"");
  }
  SECTION("two prices for one type in one region") {
    const auto e = list_errors(doc_of(hosting("us-east-1", "ml.m5.large", "0.115") + "," +
                                      hosting("us-east-1", "ml.m5.large", "0.2")));
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == error_code::duplicate);
    CHECK(e[0].path == "PriceList[1]");
  }
  SECTION("over the shared document budget") {
    const auto e = list_errors(std::string(kMaxDocumentBytes + 1, ' '));
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == error_code::size);
  }
}

TEST_CASE("the same price twice is one entry", "[pricing][price_list]") {
  const auto l = parse_price_list(doc_of(hosting("us-east-1", "ml.m5.large", "0.115") + "," +
                                         hosting("us-east-1", "ml.m5.large", "0.1150000000")),
                                  "p.json");
  CHECK(l.entries.size() == 1);
}

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
  src.lists.push_back(parse_price_list(read_file(kFixture), "list.json"));
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
    try {
      (void)parse_given_price(bad, "--price");
      FAIL(bad);
    } catch (const InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].code == error_code::price);
      CHECK(e.diagnostics()[0].path == "--price");
    }
  }
}

TEST_CASE("the shipped tables: one per region, each the data file", "[pricing][prices]") {
  CHECK(shipped_price_regions() == std::vector<std::string>{"us-east-1", "us-east-2"});
  for (const auto& region : shipped_price_regions()) {
    const auto rows = shipped_price_rows(region);
    const std::string file =
        read_file(SHIFTSIM_SOURCE_DIR "/engine/data/" + shipped_price_file(region));
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
