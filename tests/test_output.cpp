// The output conventions (cli/output/, cli/report/text_grid): the AWS CLI's text rendering, YAML
// that reads back as the same document, tables fitted to a width. Expected values by hand;
// tests/cli/conventions.py also compares the text rendering with the AWS CLI's own formatter.
#include "output/output.hpp"
#include "report/text_grid.hpp"

#include "shiftsim/codes.hpp"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

using namespace shiftsim;
using namespace shiftsim::cli;
using Json = nlohmann::ordered_json;

TEST_CASE("Text: a dict's scalars on one line in sorted key order, nested ones under their key",
          "[output]") {
  const Json doc = Json::parse(R"({"b": 2, "a": "x", "c": true, "d": null,
      "rows": [{"k": 1, "z": 1.5}, {"k": 2, "extra": "e"}],
      "tags": ["p", "q"], "nested": {"m": 3}})");
  // awscli/text.py: top-level scalars "x 2 True None" (a, b, c, d); then the non-scalars in key
  // order: nested -> "NESTED 3"; rows -> scalar keys of all rows {extra, k, z}, one line each
  // with "" for a missing key; tags -> "TAGS p", "TAGS q".
  CHECK(to_aws_text(doc) ==
        "x\t2\tTrue\tNone\n"
        "NESTED\t3\n"
        "ROWS\t\t1\t1.5\n"
        "ROWS\te\t2\t\n"
        "TAGS\tp\n"
        "TAGS\tq\n");
  CHECK(to_aws_text(Json::array({1, 2})) == "1\t2\n");
  CHECK(to_aws_text(Json("s")) == "s\n");
}

TEST_CASE("YAML: the same document when read back, strings that look typed are quoted",
          "[output]") {
  const Json doc = Json::parse(R"({"schema": "shiftsim.x/v1", "n": 42, "x": 17.80125,
      "yes": "yes", "on": "on", "t": "true", "null_text": "null", "hms": "0:35:15",
      "date": "2026-11-27", "pct": "10%", "empty": "", "neg": "-1", "flag": false, "none": null,
      "list": [1, "2", {"k": "v"}], "text": "line one\nline two: with colon # and hash"})");
  const std::string yaml = to_yaml(doc);
  const YAML::Node back = YAML::Load(yaml);
  CHECK(back["schema"].as<std::string>() == "shiftsim.x/v1");
  CHECK(back["n"].as<int>() == 42);
  CHECK(back["x"].as<double>() == 17.80125);
  for (const char* k : {"yes", "on", "t", "null_text", "hms", "date", "pct", "empty", "neg"}) {
    INFO(k);
    CHECK(back[k].Tag() == "!");  // quoted: a string whatever a reader's schema
    CHECK(back[k].as<std::string>() == doc[k].get<std::string>());
  }
  CHECK(back["flag"].as<bool>() == false);
  CHECK(back["none"].IsNull());
  CHECK(back["list"][0].as<int>() == 1);
  CHECK(back["list"][1].Tag() == "!");
  CHECK(back["list"][2]["k"].as<std::string>() == "v");
  CHECK(back["text"].as<std::string>() == doc["text"].get<std::string>());
  // Key order is the document's.
  CHECK(yaml.rfind("schema:", 0) == 0);
}

TEST_CASE("The error document names the command, the exit code and every diagnostic", "[output]") {
  const Diagnostics ds = {
      error_diagnostic(error_code::unknown_flag, "--x", "a flag", "", "unknown flag --x"),
      Diagnostic{Severity::warning, warning_code::no_alarms, "p", "r", "", "m"}};
  const Json j = error_document("simulate", 2, ds);
  CHECK(j["schema"] == "shiftsim.error/v1");
  CHECK(j["command"] == "simulate");
  CHECK(j["exit_code"] == 2);
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 1);
  CHECK(j["diagnostics"][0]["path"] == "--x");
}

