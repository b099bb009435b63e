// The option machinery (cli/options/): Boost.Program_options underneath, the shared value
// parsers, every problem at once, the nearest names. Expected values are written by hand.
#include "options/option_set.hpp"
#include "policy_flags.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/nearest.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace shiftsim;
using namespace shiftsim::cli;

namespace {

enum class Colour { red, dark_blue };

/// A small command: every kind of value.
struct Flags {
  std::optional<std::string> name;
  std::optional<std::string> file;
  std::vector<std::string> tags;
  std::vector<std::string> files;
  std::vector<std::string> words_list;
  bool quiet = false;
  std::optional<bool> retain;
  std::optional<std::int64_t> count;
  std::optional<double> ratio;
  std::optional<SimTime> delay;
  Colour colour = Colour::red;
  std::optional<std::string> kind;
};

struct Parsed {
  Flags f;
  Diagnostics errors;
  bool help = false;
};

Parsed parse(const Args& args) {
  Parsed p;
  OptionSet options("demo");
  options.group("inputs")
      .add("name", text(p.f.name), "NAME", "a name")
      .add("file", input_file(p.f.file), "FILE", "a file")
      .add("tag", repeated(p.f.tags), "TAG", "repeatable")
      .add("files", repeated(p.f.files, Completion::file), "FILE", "repeatable files")
      .add("words", words(p.f.words_list), "W", "one or more words")
      .add("quiet,q", set(p.f.quiet), "a switch")
      .add("retain", set(p.f.retain, true), "on")
      .add("no-retain", set(p.f.retain, false), "off")
      .add("count", integer(p.f.count, 1, 10), "N", "1..10")
      .add("ratio", number(p.f.ratio, 0.0, 1.0), "P", "0..1")
      .add("delay", time_s(p.f.delay), "S", "seconds")
      .add("colour", choice(p.f.colour, Choices<Colour>{{"red", Colour::red},
                                                       {"dark-blue", Colour::dark_blue}}),
           "C", "a colour");
  Value kind = text(p.f.kind);
  kind.arity = Value::Arity::optional;
  kind.implicit = "input";
  options.group("inputs").add("kind", std::move(kind), "KIND", "optional value");
  p.errors = options.parse(args);
  p.help = options.help_requested();
  return p;
}

const Diagnostic* find(const Diagnostics& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("Both value spellings, and a repeated single value keeps the last, as the AWS CLI does",
          "[options]") {
  const auto p = parse({"--name", "a", "--name=b", "--count=3", "-q", "--tag", "x", "--tag=y"});
  CHECK(p.errors.empty());
  CHECK(*p.f.name == "b");
  CHECK(*p.f.count == 3);
  CHECK(p.f.quiet);
  CHECK(p.f.tags == std::vector<std::string>{"x", "y"});
}

TEST_CASE("A words flag takes every word up to the next flag (AWS CLI list shorthand)",
          "[options]") {
  const auto p = parse({"--words", "A=1", "B=2", "--name", "n", "--words", "C=3"});
  CHECK(p.errors.empty());
  CHECK(p.f.words_list == std::vector<std::string>{"A=1", "B=2", "C=3"});
}

TEST_CASE("An optional value is taken when a word follows, else the implicit one", "[options]") {
  CHECK(*parse({"--kind", "yaml-input"}).f.kind == "yaml-input");
  CHECK(*parse({"--kind"}).f.kind == "input");
  CHECK(*parse({"--kind", "--name", "x"}).f.kind == "input");
}

TEST_CASE("Enum values in any case, '-' and '_' alike, and a bad one names the nearest", "[options]") {
  CHECK(parse({"--colour", "DARK_BLUE"}).f.colour == Colour::dark_blue);
  CHECK(parse({"--colour", "Dark-Blue"}).f.colour == Colour::dark_blue);
  const auto p = parse({"--colour", "dark-bleu"});
  const auto* d = find(p.errors, error_code::enum_value);
  REQUIRE(d);
  CHECK(d->path == "--colour");
  CHECK(d->message ==
        "--colour: must be red or dark-blue, got 'dark-bleu' (did you mean dark-blue?)");
}

TEST_CASE("Every problem at once, each naming its flag", "[options]") {
  const auto p = parse({"--count", "11", "--ratio", "2", "--delay", "-1", "--colour", "green",
                        "--bogus", "value-of-bogus", "stray"});
  REQUIRE(p.errors.size() == 6);
  CHECK(p.errors[0].code == error_code::unknown_flag);
  CHECK(p.errors[0].path == "--bogus");
  CHECK(p.errors[1].code == error_code::flag_syntax);  // "stray"; value-of-bogus is --bogus's
  CHECK(p.errors[1].path == "stray");
  std::vector<std::string> ranges;
  for (const auto& d : p.errors)
    if (d.code == error_code::range) ranges.push_back(d.path);
  CHECK(ranges == std::vector<std::string>{"--count", "--ratio", "--delay"});
  CHECK(find(p.errors, error_code::enum_value)->path == "--colour");
}

TEST_CASE("No abbreviations: a prefix is an unknown flag that names the flag it starts",
          "[options]") {
  const auto p = parse({"--col", "red"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].code == error_code::unknown_flag);
  CHECK(p.errors[0].message ==
        "demo: unknown flag --col (did you mean --colour?); see 'shiftsim demo --help'");
}

TEST_CASE("Syntax: a value missing, a switch given one, contradicting switches", "[options]") {
  auto p = parse({"--name"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].code == error_code::flag_syntax);
  CHECK(p.errors[0].message == "demo: --name needs a value");
  p = parse({"--quiet=yes"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "demo: --quiet takes no value");
  p = parse({"--retain", "--no-retain"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].code == error_code::flag_conflict);
  CHECK(*parse({"--no-retain"}).f.retain == false);
}

TEST_CASE("At most one - reads standard input, counting every use of a repeatable file flag",
          "[options]") {
  auto conflict = [](const Args& args) {
    const auto p = parse(args);
    return p.errors.size() == 1 && p.errors[0].code == error_code::flag_conflict;
  };
  CHECK(conflict({"--file", "-", "--files", "-"}));
  CHECK(conflict({"--files", "-", "--files", "x", "--files", "-"}));
  CHECK(parse({"--files", "a", "--files", "-"}).errors.empty());
  CHECK(parse({"--file", "-", "--files", "a"}).errors.empty());
  // A flag that names no file: `-` is a value like any other.
  CHECK(parse({"--tag", "-", "--tag", "-", "--file", "-"}).errors.empty());
}

TEST_CASE("Ill-formed UTF-8 in a word is E_UTF8 before anything is parsed", "[options]") {
  const auto p = parse({"--name", std::string("\xff\xfe", 2)});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].code == error_code::utf8);
}

TEST_CASE("-h and --help are seen whatever else is given", "[options]") {
  CHECK(parse({"--name", "x", "-h"}).help);
  CHECK(parse({"--help"}).help);
  CHECK_FALSE(parse({"--name", "x"}).help);
}

TEST_CASE("Help lists every visible flag with its value name, grouped", "[options]") {
  Flags f;
  OptionSet options("demo");
  options.group("inputs").add("name", text(f.name), "NAME", "a name");
  options.group("secret", true).add("region", text(f.file), "R", "hidden");
  options.group("output").add("quiet,q", set(f.quiet), "a switch");
  const std::string h = options.help(80);
  // Names in one column: the longest ("    --name NAME", 15) + 4, after a 2-space indent.
  CHECK(h == "inputs:\n      --name NAME  a name\n\noutput:\n  -q, --quiet      a switch\n\n");
}

TEST_CASE("Edit distance: insertions, deletions, substitutions and transpositions, by hand",
          "[nearest]") {
  CHECK(name_distance("canary", "canary") == 0);
  CHECK(name_distance("CANARY", "canary") == 0);      // case
  CHECK(name_distance("all_at_once", "all-at-once") == 0);  // '_' is '-'
  CHECK(name_distance("canry", "canary") == 1);       // insertion
  CHECK(name_distance("canaryy", "canary") == 1);     // deletion
  CHECK(name_distance("canery", "canary") == 1);      // substitution
  CHECK(name_distance("cnaary", "canary") == 1);      // transposition
  CHECK(name_distance("", "abc") == 3);
  CHECK(name_distance("ml.g5.12xlarg", "ml.g5.12xlarge") == 1);
  CHECK(name_distance("ml.g5.12xlarg", "ml.g5.2xlarge") == 2);
  CHECK(name_distance("ml.g5.12xlarg", "ml.m5.12xlarge") == 2);
}

TEST_CASE("Nearest names: a likely typo only, prefixes first, the longer common start on ties",
          "[nearest]") {
  const std::vector<std::string> flags = {"--wait", "--termination-wait", "--timeout",
                                          "--terminate-s"};
  CHECK(nearest_names("--termination-wai", flags) ==
        std::vector<std::string>{"--termination-wait"});
  // Both start with "--ter": the nearer (8 edits to --terminate-s, 13 to --termination-wait) first.
  CHECK(nearest_names("--ter", flags, 3) ==
        std::vector<std::string>{"--terminate-s", "--termination-wait"});
  CHECK(nearest_names("--frobnicate", flags).empty());
  CHECK(nearest_names("--timeout", flags) == std::vector<std::string>{"--timeout"});
  const std::vector<std::string> types = {"ml.m5.12xlarge", "ml.g5.xlarge", "ml.g5.2xlarge",
                                          "ml.g5.12xlarge", "ml.g5.16xlarge"};
  CHECK(nearest_names("ml.g5.12xlarg", types, 3, 100) ==
        std::vector<std::string>{"ml.g5.12xlarge", "ml.g5.16xlarge", "ml.g5.2xlarge"});
  CHECK(did_you_mean({}).empty());
  CHECK(did_you_mean({"a"}) == " (did you mean a?)");
  CHECK(did_you_mean({"a", "b", "c"}) == " (did you mean a, b or c?)");
}

TEST_CASE("The flags of --with split as a POSIX shell splits them", "[options]") {
  CHECK(split_words("--strategy rolling  --batch-size 10%", "--with") ==
        std::vector<std::string>{"--strategy", "rolling", "--batch-size", "10%"});
  CHECK(split_words(R"(--alarm 'my alarm' --alarm "a \"b\"" --alarm c\ d)", "--with") ==
        std::vector<std::string>{"--alarm", "my alarm", "--alarm", "a \"b\"", "--alarm", "c d"});
  CHECK(split_words("", "--with").empty());
  CHECK_THROWS_AS(split_words("--alarm 'open", "--with"), InputError);
}
