// UTF-8 well-formedness at the input boundary (found by fuzzing: ill-formed bytes in YAML or
// flag values used to reach nlohmann::json::dump, which throws, and ended as an internal error).
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/scenario.hpp"
#include "shiftsim/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

using shiftsim::first_invalid_utf8;

TEST_CASE("well-formed UTF-8 passes, including 2-, 3- and 4-byte sequences", "[utf8]") {
  CHECK_FALSE(first_invalid_utf8(""));
  CHECK_FALSE(first_invalid_utf8("plain ascii"));
  CHECK_FALSE(first_invalid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80"));  // é € 🚀
  CHECK_FALSE(first_invalid_utf8("\xf4\x8f\xbf\xbf"));                          // U+10FFFF
}

TEST_CASE("ill-formed UTF-8 is found at its first bad byte", "[utf8]") {
  CHECK(first_invalid_utf8("ab\xff") == 2u);            // never valid
  CHECK(first_invalid_utf8("a\xc3\x28") == 1u);         // bad continuation
  CHECK(first_invalid_utf8("\xc0\xaf") == 0u);          // overlong '/'
  CHECK(first_invalid_utf8("\xe0\x80\xaf") == 0u);      // overlong 3-byte
  CHECK(first_invalid_utf8("\xed\xa0\x80") == 0u);      // UTF-16 surrogate
  CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(first_invalid_utf8("ok\xe2\x82") == 2u);        // truncated at the end
}

TEST_CASE("the E_UTF8 diagnostic names the line, column and byte", "[utf8]") {
  const auto d = shiftsim::utf8_problem("a: 1\nb: \x9c\n", "", "s.yaml");
  REQUIRE(d);
  CHECK(d->code == "E_UTF8");
  CHECK(d->message.find("line 2, column 4") != std::string::npos);
  CHECK(d->message.find("0x9C") != std::string::npos);
}

TEST_CASE("YAML inputs with ill-formed UTF-8 are input errors, not crashes", "[utf8]") {
  const std::string yaml = "question: \"\xff\xfe\"\ntiming: {provision_s: 10}\n";
  try {
    (void)shiftsim::parse_scenario(yaml, "s.yaml");
    FAIL("accepted ill-formed UTF-8");
  } catch (const shiftsim::InputError& e) {
    CHECK(e.diagnostics().front().code == "E_UTF8");
  }
  const std::string request = "EndpointName: \"\xc3\x28\"\nEndpointConfigName: c\n";
  try {
    (void)shiftsim::aws::parse_update_endpoint(request, "r.yaml", shiftsim::aws::Format::yaml);
    FAIL("accepted ill-formed UTF-8");
  } catch (const shiftsim::InputError& e) {
    CHECK(e.diagnostics().front().code == "E_UTF8");
  }
  CHECK_THROWS_AS(shiftsim::aws::parse_variant_properties("VariantPropertyType=\xff", "flag"),
                  shiftsim::InputError);
}

TEST_CASE("YAML text that yaml-cpp decodes into ill-formed UTF-8 is an input error", "[utf8]") {
  CHECK(shiftsim::replace_invalid_utf8("a\xff" "b") == "a\xef\xbf\xbd" "b");
  // Found by fuzz_scenario: well-formed bytes that yaml-cpp takes for UTF-32 (leading NULs) and
  // decodes into code points above U+10FFFF, i.e. ill-formed UTF-8 in the parsed scalar.
  const std::string text(" \0\0\0\0\0\0\x04" "Endpoi", 14);
  REQUIRE_FALSE(shiftsim::first_invalid_utf8(text));
  try {
    (void)shiftsim::parse_scenario(text, "s.yaml");
    FAIL("accepted an ill-formed string");
  } catch (const shiftsim::InputError& e) {
    CHECK(e.diagnostics().front().code == "E_UTF8");
  }
  try {
    (void)shiftsim::aws::parse_update_endpoint(text, "r.yaml", shiftsim::aws::Format::yaml);
    FAIL("accepted an ill-formed string");
  } catch (const shiftsim::InputError& e) {
    CHECK(e.diagnostics().front().code == "E_UTF8");
  }
}
