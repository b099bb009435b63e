// The AWS Price List reader (price_list.hpp) against a fixture built to get-products' documented
// shape (tests/data/pricing/make_fixture.py; docs/prices.md gives the shape's sources and each
// price's), and hand-made entries for each rule.
#include "input_problems.hpp"
#include "test_files.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/price_list.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace shiftsim;

using shiftsim::test::read_source_file;

namespace {

const std::string kFixture = "tests/data/pricing/get-products-hosting.json";

/// The diagnostics parse_price_list() throws for `text`.
Diagnostics list_errors(const std::string& text) {
  return test::problems([&] { (void)parse_price_list(text, "p.json"); });
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

TEST_CASE("a Price List gives the documented hosting prices of two regions", "[price_list]") {
  const PriceList list = parse_price_list(read_source_file(kFixture), "get-products-hosting.json");
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
          "[price_list]") {
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

TEST_CASE("only SageMaker real-time hosting entries count", "[price_list]") {
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
  CHECK(none[0].code == error_code::required);
  CHECK(none[0].value == "2 entries, none of them hosting");
}

TEST_CASE("tiered hourly prices: the tier that ends at Inf", "[price_list]") {
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

TEST_CASE("bad Price Lists exit with the path of each problem", "[price_list]") {
  SECTION("not get-products output") {
    const auto e = list_errors(R"({"Products": []})");
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == error_code::required);
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

TEST_CASE("the same price twice is one entry", "[price_list]") {
  const auto l = parse_price_list(doc_of(hosting("us-east-1", "ml.m5.large", "0.115") + "," +
                                         hosting("us-east-1", "ml.m5.large", "0.1150000000")),
                                  "p.json");
  CHECK(l.entries.size() == 1);
}

TEST_CASE("Price List location names are region codes", "[price_list]") {
  CHECK(region_of_location("EU (Frankfurt)") == "eu-central-1");
  CHECK(region_of_location("US East (Ohio)") == "us-east-2");
  CHECK(region_of_location("AWS GovCloud (US)") == "us-gov-west-1");
  CHECK_FALSE(region_of_location("Atlantis").has_value());
  CHECK_FALSE(region_of_location("eu (frankfurt)").has_value());  // names as the API spells them
}
