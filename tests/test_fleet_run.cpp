// Running a fleet's shards into output directories and merging them (shiftsim/fleet_run.hpp,
// fleet_merge.hpp), with a stand-in command whose result is a pure function of the endpoint's
// name and seed: the machinery is checked on its own (what results a real command gives is
// tests/cli/fleet_plan.sh's business).
//   - N shards merged give the unsharded summary byte for byte, for N = 1..6;
//   - a task killed midway, then resumed, gives the same bytes, and runs only what was left;
//   - merge refuses missing, duplicate, unfinished and foreign shards, naming each;
//   - a bad endpoint gets an error record and the others go on.
#include "input_problems.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/fleet_input.hpp"
#include "shiftsim/fleet_merge.hpp"
#include "shiftsim/fleet_run.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace shiftsim;
namespace fs = std::filesystem;

namespace {

/// A fresh temp directory, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           fmt::format("shiftsim-fleet-{}-{}", static_cast<long>(::getpid()), counter()++);
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void write(const fs::path& p, std::string_view s) {
  std::ofstream f(p, std::ios::binary);
  f << s;
}

/// A JSON Lines fleet of n endpoints (the stand-in command reads only the name).
fs::path make_fleet(const fs::path& dir, std::size_t n) {
  const fs::path file = dir / "fleet.jsonl";
  std::string text;
  for (std::size_t i = 0; i < n; ++i)
    text += fmt::format("{{\"name\": \"ep-{}\", \"endpoint\": {{}}}}\n", i * 7919 % 1000);
  write(file, text);
  return file;
}

/// The stand-in command: a result and a row from the name and the seed alone.
struct StandIn {
  std::set<std::string>* ran = nullptr;
  std::string fail;         ///< this endpoint's documents are "bad"
  std::size_t kill_after = 0;  ///< stop the task (not an exception the runner handles) after k
  std::mutex* lock = nullptr;  ///< for runs with jobs > 1
  struct Killed {};
  EndpointOutcome operator()(const FleetRecord& r, std::uint64_t seed) const {
    {
      std::unique_lock guard = lock ? std::unique_lock(*lock) : std::unique_lock<std::mutex>();
      if (kill_after && ran->size() == kill_after) throw Killed{};
      ran->insert(r.name);
    }
    if (r.name == fail)
      throw_input_error(error_code::type, "ProductionVariants", "must be a list", "42",
                        "bad document");
    EndpointOutcome o;
    o.result = fmt::format("{{\"endpoint\": \"{}\", \"seed\": {}}}\n", r.name, seed);
    o.row.pick = "config " + std::to_string(seed % 97);
    o.row.cost_usd = static_cast<double>(seed % 1000) / 100.0;
    o.row.peak_by_type["ml.m5.xlarge"] = static_cast<int>(seed % 13);
    return o;
  }
};

const FileWriter kWrite = [](const fs::path& p, std::string_view s) {
  const fs::path tmp = p.string() + ".tmp";
  write(tmp, s);
  fs::rename(tmp, p);
};

FleetRunStats run(const fs::path& fleet, const fs::path& out, std::uint32_t i, std::uint32_t n,
                  const StandIn& cmd, bool resume = false, std::string settings = "s1",
                  int jobs = 1) {
  FleetRunRequest req;
  req.index = index_fleet(fleet);
  req.shard = {i, n, "test"};
  req.out = out;
  req.resume = resume;
  req.command = "plan";
  req.settings = std::move(settings);
  req.jobs = jobs;
  return run_fleet_shard(req, cmd, kWrite, nullptr);
}

std::vector<std::string> codes_of(const std::vector<fs::path>& dirs) {
  try {
    (void)merge_fleet_outputs(dirs);
  } catch (const InputError& e) {
    std::vector<std::string> codes;
    for (const auto& d : e.diagnostics()) codes.push_back(d.code + " " + d.path);
    return codes;
  }
  return {"merged"};
}

}  // namespace

