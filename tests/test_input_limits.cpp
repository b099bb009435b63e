// The budget of every input reader (input_limits.hpp): each limit is accepted at its edge and
// refused one past it, for JSON and YAML, and YAML aliases are expanded within it. Counts are
// computed by hand in the comments and, for accepted documents, re-counted on the result.
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/scenario.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

using shiftsim::aws::Format;

namespace {

/// The one diagnostic refusing `text`, or nullopt when it parses.
std::optional<shiftsim::Diagnostic> problem(const std::string& text, Format format) {
  try {
    shiftsim::aws::check_syntax(text, "doc", format);
  } catch (const shiftsim::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics().front();
  }
  return std::nullopt;
}

std::string code(const std::string& text, Format format) {
  const auto d = problem(text, format);
  return d ? d->code : "accepted";
}

/// Values of a tree (scalars, lists and mappings), counted independently of the parser.
std::size_t values(const nlohmann::json& j) {
  std::size_t n = 1;
  if (j.is_structured())
    for (const auto& c : j) n += values(c);
  return n;
}

std::size_t yaml_values(const std::string& yaml) {
  return values(nlohmann::json::parse(shiftsim::aws::canonical_json(yaml, "doc", Format::yaml)));
}

std::string nested(std::size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

/// `n` members `k0: 0, k1: 0, ...` as a JSON object or a YAML block mapping.
std::string members(std::size_t n, Format format) {
  const bool json = format == Format::json;
  std::string s = json ? "{" : "";
  for (std::size_t i = 0; i < n; ++i)
    s += json ? fmt::format("{}\"k{}\":0", i ? "," : "", i) : fmt::format("k{}: 0\n", i);
  return json ? s + "}" : s;
}

/// Levels a..e of nine-fold aliases. Values by hand: a = 1 list + 9 = 10, b = 1 + 9*10 = 91,
/// c = 820, d = 7381, e = 1 + 9*7381 = 66430; the document adds its root mapping: 74733.
std::string laughs(int levels) {
  std::string s = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    const char name = static_cast<char>('a' + i), prev = static_cast<char>('a' + i - 1);
    s += fmt::format("{}: &{} [", name, name);
    for (int k = 0; k < 9; ++k) s += fmt::format("{}*{}", k ? ", " : "", prev);
    s += "]\n";
  }
  return s;
}

}  // namespace

TEST_CASE("a document is at most 1 MiB, from a file or a string", "[limits]") {
  const std::string fits = "{}" + std::string(shiftsim::kMaxDocumentBytes - 2, ' ');
  CHECK(code(fits, Format::json) == "accepted");
  CHECK(code(fits + " ", Format::json) == "E_SIZE");
  CHECK(code("a: 1\n" + std::string(shiftsim::kMaxDocumentBytes, '#'), Format::yaml) == "E_SIZE");
  CHECK_THROWS_AS(shiftsim::aws::deployment_config_arg_json(fits + " ", "--deployment-config"),
                  shiftsim::InputError);

  const std::string path =
      (std::filesystem::temp_directory_path() / "shiftsim-test-input-limits.json").string();
  {
    std::ofstream(path, std::ios::binary) << fits;
  }
  CHECK(shiftsim::read_input_text(path, "--request").size() == shiftsim::kMaxDocumentBytes);
  {
    std::ofstream(path, std::ios::binary) << fits << ' ';
  }
  try {
    (void)shiftsim::read_input_text(path, "--request");
    FAIL("read a file over the limit");
  } catch (const shiftsim::InputError& e) {
    CHECK(e.diagnostics().front().code == "E_SIZE");
    CHECK(e.diagnostics().front().message.find("--request " + path + ": 1048577 bytes") == 0);
  }
  std::remove(path.c_str());
  // A device that never ends is read only up to the limit.
  try {
    (void)shiftsim::read_input_text("/dev/zero", "--endpoint");
    FAIL("read /dev/zero");
  } catch (const shiftsim::InputError& e) {
    CHECK(e.diagnostics().front().code == "E_SIZE");
  }
}

