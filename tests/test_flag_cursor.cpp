// FlagCursor (cli/flag_cursor.hpp): `--name value` and `--name=value`, words passed on whole,
// missing values, optional values and multi-word lists.
#include "flag_cursor.hpp"

#include <catch2/catch.hpp>

using shiftsim::cli::Args;
using shiftsim::cli::CliUsageError;
using shiftsim::cli::FlagCursor;

TEST_CASE("both value spellings, other words whole") {
  const Args args{"--seed", "7", "--trials=10", "-o", "json", "pos=1", "--flag=a=b"};
  FlagCursor c(args);
  REQUIRE(c.next());
  CHECK(c.flag() == "--seed");
  CHECK_FALSE(c.inline_value());
  CHECK(c.value() == "7");
  REQUIRE(c.next());
  CHECK(c.flag() == "--trials");
  CHECK(c.word() == "--trials=10");
  CHECK(c.value() == "10");
  REQUIRE(c.next());
  CHECK(c.flag() == "-o");  // short flags are not split
  CHECK(c.value() == "json");
  REQUIRE(c.next());
  CHECK(c.flag() == "pos=1");  // only `--` words are split at '='
  REQUIRE(c.next());
  CHECK(c.flag() == "--flag");
  CHECK(*c.inline_value() == "a=b");  // split at the first '='
  CHECK_FALSE(c.next());
  CHECK_FALSE(c.next());
}

TEST_CASE("a missing value and a value where none is taken are usage errors") {
  const Args args{"--x", "--seed"};
  FlagCursor c(args, "emit: ");
  REQUIRE(c.next());
  REQUIRE(c.next());
  CHECK_THROWS_WITH(c.value(), "emit: --seed needs a value");
  const Args with{"--bare=1"};
  FlagCursor d(with);
  REQUIRE(d.next());
  CHECK_THROWS_WITH(d.no_value(), "--bare takes no value");
}

TEST_CASE("take_next_if consumes only approved words") {
  const Args args{"--list", "A=1", "A=2", "B=3"};
  FlagCursor c(args);
  REQUIRE(c.next());
  std::string all = c.value();
  while (const auto more = c.take_next_if([](std::string_view w) { return w.starts_with("A="); }))
    all += " " + *more;
  CHECK(all == "A=1 A=2");
  REQUIRE(c.next());
  CHECK(c.flag() == "B=3");
  CHECK_FALSE(c.take_next_if([](std::string_view) { return true; }));
}