TEST_CASE("N shards merged are the unsharded summary byte for byte, N = 1..6", "[fleet]") {
  TempDir t;
  const fs::path fleet = make_fleet(t.path, 60);
  std::set<std::string> ran;
  StandIn cmd{&ran, "", 0, nullptr};
  run(fleet, t.path / "all", 0, 1, cmd);
  const std::string whole = slurp(t.path / "all" / "summary.jsonl");
  CHECK(std::count(whole.begin(), whole.end(), '\n') == 60);
  for (std::uint32_t n = 1; n <= 6; ++n) {
    std::vector<fs::path> dirs;
    ran.clear();
    for (std::uint32_t i = n; i-- > 0;) {  // any order
      dirs.push_back(t.path / fmt::format("n{}-s{}", n, i));
      run(fleet, dirs.back(), i, n, cmd);
    }
    CHECK(ran.size() == 60);  // every endpoint ran once
    const MergedFleet m = merge_fleet_outputs(dirs);
    INFO("N = " << n);
    CHECK(m.jsonl == whole);
    CHECK(m.rows.size() == 60);
    for (const auto& d : dirs)
      for (const auto& e : fs::directory_iterator(d / "results"))
        CHECK(slurp(e.path()) == slurp(t.path / "all" / "results" / e.path().filename()));
  }
}

TEST_CASE("a task killed midway and resumed gives the same bytes, running only the rest",
          "[fleet]") {
  TempDir t;
  const fs::path fleet = make_fleet(t.path, 40);
  std::set<std::string> ran;
  run(fleet, t.path / "all", 0, 1, StandIn{&ran, "", 0, nullptr});
  std::vector<fs::path> dirs{t.path / "s0", t.path / "s1"};
  run(fleet, dirs[0], 0, 2, StandIn{&ran, "", 0, nullptr});
  ran.clear();
  CHECK_THROWS_AS(run(fleet, dirs[1], 1, 2, StandIn{&ran, "", 5, nullptr}), StandIn::Killed);
  CHECK(ran.size() == 5);
  // The killed shard is refused, by name.
  CHECK(codes_of(dirs) ==
        std::vector<std::string>{std::string(error_code::shard_incomplete) + " " +
                                 dirs[1].string()});
  std::set<std::string> rest;
  const FleetRunStats stats = run(fleet, dirs[1], 1, 2, StandIn{&rest, "", 0, nullptr}, true);
  CHECK(stats.skipped == 5);
  CHECK(stats.ran == stats.endpoints - 5);
  for (const auto& name : rest) CHECK(ran.count(name) == 0);  // nothing twice
  CHECK(merge_fleet_outputs(dirs).jsonl == slurp(t.path / "all" / "summary.jsonl"));
}

TEST_CASE("merge refuses missing, duplicate and foreign shards, listing which", "[fleet]") {
  TempDir t;
  const fs::path fleet = make_fleet(t.path, 30);
  std::set<std::string> ran;
  std::vector<fs::path> dirs;
  for (std::uint32_t i = 0; i < 3; ++i) {
    dirs.push_back(t.path / fmt::format("s{}", i));
    run(fleet, dirs.back(), i, 3, StandIn{&ran, "", 0, nullptr});
  }
  const std::string missing = error_code::shard_missing;
  const std::string duplicate = error_code::shard_duplicate;
  const std::string foreign = error_code::shard_foreign;
  CHECK(codes_of({dirs[0], dirs[2]}) == std::vector<std::string>{missing + " shard 1/3"});
  CHECK(codes_of({dirs[0]}) ==
        std::vector<std::string>{missing + " shard 1/3", missing + " shard 2/3"});
  CHECK(codes_of({dirs[0], dirs[1], dirs[2], dirs[1]}) ==
        std::vector<std::string>{duplicate + " shard 1/3"});
  // Another settings' shard 2 (the same fleet, another option): foreign, and 2 is missing.
  const fs::path other = t.path / "other-s2";
  run(fleet, other, 2, 3, StandIn{&ran, "", 0, nullptr}, false, "s2");
  CHECK(codes_of({dirs[0], dirs[1], other}) ==
        std::vector<std::string>{foreign + " " + other.string(), missing + " shard 2/3"});
  // Not an output directory at all.
  CHECK(codes_of({dirs[0], dirs[1], dirs[2], t.path}) ==
        std::vector<std::string>{foreign + " " + t.path.string()});
  CHECK(codes_of(dirs) == std::vector<std::string>{"merged"});
  // A row moved to another shard's summary is caught.
  write(dirs[0] / "summary.jsonl",
        slurp(dirs[0] / "summary.jsonl") + slurp(dirs[1] / "summary.jsonl").substr(
                                               0, slurp(dirs[1] / "summary.jsonl").find('\n') + 1));
  CHECK(codes_of(dirs).front().starts_with(duplicate));
}

