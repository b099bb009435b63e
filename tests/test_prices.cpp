// The shipped price table: parsed from the embedded CSV, rows as in engine/data.
#include "test_files.hpp"

#include "shiftsim/prices.hpp"

#include "shiftsim/diagnostic.hpp"

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("the embedded price table is the shipped CSV file", "[prices]") {
  const std::string file = shiftsim::test::read_source_file("engine/data/prices-us-east-1.csv");
  REQUIRE(!file.empty());
  CHECK(shiftsim::detail::embedded_price_table() == file);
}

TEST_CASE("known rows of the shipped table", "[prices]") {
  const auto rows = shiftsim::default_price_rows();
  // The file has 38 lines: a header and 37 instance types.
  CHECK(rows.size() == 37);
  REQUIRE(rows.front().instance_type == "ml.m5.xlarge");
  CHECK(rows.front().usd_per_hour == Approx(0.23));
  // The source field is quoted and holds commas and a single quote pair.
  CHECK(rows.front().source.rfind("[A] aws-samples/foundation-model-benchmarking-tool", 0) == 0);
  CHECK(rows.front().source.find("region not written in file, FMBench price lookups") !=
        std::string::npos);
  CHECK(rows.front().source_date == "2025-01-26");

  const auto prices = shiftsim::default_prices();
  CHECK(prices.at("ml.g5.xlarge") == Approx(1.4084));
  CHECK(prices.at("ml.g5.12xlarge") == Approx(7.09));
  CHECK(prices.at("ml.p5.48xlarge") == Approx(113.068));
  CHECK(prices.at("ml.inf1.xlarge") == Approx(0.297));
  CHECK(prices.at("ml.c5.large") == Approx(0.102));
  CHECK(prices.count("ml.g6.xlarge") == 0);  // left out for lack of a source
  for (const auto& r : rows) {
    CHECK(r.usd_per_hour > 0.0);
    // [C] placeholder rows carry no date; every other row a YYYY-MM-DD date.
    if (r.source.rfind("[C]", 0) == 0)
      CHECK(r.source_date.empty());
    else
      CHECK(r.source_date.size() == 10);
    CHECK(r.source.size() > 3);
  }
}

TEST_CASE("CSV quoting: commas, doubled quotes and CRLF", "[prices]") {
  const auto rows = shiftsim::parse_price_csv(
      "instance_type,usd_per_hour,source,source_date\r\n"
      "ml.a,1.5,\"x, \"\"quoted\"\", y\",2024-01-01\r\n"
      "ml.b,0,plain,2024-01-02\r\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].source == "x, \"quoted\", y");
  CHECK(rows[0].usd_per_hour == 1.5);
  CHECK(rows[1].instance_type == "ml.b");
  CHECK(rows[1].source_date == "2024-01-02");
}

TEST_CASE("bad price rows are all reported", "[prices]") {
  try {
    (void)shiftsim::parse_price_csv(
        "instance_type,usd_per_hour,source,source_date\n"
        "ml.a,abc,s,d\n"
        "ml.b,-1,s,d\n"
        "ml.c,1,s\n"
        "ml.d,1,s,d\n"
        "ml.d,2,s,d\n",
        "p.csv");
    FAIL("no error");
  } catch (const shiftsim::InputError& e) {
    const auto& ds = e.diagnostics();
    REQUIRE(ds.size() == 4);
    CHECK(ds[0].code == "E_TYPE");
    CHECK(ds[0].path == "p.csv:2");
    CHECK(ds[1].code == "E_RANGE");
    CHECK(ds[2].code == "E_CSV");
    CHECK(ds[2].path == "p.csv:4");
    CHECK(ds[3].code == "E_DUPLICATE");
    CHECK(ds[3].path == "p.csv:6");
  }
}

TEST_CASE("a CSV without the header is rejected", "[prices]") {
  CHECK_THROWS_AS(shiftsim::parse_price_csv("ml.a,1,s,d\n"), shiftsim::InputError);
  CHECK_THROWS_AS(shiftsim::parse_price_csv("instance_type,usd_per_hour,source,source_date\n"
                                            "ml.a,1,\"unterminated,d\n"),
                  shiftsim::InputError);
}
