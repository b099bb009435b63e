// The validator's constraint table is the SageMaker model's: (1) the embedded table equals the
// model file the project carries, shape by shape, for everything reachable from the inputs
// shiftsim reads; (2) for every constraint reachable from UpdateEndpointInput, a request at the
// bound is accepted and one past it is rejected with the member's path and the right code.
// The expectations are derived here from the model file itself (read with nlohmann, not with the
// code under test).
#include "model_validator.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

using shiftsim::Diagnostics;
using shiftsim::Severity;
using shiftsim::detail::Json;
using shiftsim::detail::Model;

namespace {

const nlohmann::json& full_model() {
  static const nlohmann::json model = [] {
    std::ifstream in(SHIFTSIM_SOURCE_DIR "/engine/data/sagemaker-2017-07-24.service-2.json");
    REQUIRE(in);
    return nlohmann::json::parse(in);
  }();
  return model;
}

const nlohmann::json& shape_of(const std::string& name) { return full_model().at("shapes").at(name); }

void reachable(const std::string& name, std::set<std::string>& seen) {
  if (!seen.insert(name).second) return;
  const auto& s = shape_of(name);
  if (s.contains("members"))
    for (const auto& [m, ref] : s["members"].items()) reachable(ref.at("shape"), seen);
  for (const char* k : {"member", "key", "value"})
    if (s.contains(k)) reachable(s[k].at("shape"), seen);
}

// ---- documents built from the model file

/// Valid sample strings for the patterned shapes reachable from UpdateEndpointInput, and a value
/// that breaks each pattern. A new pattern in the model fails the test until it is listed here.
const std::map<std::string, std::pair<std::string, std::string>> kPatternSamples = {
    {"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", {"churn-prod-2", "-starts-with-dash"}},
    {"(?!\\s*$).+", {"churn-5xx", "   "}},
};

Json minimal(const std::string& shape_name) {
  const auto& s = shape_of(shape_name);
  const std::string type = s.at("type");
  if (type == "structure") {
    Json o = Json::object();
    if (s.contains("required"))
      for (const auto& r : s["required"])
        o[r.get<std::string>()] = minimal(s["members"][r.get<std::string>()]["shape"]);
    return o;
  }
  if (type == "list") {
    Json a = Json::array();
    const int n = s.contains("min") ? s["min"].get<int>() : 0;
    for (int i = 0; i < n; ++i) a.push_back(minimal(s["member"]["shape"]));
    return a;
  }
  if (type == "string") {
    if (s.contains("enum")) return s["enum"][0];
    if (s.contains("pattern")) return kPatternSamples.at(s["pattern"]).first;
    return std::string(static_cast<std::size_t>(s.value("min", 1)), 'a');
  }
  if (type == "integer" || type == "long") return s.contains("min") ? s["min"].get<long long>() : 1LL;
  if (type == "boolean") return true;
  FAIL("unexpected type " << type << " in " << shape_name);
  return nullptr;
}

/// A member path: a member name or a list index.
using Step = std::variant<std::string, std::size_t>;

struct Leaf {
  std::vector<Step> steps;
  std::string path;        ///< as the validator writes it
  std::string shape;       ///< shape of the leaf
  std::string parent;      ///< shape of the structure holding the member (empty for list items)
  std::string member;      ///< member name (empty for list items)
};

void leaves(const std::string& shape_name, std::vector<Step> steps, const std::string& path,
            const std::string& parent, const std::string& member, std::vector<Leaf>& out,
            int depth) {
  REQUIRE(depth < 20);
  out.push_back(Leaf{steps, path, shape_name, parent, member});
  const auto& s = shape_of(shape_name);
  if (s.at("type") == "structure") {
    for (const auto& [m, ref] : s["members"].items()) {
      auto st = steps;
      st.emplace_back(m);
      leaves(ref.at("shape"), st, path.empty() ? m : path + "." + m, shape_name, m, out, depth + 1);
    }
  } else if (s.at("type") == "list") {
    auto st = steps;
    st.emplace_back(std::size_t{0});
    leaves(s["member"]["shape"], st, path + "[0]", "", "", out, depth + 1);
  }
}

/// The root document with every step of `steps` present (minimal values around it); returns a
/// pointer to the value at the end of the path.
Json* reach(Json& doc, const std::vector<Step>& steps, const std::string& root) {
  Json* cur = &doc;
  std::string shape = root;
  for (const auto& st : steps) {
    const auto& s = shape_of(shape);
    if (const auto* m = std::get_if<std::string>(&st)) {
      shape = s["members"][*m]["shape"];
      if (!cur->contains(*m)) (*cur)[*m] = minimal(shape);
      cur = &(*cur)[*m];
    } else {
      shape = s["member"]["shape"];
      if (cur->empty()) cur->push_back(minimal(shape));
      cur = &(*cur)[0];
    }
  }
  return cur;
}

Diagnostics check(const Json& doc) {
  Diagnostics ds;
  const Model& model = Model::embedded();
  model.validate(doc, model.at("UpdateEndpointInput"), "", {}, ds);
  return ds;
}

std::string describe(const Diagnostics& ds) {
  std::string s;
  for (const auto& d : ds) s += d.code + " " + d.path + ": " + d.message + "\n";
  return s;
}

/// Exactly one error, with that code and path.
void expect_one(const Json& doc, const std::string& code, const std::string& path) {
  const auto ds = check(doc);
  INFO(doc.dump() << "\n" << describe(ds));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].severity == Severity::error);
  CHECK(ds[0].code == code);
  CHECK(ds[0].path == path);
  CHECK(!ds[0].rule.empty());
  CHECK(!ds[0].message.empty());
}

