// The simulate reporters on a hand-built result: JSON schema shiftsim.simulation/v2, CSV quoting,
// the table's sections (the reporters of the shiftsim::cli library).
#include "report/simulation_csv.hpp"
#include "report/format.hpp"
#include "report/simulation_json.hpp"
#include "report/simulation_table.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace shiftsim;

namespace {

Step step(SimTime t, SimTime end, Phase ph, int or_, int oa, int nr, int na, double pct,
          const char* status, const char* msg) {
  return Step{t, end, ph, "AllTraffic", or_, oa, nr, na, pct, status, msg};
}

/// ALL_AT_ONCE, N_old = N = 2, P = 300 s, A = 0, T = 600 s, D = 60 s, W unused; ml.m5.xlarge at
/// $0.23/h. Duration P+A+T+D = 960 s; both fleets run 0..960: 3840 instance-s, extra 1920.
SimulationResult all_at_once_example() {
  SimulationResult r;
  r.strategy = Strategy::all_at_once;
  r.outcome = Outcome::succeeded;
  r.summary.duration = seconds(960);
  r.summary.peak_instances = 4;
  r.summary.min_serving_instances = 2;
  r.summary.instance_seconds = 3840.0;
  r.summary.extra_instance_seconds = 1920.0;
  r.summary.cost_usd = 3840.0 / 3600.0 * 0.23;
  r.summary.timeout = seconds(1200);
  r.summary.timeout_margin = seconds(240);
  r.steps = {
      step(0, seconds(300), Phase::provision, 2, 2, 2, 0, 0.0, "Updating",
           "Launching 2 instance(s)."),
      step(seconds(300), seconds(300), Phase::shift, 2, 0, 2, 2, 100.0, "Updating",
           "Shifting 100% of traffic to the new fleet, \"all at once\"."),
      step(seconds(300), seconds(900), Phase::bake, 2, 0, 2, 2, 100.0, "Updating",
           "Baking for 600 s."),
      step(seconds(900), seconds(960), Phase::terminate, 2, 0, 2, 2, 100.0, "Updating",
           "Terminating 2 old instance(s)."),
      step(seconds(960), seconds(960), Phase::done, 0, 0, 2, 2, 100.0, "InService", "Done."),
  };
  r.bakes = {Bake{1, seconds(300), seconds(900), true}};
  // A trip at the start of bake 1 (t=300): flip back (A=0), terminate 2 new (D=60): done at 360.
  // Total: 4 instances x 360 s = 1440 instance-s, 1440/3600*0.23 = 0.092; extra over the old
  // fleet alone (2 x 360): the new fleet's 720 instance-s, 720/3600*0.23 = 0.046.
  r.rollback_if_trip = {RollbackIfTrip{1, seconds(300), seconds(900), Outcome::rolled_back,
                                       seconds(60), 0, 720.0, 0.092, 0.046, 4}};
  r.timeline = {
      TimelinePoint{0, 2, 2, 2, 0, 0.0},
      TimelinePoint{seconds(300), 2, 0, 2, 2, 100.0},
      TimelinePoint{seconds(960), 0, 0, 2, 2, 100.0},
  };
  r.warnings = {Diagnostic{Severity::warning, "W_NO_ALARMS", "", "", "",
                           "No alarms: bakes are plain waits."}};
  r.assumptions = {{"rounding", "ceil"},
                   {"all_at_once_uses_wait", "false"},
                   {"provision_s", "300"},
                   {"activation_s", "0.5"},
                   {"timing_source", "scenario"}};
  return r;
}

std::vector<std::string> keys(const nlohmann::ordered_json& o) {
  std::vector<std::string> k;
  for (const auto& [key, v] : o.items()) k.push_back(key);
  return k;
}

}  // namespace