TEST_CASE("a run refuses an output directory of other settings, and touches nothing", "[fleet]") {
  TempDir t;
  const fs::path fleet = make_fleet(t.path, 10);
  std::set<std::string> ran;
  run(fleet, t.path / "out", 0, 1, StandIn{&ran, "", 0, nullptr});
  const std::string before = slurp(t.path / "out" / "summary.jsonl");
  const Diagnostics foreign = test::problems([&] {
    run(fleet, t.path / "out", 0, 1, StandIn{&ran, "", 0, nullptr}, true, "other settings");
  });
  CHECK(foreign.at(0).code == error_code::shard_foreign);
  CHECK_THROWS_AS(run(fleet, t.path / "out", 0, 2, StandIn{&ran, "", 0, nullptr}), InputError);
  CHECK(slurp(t.path / "out" / "summary.jsonl") == before);
}

TEST_CASE("a bad endpoint gets an error record and the others go on", "[fleet]") {
  TempDir t;
  const fs::path fleet = make_fleet(t.path, 10);
  std::set<std::string> ran;
  const FleetRunStats stats = run(fleet, t.path / "out", 0, 1, StandIn{&ran, "ep-0", 0, nullptr});
  CHECK(stats.errors == 1);
  CHECK(ran.size() == 10);
  const MergedFleet m = merge_fleet_outputs({t.path / "out"});
  std::size_t ok = 0;
  for (const auto& r : m.rows) {
    if (r.endpoint == "ep-0") {
      CHECK(r.status == "error");
      CHECK(r.findings == std::vector<std::string>{error_code::type});
      CHECK(slurp(t.path / "out" / r.result).find(kFleetErrorSchema) != std::string::npos);
    } else {
      ok += r.status == "ok";
    }
  }
  CHECK(ok == 9);
  const FleetTotals totals = fleet_totals(m.rows);
  CHECK(totals.errors == 1);
  CHECK(totals.ok == 9);
  long long peak = 0;
  double cost = 0;
  for (const auto& r : m.rows) {
    peak += r.peak_by_type.count("ml.m5.xlarge") ? r.peak_by_type.at("ml.m5.xlarge") : 0;
    cost += r.cost_usd.value_or(0.0);
  }
  CHECK(totals.peak_by_type.at("ml.m5.xlarge") == peak);
  CHECK(totals.cost_usd.usd().value() == Approx(cost));
}

TEST_CASE("a fleet with a name twice or a name SageMaker refuses is refused whole", "[fleet]") {
  TempDir t;
  write(t.path / "dup.jsonl", "{\"name\": \"a\"}\n\n{\"name\": \"b\"}\n{\"name\": \"a\"}\n");
  write(t.path / "bad.jsonl", "{\"name\": \"a_b\"}\nnot json\n");
  const Diagnostics dup = test::problems([&] { (void)index_fleet(t.path / "dup.jsonl"); });
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].code == error_code::duplicate);
  const Diagnostics bad = test::problems([&] { (void)index_fleet(t.path / "bad.jsonl"); });
  REQUIRE(bad.size() == 2);
  CHECK(bad[0].code == error_code::pattern);
  CHECK(bad[1].code == error_code::json);
  CHECK(bad[1].path == (t.path / "bad.jsonl").string() + ":2");
  CHECK_THROWS_AS(index_fleet(t.path / "missing"), InputError);
}

TEST_CASE("endpoints run in parallel (jobs) give the same bytes, and a kill stops every worker",
          "[fleet]") {
  TempDir t;
  const fs::path fleet = make_fleet(t.path, 50);
  std::set<std::string> ran;
  std::mutex lock;
  run(fleet, t.path / "one", 0, 1, StandIn{&ran, "ep-0", 0, &lock});
  ran.clear();
  const FleetRunStats stats =
      run(fleet, t.path / "four", 0, 1, StandIn{&ran, "ep-0", 0, &lock}, false, "s1", 4);
  CHECK(stats.ran == 50);
  CHECK(stats.errors == 1);
  CHECK(slurp(t.path / "four" / "summary.jsonl") == slurp(t.path / "one" / "summary.jsonl"));
  ran.clear();
  CHECK_THROWS_AS(run(fleet, t.path / "killed", 0, 1, StandIn{&ran, "ep-0", 7, &lock}, false, "s1", 4),
                  StandIn::Killed);
  CHECK(ran.size() == 7);
  std::set<std::string> rest;
  run(fleet, t.path / "killed", 0, 1, StandIn{&rest, "ep-0", 0, &lock}, true, "s1", 3);
  CHECK(slurp(t.path / "killed" / "summary.jsonl") == slurp(t.path / "one" / "summary.jsonl"));
}