/// At least one error with that code and path.
void expect_has(const Json& doc, const std::string& code, const std::string& path) {
  const auto ds = check(doc);
  INFO(doc.dump() << "\n" << describe(ds));
  bool found = false;
  for (const auto& d : ds) found = found || (d.code == code && d.path == path);
  CHECK(found);
}

void expect_valid(const Json& doc) {
  const auto ds = check(doc);
  INFO(doc.dump() << "\n" << describe(ds));
  CHECK(ds.empty());
}

}  // namespace

TEST_CASE("the embedded shape table equals the model file for every reachable shape") {
  std::set<std::string> seen;
  for (const char* root : {"UpdateEndpointInput", "DescribeEndpointOutput", "DescribeEndpointConfigOutput"})
    reachable(root, seen);
  const Model& model = Model::embedded();
  CHECK(model.shapes().size() == seen.size());
  for (const auto& name : seen) {
    INFO("shape " << name);
    const auto& js = shape_of(name);
    const auto* s = model.find(name);
    REQUIRE(s != nullptr);
    CHECK(s->type == js.at("type").get<std::string>());
    CHECK(s->min.has_value() == js.contains("min"));
    if (js.contains("min")) CHECK(*s->min == js["min"].get<double>());
    CHECK(s->max.has_value() == js.contains("max"));
    if (js.contains("max")) CHECK(*s->max == js["max"].get<double>());
    CHECK(s->pattern.has_value() == js.contains("pattern"));
    if (js.contains("pattern")) CHECK(*s->pattern == js["pattern"].get<std::string>());
    CHECK(s->enum_values == js.value("enum", std::vector<std::string>{}));
    CHECK(s->required == js.value("required", std::vector<std::string>{}));
    std::vector<std::pair<std::string, std::string>> members;
    if (js.contains("members"))
      for (const auto& [m, ref] : js["members"].items()) members.emplace_back(m, ref["shape"]);
    std::sort(members.begin(), members.end());
    auto got = s->members;
    std::sort(got.begin(), got.end());
    CHECK(got == members);
    if (js.contains("member")) CHECK(s->member_shape == js["member"]["shape"].get<std::string>());
  }
}