TEST_CASE("JSON: the contract's keys, in order, with their values", "[reports]") {
  const auto r = all_at_once_example();
  cli::SimulationReportContext ctx;
  ctx.extra_cost_usd = 1920.0 / 3600.0 * 0.23;
  ctx.question = "q?";
  const auto j = cli::simulation_json(r, ctx);
  const std::vector<std::string> top{"schema", "strategy", "outcome", "summary", "steps",
                                     "rollback_if_trip", "warnings", "assumptions"};
  const auto k = keys(j);
  REQUIRE(k.size() >= top.size());
  CHECK(std::vector<std::string>(k.begin(), k.begin() + 8) == top);
  CHECK(j["schema"] == "shiftsim.simulation/v2");
  CHECK(j["strategy"] == "ALL_AT_ONCE");
  CHECK(j["outcome"] == "SUCCEEDED");
  const auto& s = j["summary"];
  const std::vector<std::string> sk{"duration_s", "peak_instances", "min_serving_instances",
                                    "instance_seconds", "extra_instance_seconds", "cost_usd",
                                    "timeout_s", "timeout_margin_s"};
  const auto sks = keys(s);
  CHECK(std::vector<std::string>(sks.begin(), sks.begin() + 8) == sk);
  // Whole seconds are integers.
  CHECK(s["duration_s"].is_number_integer());
  CHECK(s["duration_s"] == 960);
  CHECK(s["peak_instances"] == 4);
  CHECK(s["min_serving_instances"] == 2);
  CHECK(s["instance_seconds"].is_number_integer());
  CHECK(s["instance_seconds"] == 3840);
  CHECK(s["extra_instance_seconds"] == 1920);
  CHECK(s["cost_usd"].get<double>() == Approx(0.245333).epsilon(1e-6));
  CHECK(s["timeout_s"] == 1200);
  CHECK(s["timeout_margin_s"] == 240);
  CHECK(s["extra_cost_usd"].get<double>() == Approx(0.122667).epsilon(1e-5));
  CHECK(s["instance_hours"].get<double>() == Approx(3840.0 / 3600.0).epsilon(1e-6));

  REQUIRE(j["steps"].size() == 5);
  const auto& st = j["steps"][1];
  CHECK(keys(st) == std::vector<std::string>{"t_s", "end_s", "phase", "variant", "old_running",
                                             "old_active", "new_running", "new_active",
                                             "new_traffic_pct", "endpoint_status", "message"});
  CHECK(st["t_s"] == 300);
  CHECK(st["phase"] == "SHIFT");
  CHECK(st["old_active"] == 0);
  CHECK(st["new_traffic_pct"] == 100.0);
  CHECK(j["steps"][4]["endpoint_status"] == "InService");

  REQUIRE(j["rollback_if_trip"].size() == 1);
  const auto& e = j["rollback_if_trip"][0];
  const auto ek = keys(e);
  // v2 (amendment A3): total_cost_usd and extra_cost_usd replace cost_usd.
  CHECK(std::vector<std::string>(ek.begin(), ek.begin() + 8) ==
        std::vector<std::string>{"bake", "bake_start_s", "bake_end_s", "rollback_duration_s",
                                 "extra_instance_seconds", "total_cost_usd", "extra_cost_usd",
                                 "peak_instances"});
  CHECK_FALSE(e.contains("cost_usd"));
  CHECK(e["bake_start_s"] == 300);
  CHECK(e["bake_end_s"] == 900);
  CHECK(e["rollback_duration_s"] == 60);
  CHECK(e["extra_instance_seconds"] == 720);
  CHECK(e["total_cost_usd"] == 0.092);
  CHECK(e["extra_cost_usd"] == 0.046);
  CHECK(e["back_to_old_after_s"] == 0);

  REQUIRE(j["warnings"].size() == 1);
  CHECK(j["warnings"][0]["code"] == "W_NO_ALARMS");
  CHECK(j["warnings"][0]["message"] == "No alarms: bakes are plain waits.");
  CHECK(j["assumptions"]["rounding"] == "ceil");
  CHECK(j["assumptions"]["all_at_once_uses_wait"] == false);
  CHECK(j["assumptions"]["provision_s"] == 300);
  CHECK(j["assumptions"]["provision_s"].is_number_integer());
  CHECK(j["assumptions"]["activation_s"] == 0.5);
  CHECK(j["assumptions"]["timing_source"] == "scenario");
  CHECK(j["question"] == "q?");
}

TEST_CASE("JSON: no timeout is null, fractional seconds keep milliseconds", "[reports]") {
  auto r = all_at_once_example();
  r.summary.timeout.reset();
  r.summary.timeout_margin.reset();
  r.summary.duration = 960500;
  const auto j = cli::simulation_json(r);
  CHECK(j["summary"]["timeout_s"].is_null());
  CHECK(j["summary"]["timeout_margin_s"].is_null());
  CHECK(j["summary"]["duration_s"] == 960.5);
  CHECK(j["summary"]["extra_cost_usd"].is_null());
  CHECK(!j.contains("question"));
  // Round-trips through text.
  const auto text = cli::render_simulation_json(r);
  CHECK(text.back() == '\n');
  CHECK(nlohmann::ordered_json::parse(text) == j);
}

