// The one YAML plain-scalar resolution (engine/src/yaml_scalar.hpp), shared by parse_tree() and the
// IaC readers: each row is the YAML 1.2 core schema's answer (yaml.org/spec/1.2.2, 10.3.2 "Tag
// Resolution"), written out by hand; then both readers are shown to give the same values.
#include "iac/located_tree.hpp"
#include "json_tree.hpp"
#include "yaml_scalar.hpp"

#include <catch2/catch.hpp>

#include <string>

using shiftsim::detail::resolve_plain_scalar;
using Json = nlohmann::ordered_json;

TEST_CASE("Plain scalars resolve as the YAML 1.2 core schema says", "[yaml][scalar]") {
  CHECK(resolve_plain_scalar("true") == Json(true));
  CHECK(resolve_plain_scalar("False") == Json(false));
  CHECK(resolve_plain_scalar("yes") == Json("yes"));  // YAML 1.1's boolean, a string in 1.2
  CHECK(resolve_plain_scalar("~").is_null());
  CHECK(resolve_plain_scalar("").is_null());
  CHECK(resolve_plain_scalar("NULL").is_null());
  CHECK(resolve_plain_scalar("nil") == Json("nil"));
  CHECK(resolve_plain_scalar("42") == Json(std::int64_t{42}));
  CHECK(resolve_plain_scalar("+42") == Json(std::int64_t{42}));
  CHECK(resolve_plain_scalar("-7") == Json(std::int64_t{-7}));
  CHECK(resolve_plain_scalar("0x1F") == Json(std::int64_t{31}));
  CHECK(resolve_plain_scalar("0o17") == Json(std::int64_t{15}));
  CHECK(resolve_plain_scalar("0x") == Json("0x"));
  CHECK(resolve_plain_scalar("1_000") == Json("1_000"));
  CHECK(resolve_plain_scalar("9223372036854775807") == Json(std::int64_t{9223372036854775807}));
  const Json big = resolve_plain_scalar("9223372036854775808");  // one past 64 bits: a number
  CHECK(big.is_number_float());
  CHECK(big.get<double>() == 9223372036854775808.0);
  CHECK(resolve_plain_scalar("1.5") == Json(1.5));
  CHECK(resolve_plain_scalar(".5") == Json(0.5));
  CHECK(resolve_plain_scalar("2.") == Json(2.0));
  CHECK(resolve_plain_scalar("1e3") == Json(1000.0));
  CHECK(resolve_plain_scalar("-2.5E-1") == Json(-0.25));
  CHECK(resolve_plain_scalar(".inf") == Json(".inf"));  // JSON has no infinity: kept as text
  CHECK(resolve_plain_scalar(".nan") == Json(".nan"));
  CHECK(resolve_plain_scalar("ml.m5.xlarge") == Json("ml.m5.xlarge"));
}

TEST_CASE("A CloudFormation template and a request document type the same scalars alike",
          "[yaml][scalar][iac]") {
  const std::string values = "[true, yes, ~, 42, 0x1F, 1e3, 9223372036854775808, .inf, '7', x]";
  const auto located =
      shiftsim::iac::detail::parse_located_cfn_yaml("v: " + values + "\n", "t.yaml").root;
  shiftsim::Diagnostics out;
  const auto tree =
      shiftsim::detail::parse_tree("v: " + values + "\n", shiftsim::aws::Format::yaml, "r.yaml", out);
  REQUIRE(out.empty());
  REQUIRE(tree.has_value());
  CHECK(located.at("v") == tree->at("v"));
  CHECK(tree->at("v").at(4) == Json(std::int64_t{31}));
  CHECK(tree->at("v").at(8) == Json("7"));  // quoted: a string in both
}