TEST_CASE("every constraint reachable from UpdateEndpointInput is enforced at its bounds") {
  const std::string root = "UpdateEndpointInput";
  std::vector<Leaf> all;
  leaves(root, {}, "", "", "", all, 0);
  REQUIRE(all.size() > 20);

  const Json base = minimal(root);
  expect_valid(base);

  std::size_t cases = 0;
  for (const auto& leaf : all) {
    const auto& s = shape_of(leaf.shape);
    const std::string type = s.at("type");
    INFO("member " << leaf.path << " (" << leaf.shape << ")");
    auto doc_with = [&](const Json& v) {
      Json doc = base;
      *reach(doc, leaf.steps, root) = v;
      return doc;
    };
    if (leaf.path.empty()) continue;

    // The member present with a minimal value is accepted.
    expect_valid(doc_with(minimal(leaf.shape)));

    // required / null
    if (!leaf.parent.empty()) {
      const auto& ps = shape_of(leaf.parent);
      const bool required =
          ps.contains("required") &&
          std::find(ps["required"].begin(), ps["required"].end(), leaf.member) != ps["required"].end();
      Json doc = doc_with(minimal(leaf.shape));
      auto parent_steps = leaf.steps;
      parent_steps.pop_back();
      Json* parent = reach(doc, parent_steps, root);
      if (required) {
        parent->erase(leaf.member);
        expect_one(doc, "E_REQUIRED", leaf.path);
        (*parent)[leaf.member] = nullptr;
        expect_one(doc, "E_REQUIRED", leaf.path);
      } else {
        (*parent)[leaf.member] = nullptr;  // null in an optional member: rejected, as by the AWS CLI
        expect_one(doc, "E_TYPE", leaf.path);
        parent->erase(leaf.member);        // absent: fine
        expect_valid(doc);
      }
      ++cases;
    }

    if (type == "integer" || type == "long") {
      if (s.contains("max")) {
        const auto mx = s["max"].get<long long>();
        expect_valid(doc_with(mx));
        expect_one(doc_with(mx + 1), "E_MAX", leaf.path);
        ++cases;
      }
      if (s.contains("min")) {
        const auto mn = s["min"].get<long long>();
        expect_valid(doc_with(mn));
        expect_one(doc_with(mn - 1), "E_MIN", leaf.path);
        ++cases;
      }
      expect_one(doc_with(true), "E_TYPE", leaf.path);
      expect_one(doc_with(Json::parse(std::to_string(minimal(leaf.shape).get<long long>()) + ".0")),
                 "E_TYPE", leaf.path);
      expect_one(doc_with(std::to_string(minimal(leaf.shape).get<long long>())), "E_TYPE", leaf.path);
      if (type == "integer" && !s.contains("max"))
        expect_one(doc_with(2147483648LL), "E_TYPE", leaf.path);
      cases += 3;
    } else if (type == "string") {
      if (s.contains("enum")) {
        for (const auto& e : s["enum"]) expect_valid(doc_with(e));
        expect_one(doc_with("NOT_A_VALUE"), "E_ENUM", leaf.path);
        const auto ds = check(doc_with("NOT_A_VALUE"));
        for (const auto& e : s["enum"])
          CHECK(ds.at(0).rule.find(e.get<std::string>()) != std::string::npos);
        ++cases;
      }
      const std::string good = minimal(leaf.shape).get<std::string>();
      const char fill = good.empty() ? 'a' : good.back();
      if (s.contains("max")) {
        const auto mx = s["max"].get<std::size_t>();
        if (!s.contains("enum")) expect_valid(doc_with(std::string(mx, fill)));
        expect_one(doc_with(std::string(mx + 1, fill)), "E_LENGTH", leaf.path);
        ++cases;
      }
      if (s.contains("min") && s["min"].get<int>() > 0) {
        const auto mn = s["min"].get<std::size_t>();
        if (!s.contains("enum") && mn > 0) expect_valid(doc_with(std::string(mn, fill)));
        expect_has(doc_with(std::string(mn - 1, fill)), "E_LENGTH", leaf.path);
        ++cases;
      }
      if (s.contains("pattern")) {
        const std::string pattern = s["pattern"];
        INFO("pattern " << pattern);
        REQUIRE(kPatternSamples.count(pattern) == 1);
        expect_valid(doc_with(kPatternSamples.at(pattern).first));
        expect_one(doc_with(kPatternSamples.at(pattern).second), "E_PATTERN", leaf.path);
        ++cases;
      }
      expect_one(doc_with(5), "E_TYPE", leaf.path);
    } else if (type == "list") {
      const Json item = minimal(s["member"]["shape"]);
      if (s.contains("max")) {
        const auto mx = s["max"].get<std::size_t>();
        expect_valid(doc_with(Json(std::vector<Json>(mx, item))));
        expect_one(doc_with(Json(std::vector<Json>(mx + 1, item))), "E_LIST_LENGTH", leaf.path);
        ++cases;
      }
      if (s.contains("min") && s["min"].get<int>() > 0) {
        const auto mn = s["min"].get<std::size_t>();
        expect_one(doc_with(Json(std::vector<Json>(mn - 1, item))), "E_LIST_LENGTH", leaf.path);
        ++cases;
      }
      expect_one(doc_with(Json::object()), "E_TYPE", leaf.path);
    } else if (type == "structure") {
      Json doc = doc_with(minimal(leaf.shape));
      (*reach(doc, leaf.steps, root))["NotAMember"] = 1;
      expect_one(doc, "E_UNKNOWN_MEMBER", leaf.path + ".NotAMember");
      expect_one(doc_with(Json::array()), "E_TYPE", leaf.path);
      ++cases;
    } else if (type == "boolean") {
      expect_valid(doc_with(false));
      expect_one(doc_with(1), "E_TYPE", leaf.path);
      expect_one(doc_with("true"), "E_TYPE", leaf.path);
      ++cases;
    } else {
      FAIL("type " << type << " not covered");
    }
  }
  // Sanity: the walk found the members the issue names.
  std::set<std::string> paths;
  for (const auto& l : all) paths.insert(l.path);
  CHECK(paths.count("DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value") == 1);
  CHECK(paths.count("DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName") == 1);
  CHECK(cases > 40);
}