TEST_CASE("CSV: header, one row per step, RFC 4180 quoting", "[reports]") {
  const std::string csv = cli::render_simulation_csv(all_at_once_example());
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    const auto e = csv.find("\r\n", pos);
    REQUIRE(e != std::string::npos);  // every line ends with CRLF
    lines.push_back(csv.substr(pos, e - pos));
    pos = e + 2;
  }
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] ==
        "t_s,end_s,phase,variant,old_running,old_active,new_running,new_active,new_traffic_pct,"
        "endpoint_status,message");
  CHECK(lines[1] == "0,300,PROVISION,AllTraffic,2,2,2,0,0,Updating,Launching 2 instance(s).");
  CHECK(lines[2] == "300,300,SHIFT,AllTraffic,2,0,2,2,100,Updating,"
                    "\"Shifting 100% of traffic to the new fleet, \"\"all at once\"\".\"");
  CHECK(cli::csv_field("a\nb") == "\"a\nb\"");
  CHECK(cli::csv_field("plain") == "plain");
  CHECK(cli::csv_field("x\"y") == "\"x\"\"y\"");
}

TEST_CASE("table: sections, durations and costs", "[reports]") {
  cli::SimulationReportContext ctx;
  ctx.endpoint_name = "demo-ep";
  ctx.question = "What does it cost?";
  ctx.extra_cost_usd = 1920.0 / 3600.0 * 0.23;
  const std::string t = cli::render_simulation_table(all_at_once_example(), ctx);
  CHECK(t.find("ALL_AT_ONCE update of endpoint demo-ep -> SUCCEEDED") != std::string::npos);
  CHECK(t.find("Q: What does it cost?") != std::string::npos);
  CHECK(t.find("960 s (0:16:00)") != std::string::npos);
  CHECK(t.find("instance-hours        1.07 (3840 instance-s)") != std::string::npos);
  CHECK(t.find("cost                  $0.25") != std::string::npos);
  CHECK(t.find("extra cost            $0.12") != std::string::npos);
  CHECK(t.find("margin 240 s") != std::string::npos);
  CHECK(t.find("What a trip at each bake would cost") != std::string::npos);
  CHECK(t.find("300-900") != std::string::npos);
  CHECK(t.find("W_NO_ALARMS") != std::string::npos);
  CHECK(t.find("rounding              = ceil") != std::string::npos);
  CHECK(t.find("Launching 2 instance(s).") != std::string::npos);
}

TEST_CASE("chart: 60 columns, traffic full after the shift, phases by column", "[reports]") {
  const std::string c = cli::render_timeline_chart(all_at_once_example(), 60);
  // 960 s over 60 columns: 16 s a column. Provision 0..300 covers columns 0..17 (mid < 300),
  // column 18 (288..304, mid 296) is still P.
  std::vector<std::string> rows;
  std::size_t pos = 0;
  while (pos < c.size()) {
    const auto e = c.find('\n', pos);
    rows.push_back(c.substr(pos, e - pos));
    pos = e + 1;
  }
  REQUIRE(rows.size() == 5);
  const auto bar = [](const std::string& row) {
    const auto a = row.find("│") + std::string("│").size();
    const auto b = row.find("│", a);
    return row.substr(a, b - a);
  };
  const std::string phase = bar(rows[3]);
  REQUIRE(phase.size() == 60);
  CHECK(phase.substr(0, 19) == std::string(19, 'P'));
  CHECK(phase[19] == 'B');
  CHECK(phase.substr(57, 3) == "TTT");  // 912..960
  // Traffic: empty in the first 18 columns (up to 288 s), full from column 18 (it holds 300).
  const std::string traffic = bar(rows[0]);
  CHECK(traffic.substr(0, 18) == std::string(18, ' '));
  CHECK(rows[0].find("max 100%") != std::string::npos);
  CHECK(rows[1].find("peak 4") != std::string::npos);
  CHECK(rows[2].find("fewest 2") != std::string::npos);
  CHECK(rows[4].find("0:16:00") != std::string::npos);
}
