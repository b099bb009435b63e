// Integer ranges of the sweep flags: checked against their field's limits and counted with
// checked arithmetic before anything is expanded. Every count below is computed by hand.
#include "input_problems.hpp"

#include "shiftsim/diagnostic.hpp"
#include "shiftsim/int_range.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using shiftsim::count_int_range;
using shiftsim::IntRangeField;
using shiftsim::parse_int_range;
using V = std::vector<std::int64_t>;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

const IntRangeField kWait{"WaitIntervalInSeconds", 0, 3600};
const IntRangeField kAnyInt{"any", kMin, kMax};

/// The one diagnostic of a range that must be refused.
shiftsim::Diagnostic refusal(const std::string& text, const IntRangeField& field,
                             std::uint64_t max_values = shiftsim::kMaxRangeValues) {
  INFO("range: " << text);
  const auto ds =
      shiftsim::test::problems([&] { (void)parse_int_range(text, "--wait", field, max_values); });
  REQUIRE(ds.size() == 1);
  return ds.front();
}

}  // namespace

TEST_CASE("the issue's range is refused by WaitIntervalInSeconds' limit before it is expanded",
          "[int_range]") {
  // 9223372023755685490 / 922337203757558279 = 9.99... -> 9 steps, 10 values, the last
  // 9 * 922337203757558279 = 8301034833818024511; one more step would pass INT64_MAX.
  const std::string text = "0:9223372023755685490:922337203757558279";
  CHECK(count_int_range(text, "--wait") == 10);
  const auto d = refusal(text, kWait);
  CHECK(d.code == "E_RANGE");
  CHECK(d.path == "--wait");
  CHECK(d.value == "\"" + text + "\"");
  CHECK(d.rule == "values must be 0..3600 (WaitIntervalInSeconds)");
  CHECK(d.message.find("8301034833818024511 is above 3600, the maximum of "
                       "WaitIntervalInSeconds (0..3600)") != std::string::npos);
  // Without a field limit the ten values are expanded exactly, none past the stop.
  const auto all = parse_int_range(text, "--wait");
  REQUIRE(all.size() == 10);
  for (std::size_t k = 0; k < 10; ++k)
    CHECK(all[k] == static_cast<std::int64_t>(k) * 922337203757558279);
}

TEST_CASE("stepping at the top of int64 neither overflows nor loses the last value",
          "[int_range]") {
  CHECK(parse_int_range("9223372036854775806:9223372036854775807:2", "--x") == V{kMax - 1});
  CHECK(parse_int_range("9223372036854775806:9223372036854775807:1", "--x") == V{kMax - 1, kMax});
  CHECK(parse_int_range("0:9223372036854775807:9223372036854775807", "--x") == V{0, kMax});
  CHECK(parse_int_range("5:10:9223372036854775807", "--x") == V{5});  // a huge step: one value
  CHECK(count_int_range("9223372036854775806:9223372036854775807:2", "--x") == 1);
  // The widest span: (2^64 - 1) / (2^63 - 1) = 2 steps, so MIN, MIN + (2^63 - 1) = -1 and
  // MIN + 2 (2^63 - 1) = MAX - 1.
  CHECK(parse_int_range("-9223372036854775808:9223372036854775807:9223372036854775807", "--x",
                        kAnyInt) == V{kMin, -1, kMax - 1});
}

TEST_CASE("counts saturate instead of wrapping, and are refused before any allocation",
          "[int_range]") {
  // 2^64 values in one part (MIN..MAX by 1) saturate at UINT64_MAX.
  const auto d = refusal("-9223372036854775808:9223372036854775807:1", kAnyInt);
  CHECK(d.code == "E_GRID_TOO_LARGE");
  CHECK(d.value == "18446744073709551615");
  // Two parts of 2^63 values each: 2^64 saturates too.
  CHECK(count_int_range("0:9223372036854775807:1,0:9223372036854775807:1", "--x") ==
        std::numeric_limits<std::uint64_t>::max());
  // Duplicates count before they are removed: 2 x 3601 = 7202.
  CHECK(refusal("0:3600:1,0:3600:1", kWait, 7201).value == "7202");
  CHECK(parse_int_range("0:3600:1,0:3600:1", "--wait", kWait, 7202).size() == 3601);
}

TEST_CASE("every value must lie within the field's limits, and the stop may not be reached",
          "[int_range]") {
  CHECK(parse_int_range("0:3600:1", "--wait", kWait).size() == 3601);
  const auto above = refusal("0:3601:1", kWait);
  CHECK(above.code == "E_RANGE");
  CHECK(above.message.find("3601 is above 3600") != std::string::npos);
  // 0, 1000, 2000, 3000: the stop 3700 is never a value, so the range is within 0..3600.
  CHECK(parse_int_range("0:3700:1000", "--wait", kWait) == V{0, 1000, 2000, 3000});
  const auto below = refusal("-1:5:1", kWait);
  CHECK(below.code == "E_RANGE");
  CHECK(below.message.find("-1 is below 0, the minimum of WaitIntervalInSeconds") !=
        std::string::npos);
  CHECK(refusal("600,3601", kWait).message.find("3601 is above 3600") != std::string::npos);
}

TEST_CASE("syntax and order problems keep their codes", "[int_range]") {
  CHECK(refusal("99999999999999999999", kWait).code == "E_RANGE");  // beyond int64
  CHECK(refusal("0:10", kWait).code == "E_RANGE_SYNTAX");
  CHECK(refusal("1,,2", kWait).code == "E_RANGE_SYNTAX");
  CHECK(refusal("10:0:1", kWait).code == "E_RANGE");
  CHECK(refusal("0:10:0", kWait).code == "E_RANGE");
}

TEST_CASE("field limits come from the SageMaker model", "[int_range]") {
  const auto wait = shiftsim::model_int_field("WaitIntervalInSeconds");
  CHECK(wait.min == 0);
  CHECK(wait.max == 3600);
  const auto twait = shiftsim::model_int_field("TerminationWaitInSeconds");
  CHECK(twait.min == 0);
  CHECK(twait.max == 3600);
  const auto size = shiftsim::model_int_field("CapacitySizeValue");
  CHECK(size.min == 1);
  CHECK(size.max == kMax);  // the model sets no maximum
  CHECK_THROWS_AS(shiftsim::model_int_field("CapacitySize"), std::invalid_argument);
}