TEST_CASE("unknown root members are errors, and paths name list indices") {
  Json doc = Json::parse(R"({"EndpointName":"a","EndpointConfigName":"b","Foo":1,
    "DeploymentConfig":{"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"x"},{"AlarmName":""}]}}})");
  const auto ds = check(doc);
  INFO(describe(ds));
  REQUIRE(ds.size() == 3);  // Foo unknown; Alarms[1].AlarmName too short and not matching
  CHECK(ds[0].code == "E_UNKNOWN_MEMBER");
  CHECK(ds[0].path == "Foo");
  CHECK(ds[1].path == "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName");
  CHECK(ds[2].path == "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName");
}

TEST_CASE("diagnostics carry the rule and the offending value as JSON text") {
  Json doc = Json::parse(R"({"EndpointName":"a","EndpointConfigName":"b",
    "DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":
      {"Type":"ALL_AT_ONCE","WaitIntervalInSeconds":4000}}}})");
  const auto ds = check(doc);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_MAX");
  CHECK(ds[0].path ==
        "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds");
  CHECK(ds[0].rule == "must be <= 3600");
  CHECK(ds[0].value == "4000");
  CHECK(ds[0].message == "must be <= 3600 (got 4000)");
}

TEST_CASE("describe outputs: lenient mode turns unknown and missing required members into warnings") {
  const Model& model = Model::embedded();
  Json doc = Json::parse(R"({"EndpointName":"a","ProductionVariants":[{"VariantName":"v",
      "CurrentInstanceCount":-1}],"SomethingNew":1})");
  Diagnostics ds;
  model.validate(doc, model.at("DescribeEndpointOutput"), "", {true, "endpoint.json"}, ds);
  INFO(describe(ds));
  std::set<std::string> codes;
  for (const auto& d : ds) codes.insert(d.code + (d.severity == Severity::error ? "!" : "?"));
  CHECK(codes.count("W_UNKNOWN_MEMBER?") == 1);
  CHECK(codes.count("W_REQUIRED?") == 1);   // EndpointArn, EndpointStatus, ... missing
  CHECK(codes.count("E_MIN!") == 1);        // CurrentInstanceCount >= 0 is still an error
}
