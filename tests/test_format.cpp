// The reporters' one set of number formatters (cli/report/format.hpp), against hand-written
// strings: the sign before the currency sign, no "-0" anywhere, rounding as documented.
#include "report/format.hpp"

#include <catch2/catch.hpp>

using namespace shiftsim;
using namespace shiftsim::cli;

TEST_CASE("money: the sign comes first, a zero has none", "[format]") {
  CHECK(usd(1.234) == "$1.23");
  CHECK(usd(1234.5) == "$1234.50");
  CHECK(usd(-1.234) == "-$1.23");
  CHECK(usd(-0.004) == "$0.00");  // rounds to zero: no sign
  CHECK(usd(0.0) == "$0.00");
  CHECK(usd(-0.0) == "$0.00");
  CHECK(usd_grouped(1234567.891) == "$1,234,567.89");
  CHECK(usd_grouped(-1234.5) == "-$1,234.50");
  CHECK(usd_grouped(999.999) == "$1,000.00");
  CHECK(usd_grouped(0.0042) == "$0.0042");   // below a cent: four decimals
  CHECK(usd_grouped(-0.0042) == "-$0.0042"); // (was "$-0.0042")
  CHECK(usd_grouped(0.0) == "$0.00");
}

TEST_CASE("durations: exact seconds, clocks and words", "[format]") {
  CHECK(seconds_text(300'000) == "300");
  CHECK(seconds_text(12'500) == "12.5");
  CHECK(seconds_text(1) == "0.001");
  CHECK(seconds_text(-60'000) == "-60");
  CHECK(hms_text(3'723'000) == "1:02:03");
  CHECK(hms_text(-60'000) == "-0:01:00");
  CHECK(hms_text(-500) == "0:00:00");  // under a second, toward zero: no sign
  CHECK(clock_text(3723.0) == "1:02:03");
  CHECK(clock_text(12.5) == "0:00:12.500");
  CHECK(clock_text(-60.0) == "-0:01:00");
  CHECK(duration_words(45.0) == "45 s");
  CHECK(duration_words(2.5) == "2.5 s");
  CHECK(duration_words(750.0) == "12 min 30 s");
  CHECK(duration_words(600.0) == "10 min");
  CHECK(duration_words(7500.0) == "2 h 05 min");
  CHECK(duration_words(3723.0) == "1 h 02 min 03 s");
  CHECK(duration_words(-90.0) == "-1 min 30 s");  // (was "−1 min 30 s", U+2212)
  CHECK(duration_words(-0.01) == "0.0 s");
}

TEST_CASE("percentages and plain numbers", "[format]") {
  CHECK(percent(12.5) == "12.5%");
  CHECK(percent(100.0) == "100%");
  CHECK(percent(33.333333, 2) == "33.33%");
  CHECK(percent(-2.5) == "-2.5%");
  CHECK(percent(-0.04) == "0%");
  CHECK(percent(0.125, 2) == "0.13%");  // half away from zero
  CHECK(trim_number(3.0, 3) == "3");
  CHECK(trim_number(0.08333, 4) == "0.0833");
  CHECK(trim_number(-0.0004, 3) == "0");
  CHECK(fixed(2.5, 2) == "2.50");
  CHECK(fixed(752.4, 0) == "752");
  CHECK(fixed(-0.3, 0) == "0");
  CHECK(fixed(-1.5, 1) == "-1.5");
  CHECK(round_to(1.2345, 2) == 1.23);
  CHECK(round_to(-0.001, 2) == 0.0);
  CHECK(hours_text(5400.0) == "1.50");
  CHECK(hours_text(-1800.0) == "-0.50");
  CHECK(hours_text(-1.0) == "0.00");
}