TEST_CASE("The output format is found before parsing, in every spelling", "[output]") {
  CHECK(prescan_output({"--output", "json"}) == OutputFormat::json);
  CHECK(prescan_output({"--output=YAML"}) == OutputFormat::yaml);
  CHECK(prescan_output({"-o", "text"}) == OutputFormat::text);
  CHECK(prescan_output({"-ojson"}) == OutputFormat::json);
  CHECK(prescan_output({"--output", "xml"}) == OutputFormat::table);
  CHECK(prescan_output({"--", "--output", "json"}) == OutputFormat::table);
}

TEST_CASE("A grid within its width: the free-text column wraps, numbers stay whole", "[grid]") {
  const std::vector<GridColumn> cols = {{"t", true}, {"phase"}, {"message", false, true}};
  const std::vector<std::vector<std::string>> rows = {
      {"0", "PROVISION", "Launching 10 instance(s) for the new fleet."}, {"525", "SHIFT", "Go."}};
  // Unlimited: one line per row; the free-text column's rule stops at 40.
  CHECK(render_grid(cols, rows, 0) ==
        "    t  phase      message\n"
        "  ───  ─────────  ────────────────────────────────────────\n"
        "    0  PROVISION  Launching 10 instance(s) for the new fleet.\n"
        "  525  SHIFT      Go.\n");
  // 2 + 3 + 2 + 9 + 2 = 18 columns before the message: 40 leaves it 22, under kStackBelow (24),
  // so the message goes under its row, indented 6 and wrapped to 40 (34 of text).
  CHECK(render_grid(cols, rows, 40) ==
        "    t  phase\n"
        "      message\n"
        "  ───  ─────────\n"
        "    0  PROVISION\n"
        "      Launching 10 instance(s) for the\n"
        "      new fleet.\n"
        "  525  SHIFT\n"
        "      Go.\n");
  // 44 leaves it 26: it wraps in place.
  CHECK(render_grid(cols, rows, 44) ==
        "    t  phase      message\n"
        "  ───  ─────────  ──────────────────────────\n"
        "    0  PROVISION  Launching 10 instance(s)\n"
        "                  for the new fleet.\n"
        "  525  SHIFT      Go.\n");
}

TEST_CASE("A grid of numbers: wide headers wrap at spaces, numbers are never cut", "[grid]") {
  const std::vector<GridColumn> cols = {{"bake", true}, {"to 100% old s", true}, {"peak", true}};
  const std::vector<std::vector<std::string>> rows = {{"1", "15", "20"}};
  // Unlimited: 2 + 4 + 2 + 13 + 2 + 4 = 27.
  CHECK(render_grid(cols, rows, 0) ==
        "  bake  to 100% old s  peak\n  ────  ─────────────  ────\n     1             15    20\n");
  // 20: 7 columns too many; only the wide header can give (down to 4, its word "100%"): 13 - 7.
  CHECK(render_grid(cols, rows, 20) ==
        "  bake      to  peak\n          100%\n         old s\n  ────  ──────  ────\n"
        "     1      15    20\n");
  // 10: the header gives all it can (4); the table keeps its numbers whole, 18 wide.
  CHECK(render_grid(cols, rows, 10) ==
        "  bake    to  peak\n        100%\n         old\n           s\n  ────  ────  ────\n"
        "     1    15    20\n");
}

TEST_CASE("Prose wraps under its indentation, aligned lines stay whole", "[grid]") {
  CHECK(fit_prose("  W_X p: one two three four\nabc  def ghi jkl mno\n", 16) ==
        "  W_X p: one two\n    three four\nabc  def ghi jkl mno\n");
  CHECK(fit_prose("short\n", 16) == "short\n");
  CHECK(fit_prose("one two three four five", 0) == "one two three four five");
  CHECK(display_width("\x1b[32mok\x1b[0m ─") == 4);
  CHECK(wrap_words("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
}
