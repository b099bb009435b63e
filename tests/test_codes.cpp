// The error and warning codes (shiftsim/codes.hpp): each unique, well-formed, listed, and with
// the prefix of its kind. Codes are a stable interface, so a few are pinned to their values.
#include "test_files.hpp"

#include "shiftsim/check_codes.hpp"
#include "shiftsim/code_traits.hpp"
#include "shiftsim/codes.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

using namespace shiftsim;

namespace {

std::set<std::string> listed_codes() {
  std::set<std::string> all;
  for (const char* c : kErrorCodes) all.insert(c);
  for (const char* c : kWarningCodes) all.insert(c);
  for (const char* c : kNoteCodes) all.insert(c);
  return all;
}

}  // namespace

TEST_CASE("every code is unique and matches ^[EWN]_[A-Z0-9_]+$, with its kind's prefix", "[codes]") {
  const std::regex error_re("^E_[A-Z0-9_]+$");
  const std::regex warning_re("^W_[A-Z0-9_]+$");
  const std::regex note_re("^N_[A-Z0-9_]+$");
  for (const char* c : kErrorCodes) CHECK(std::regex_match(c, error_re));
  for (const char* c : kWarningCodes) CHECK(std::regex_match(c, warning_re));
  for (const char* c : kNoteCodes) CHECK(std::regex_match(c, note_re));
  CHECK(listed_codes().size() ==
        std::size(kErrorCodes) + std::size(kWarningCodes) + std::size(kNoteCodes));
}

TEST_CASE("the lists hold every code the header defines", "[codes]") {
  // Read the header as text: every string literal in it is a code, and each must be listed.
  const std::string header = shiftsim::test::read_source_file("engine/include/shiftsim/codes.hpp");
  const std::regex literal("\"([^\"]*)\"");
  std::set<std::string> defined;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), literal);
       it != std::sregex_iterator(); ++it)
    defined.insert((*it)[1].str());
  CHECK(defined == listed_codes());
  CHECK(defined.size() > 60);
}

TEST_CASE("codes keep their values (scripts match on them)", "[codes]") {
  CHECK(std::string(error_code::range) == "E_RANGE");
  CHECK(std::string(error_code::enum_value) == "E_ENUM");
  CHECK(std::string(error_code::required) == "E_REQUIRED");
  CHECK(std::string(warning_code::required) == "W_REQUIRED");
  CHECK(std::string(warning_code::timeout_short) == "W_TIMEOUT_SHORT");
  CHECK(std::string(warning_code::plan_p95_over_limit) == "W_PLAN_P95_OVER_LIMIT");
  CHECK(std::string(warning_code::fallback_all_at_once) == "W_FALLBACK_ALL_AT_ONCE");
  CHECK(std::string(error_code::tf_waiter) == "E_TF_WAITER");  // check --fail-on, SARIF ruleId
  CHECK(std::string(warning_code::capacity_reset) == "W_CAPACITY_RESET");
  CHECK(std::string(note_code::simulated) == "N_SIMULATED");
}

TEST_CASE("the traits table names each code once, and only codes that exist", "[codes]") {
  std::set<std::string> all;
  for (const char* c : kErrorCodes) all.insert(c);
  for (const char* c : kWarningCodes) all.insert(c);
  for (const char* c : kNoteCodes) all.insert(c);
  std::set<std::string> seen;
  for (const auto& t : kCodeTraits) {
    CHECK(all.count(std::string(t.code)) == 1);
    CHECK(seen.insert(std::string(t.code)).second);
    CHECK(t.traits != 0);
  }
  for (const auto& c : check::kCheckCodes) CHECK(all.count(std::string(c.code)) == 1);
  // A code outside the table has no trait.
  CHECK_FALSE(has_trait(error_code::internal, CodeTrait::request_problem));
  CHECK(has_trait(warning_code::terraform_timeout_cap, CodeTrait::provider_rejects));
  CHECK_FALSE(has_trait(warning_code::terraform_timeout_cap, CodeTrait::request_problem));
}