TEST_CASE("lists and mappings nest at most 64 levels, YAML aliases included", "[limits]") {
  CHECK(code(nested(64), Format::json) == "accepted");
  CHECK(code(nested(65), Format::json) == "E_DEPTH");
  CHECK(code(nested(64), Format::yaml) == "accepted");
  CHECK(code(nested(65), Format::yaml) == "E_DEPTH");
  // An anchor 60 levels tall, aliased inside 5 levels: 65.
  const std::string tall = "a: &t " + nested(60) + "\nb: [[[[*t]]]]\n";
  const auto d = problem(tall, Format::yaml);
  REQUIRE(d);
  CHECK(d->code == "E_DEPTH");
  CHECK(d->message.find("line 2: the alias *t") == 0);
  CHECK(code("a: &t " + nested(60) + "\nb: [[[*t]]]\n", Format::yaml) == "accepted");
}

TEST_CASE("a document holds at most 100,000 values", "[limits]") {
  // A list of n numbers is n + 1 values.
  auto list = [](std::size_t n) {
    std::string s = "[";
    for (std::size_t i = 0; i < n; ++i) s += i ? ",0" : "0";
    return s + "]";
  };
  CHECK(code(list(99'999), Format::json) == "accepted");
  CHECK(code(list(100'000), Format::json) == "E_NODE_BUDGET");
  CHECK(code(list(99'999), Format::yaml) == "accepted");
  CHECK(yaml_values(list(99'999)) == 100'000);
  CHECK(code(list(100'000), Format::yaml) == "E_NODE_BUDGET");
}

TEST_CASE("YAML aliases expand within the budget, and the alias that crosses it is named",
          "[limits]") {
  CHECK(yaml_values(laughs(5)) == 74'733);
  // A sixth line f: [*e, *e]: 74733 + 1 (the list) + 66430 = 141164 > 100000 at the first *e.
  const auto d = problem(laughs(5) + "f: [*e, *e]\n", Format::yaml);
  REQUIRE(d);
  CHECK(d->code == "E_NODE_BUDGET");
  CHECK(d->message.find("line 6: the alias *e (66430 values") == 0);
  // Nine levels (the issue's billion laughs): refused the same way, at line 6 too.
  const auto bomb = problem(laughs(9) + "j: *i\n", Format::yaml);
  REQUIRE(bomb);
  CHECK(bomb->code == "E_NODE_BUDGET");
  CHECK(bomb->message.find("line 6:") == 0);
}

TEST_CASE("YAML aliases cannot expand the text past 1 MiB", "[limits]") {
  // Text by hand: key s (1) + 1000 + key l (1) = 1002, then 1000 per alias: 1047 aliases make
  // 1048002 <= 1048576, 1048 make 1049002.
  const std::string anchor = "s: &s " + std::string(1000, 'x') + "\nl: [";
  auto doc = [&](int aliases) {
    std::string s = anchor;
    for (int i = 0; i < aliases; ++i) s += i ? ", *s" : "*s";
    return s + "]\n";
  };
  CHECK(code(doc(1047), Format::yaml) == "accepted");
  const auto d = problem(doc(1048), Format::yaml);
  REQUIRE(d);
  CHECK(d->code == "E_NODE_BUDGET");
  CHECK(d->message.find("line 2: the alias *s") == 0);
  CHECK(d->rule.find("1048576 bytes of text") != std::string::npos);
}

TEST_CASE("YAML whose JSON form passes 1 MiB is refused where it is converted", "[limits]") {
  // 99,000 aliases of a 9-byte scalar: 1 + 1 + 1 + 99,000 = 99,003 values and 2 + 9 + 99,000 x 9
  // = 891,011 bytes of text are within the budget, but the JSON is {"a":"xxxxxxxxx","l":[...]}:
  // 22 bytes before the list's items, 99,000 x 11 for them, 98,999 commas, "]}": 1,188,023.
  std::string yaml = "a: &t xxxxxxxxx\nl: [";
  for (int i = 0; i < 99'000; ++i) yaml += i ? ",*t" : "*t";
  yaml += "]\n";
  try {
    (void)shiftsim::aws::canonical_json(yaml, "big.yaml", Format::yaml);
    FAIL("converted to more than 1 MiB of JSON");
  } catch (const shiftsim::InputError& e) {
    CHECK(e.diagnostics().front().code == "E_SIZE");
    CHECK(e.diagnostics().front().message.find("big.yaml as JSON (what the AWS CLI sends): "
                                               "1188023 bytes") == 0);
  }
}

TEST_CASE("a string or key is at most 64 KiB", "[limits]") {
  const std::string fits(shiftsim::kMaxStringBytes, 'x');
  CHECK(code("[\"" + fits + "\"]", Format::json) == "accepted");
  CHECK(code("[\"" + fits + "x\"]", Format::json) == "E_LENGTH");
  CHECK(code("{\"" + fits + "x\": 1}", Format::json) == "E_LENGTH");
  CHECK(code("a: " + fits + "\n", Format::yaml) == "accepted");
  CHECK(code("a: " + fits + "x\n", Format::yaml) == "E_LENGTH");
  CHECK(code("? " + fits + "x\n: 1\n", Format::yaml) == "E_LENGTH");
}

TEST_CASE("a mapping has at most 10,000 members", "[limits]") {
  CHECK(code(members(10'000, Format::json), Format::json) == "accepted");
  CHECK(code(members(10'001, Format::json), Format::json) == "E_LIST_LENGTH");
  CHECK(code(members(10'000, Format::yaml), Format::yaml) == "accepted");
  CHECK(code(members(10'001, Format::yaml), Format::yaml) == "E_LIST_LENGTH");
  std::string shorthand = "BlueGreenUpdatePolicy={TrafficRoutingConfiguration={";
  for (int i = 0; i <= 10'000; ++i) shorthand += (i ? ",K" : "K") + std::to_string(i) + "=1";
  try {
    (void)shiftsim::aws::deployment_config_arg_json(shorthand + "}}", "--deployment-config");
    FAIL("accepted 10001 members");
  } catch (const shiftsim::InputError& e) {
    CHECK(e.diagnostics().front().code == "E_LIST_LENGTH");
  }
}

TEST_CASE("YAML that JSON cannot hold is refused: cycles and collection keys", "[limits]") {
  const auto cycle = problem("a: &a [1, *a]\n", Format::yaml);
  REQUIRE(cycle);
  CHECK(cycle->code == "E_YAML_SYNTAX");
  CHECK(cycle->message.find("line 1: the alias *a is inside the value it names") == 0);
  CHECK(code("? [a, b]\n: 1\n", Format::yaml) == "E_TYPE");
  CHECK(code("l: &l [1]\n*l : 2\n", Format::yaml) == "E_TYPE");
  // A null key is "null", as the AWS CLI's JSON encoder writes it.
  CHECK(shiftsim::aws::canonical_json("~: 1\n", "doc", Format::yaml) == R"({"null":1})");
}

TEST_CASE("an alias is the value its anchor names, typed as written there", "[limits]") {
  const auto json = [](const std::string& yaml) {
    return shiftsim::aws::canonical_json(yaml, "doc", Format::yaml);
  };
  // Each document against the same document with every alias written out by hand.
  CHECK(json("a: &n 10\nb: *n\nc: &s \"10\"\nd: *s\n") ==
        json("a: 10\nb: 10\nc: \"10\"\nd: \"10\"\n"));
  CHECK(json("a: &m {x: [1, &t true]}\nb: [*m, *t]\n") ==
        json("a: {x: [1, true]}\nb: [{x: [1, true]}, true]\n"));
  CHECK(json("- &a one\n- *a\n- &a two\n- *a\n") == json("- one\n- one\n- two\n- two\n"));
  // A key is text; its anchor, used as a value, is typed by the core schema, and the other way.
  CHECK(json("&k 12: x\ny: *k\n") == R"({"12":"x","y":12})");
  CHECK(json("k: &k name\n*k : v\n") == R"({"k":"name","name":"v"})");
}

TEST_CASE("a scenario may share values with anchors and aliases", "[limits]") {
  const auto s = shiftsim::parse_scenario(R"(
timing: {provision_s: &slow 300, terminate_s: *slow, activation_s: 15}
alarms:
  latency: &alarm {period_s: 60, evaluation_periods: 3}
  errors: *alarm
)",
                                          "anchors.yaml");
  REQUIRE(s.timing.terminate);
  CHECK(s.timing.terminate->value == 300'000);
  REQUIRE(s.alarms.size() == 2);
  CHECK(s.alarms[1].name == "errors");
  CHECK(s.alarms[1].time_to_alarm() == 180'000);
}
