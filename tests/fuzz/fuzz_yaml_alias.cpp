// Fuzzes YAML with anchors and aliases (seeded with anchor/alias documents and a dictionary of
// YAML tokens): the request, scenario and plain-document readers must return or throw InputError,
// never crash, hang or allocate without bound; and whatever is accepted must hold the budget of
// input_limits.hpp, counted here independently on the JSON the reader produced.
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/scenario.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

struct Tally {
  std::size_t values = 0, text = 0, depth = 0;
  bool within = true;
};

/// Counts values and the text of strings and keys; checks depth, string length and members.
void tally(const nlohmann::ordered_json& j, std::size_t depth, Tally& t) {
  ++t.values;
  if (j.is_structured()) {
    t.depth = depth + 1 > t.depth ? depth + 1 : t.depth;
    if (j.is_object() && j.size() > shiftsim::kMaxMembers) t.within = false;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (j.is_object()) {
        t.text += it.key().size();
        if (it.key().size() > shiftsim::kMaxStringBytes) t.within = false;
      }
      tally(*it, depth + 1, t);
    }
  } else if (j.is_string()) {
    const auto n = j.get_ref<const std::string&>().size();
    t.text += n;
    if (n > shiftsim::kMaxStringBytes) t.within = false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const std::string json =
        shiftsim::aws::canonical_json(text, "fuzz", shiftsim::aws::Format::yaml);
    Tally t;
    tally(nlohmann::ordered_json::parse(json), 0, t);
    // Text counts scalars as written (numbers included), so the strings here are at most that.
    if (!t.within || t.values > shiftsim::kMaxValues || t.depth > shiftsim::kMaxNesting ||
        t.text > shiftsim::kMaxExpandedBytes)
      __builtin_trap();
  } catch (const shiftsim::InputError&) {
  }
  try {
    (void)shiftsim::parse_scenario(text, "fuzz.yaml");
  } catch (const shiftsim::InputError&) {
  }
  try {
    (void)shiftsim::aws::parse_update_endpoint(text, "fuzz", shiftsim::aws::Format::yaml);
  } catch (const shiftsim::InputError&) {
  }
  return 0;
}
