// The shard manifest (engine/src/fleet/manifest.hpp), the one reader of OUT/shard.json for a
// run and for merge, and the summary row's outcome member: keys and values as docs/fleet.md
// lists them, written by hand here.
#include "fleet/manifest.hpp"

#include "shiftsim/fleet_run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using shiftsim::detail::ManifestFile;
using shiftsim::detail::read_shard_manifest;
using shiftsim::detail::ShardManifest;

struct TempDir {
  fs::path path = fs::temp_directory_path() /
                  ("shiftsim-manifest-" + std::to_string(::getpid()) + "-" +
                   std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& text) const { std::ofstream(path / "shard.json") << text; }
};

ShardManifest sample() {
  ShardManifest m;
  m.shiftsim = "1.2.3";
  m.command = "simulate";
  m.fleet = "/shared/fleet";
  m.fleet_hash = "00000000000000ff";
  m.fleet_endpoints = 200;
  m.settings_hash = "0123456789abcdef";
  m.shard = 2;
  m.shards = 4;
  m.endpoints = 51;
  m.complete = true;
  m.errors = 3;
  return m;
}

}  // namespace

TEST_CASE("a manifest is written with the documented keys in order, and read back", "[fleet]") {
  TempDir dir;
  const ShardManifest m = sample();
  const std::string text = shiftsim::detail::shard_manifest_json(m);
  const auto j = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"schema", "shiftsim", "command", "fleet", "fleet_hash",
                                         "fleet_endpoints", "settings_hash", "shard", "shards",
                                         "endpoints", "complete", "errors"});
  CHECK(j["schema"] == "shiftsim.fleet-shard/v1");
  CHECK(j["shard"] == 2);
  CHECK(j["errors"] == 3);
  CHECK(text.back() == '\n');

  dir.write(text);
  const ManifestFile f = read_shard_manifest(dir.path);
  REQUIRE(f.present);
  REQUIRE(f.manifest);
  CHECK(f.manifest->command == "simulate");
  CHECK(f.manifest->fleet == "/shared/fleet");
  CHECK(f.manifest->fleet_endpoints == 200);
  CHECK(f.manifest->shard == 2);
  CHECK(f.manifest->shards == 4);
  CHECK(f.manifest->endpoints == 51);
  CHECK(f.manifest->complete);
  CHECK(f.manifest->errors == std::optional<std::size_t>(3));
  CHECK(f.manifest->same_shard(m));
  CHECK(shiftsim::detail::shard_manifest_json(*f.manifest) == text);
}

TEST_CASE("an unfinished manifest has null errors and is the same shard as the finished one",
          "[fleet]") {
  TempDir dir;
  ShardManifest m = sample();
  m.complete = false;
  m.errors.reset();
  dir.write(shiftsim::detail::shard_manifest_json(m));
  const ManifestFile f = read_shard_manifest(dir.path);
  REQUIRE(f.manifest);
  CHECK_FALSE(f.manifest->complete);
  CHECK_FALSE(f.manifest->errors);
  CHECK(f.manifest->same_shard(sample()));
}

TEST_CASE("shards of one run share a run key, and another index, count, command or hash is not "
          "the same shard",
          "[fleet]") {
  const ShardManifest a = sample();
  ShardManifest b = a;
  b.shard = 3;
  CHECK(a.run_key() == b.run_key());
  CHECK_FALSE(a.same_shard(b));
  for (auto change : {+[](ShardManifest& m) { m.shards = 5; },
                      +[](ShardManifest& m) { m.command = "plan"; },
                      +[](ShardManifest& m) { m.fleet_hash = "00000000000000fe"; },
                      +[](ShardManifest& m) { m.settings_hash = "0123456789abcdee"; }}) {
    ShardManifest c = a;
    change(c);
    CHECK(c.run_key() != a.run_key());
    CHECK_FALSE(c.same_shard(a));
  }
}

TEST_CASE("no shard.json is absent, and a file that is not a manifest is present but not read",
          "[fleet]") {
  TempDir dir;
  CHECK_FALSE(read_shard_manifest(dir.path).present);
  const std::string good = shiftsim::detail::shard_manifest_json(sample());
  auto other_schema = nlohmann::ordered_json::parse(good);
  other_schema["schema"] = "shiftsim.fleet-shard/v2";
  auto mistyped = nlohmann::ordered_json::parse(good);
  mistyped["shard"] = "2";
  auto missing = nlohmann::ordered_json::parse(good);
  missing.erase("endpoints");
  const std::string huge = good.substr(0, good.size() - 2) + ", \"pad\": \"" +
                           std::string(shiftsim::detail::kMaxManifestBytes, 'x') + "\"}\n";
  for (const std::string& text :
       {std::string("{\"half\": "), std::string("[]"), other_schema.dump(), mistyped.dump(),
        missing.dump(), huge}) {
    dir.write(text);
    const ManifestFile f = read_shard_manifest(dir.path);
    CHECK(f.present);
    CHECK_FALSE(f.manifest);
    CHECK(f.text.size() <= shiftsim::detail::kMaxManifestBytes + 1);
  }
}

TEST_CASE("a summary row carries simulate's outcome after the status, null for the others",
          "[fleet]") {
  shiftsim::FleetRow row;
  row.endpoint = "ep-1";
  row.outcome = "ROLLED_BACK";
  row.pick = "CANARY";
  row.duration_s = 1230.0;
  row.result = "results/ep-1.json";
  const std::string line = shiftsim::fleet_row_json(row);
  CHECK(line.rfind(R"({"endpoint":"ep-1","status":"ok","outcome":"ROLLED_BACK","pick":"CANARY",)",
                   0) == 0);
  const shiftsim::FleetRow back = shiftsim::parse_fleet_row(line, "row");
  CHECK(back.outcome == std::optional<std::string>("ROLLED_BACK"));
  CHECK(shiftsim::fleet_row_json(back) == line);
  row.outcome.reset();
  CHECK(shiftsim::fleet_row_json(row).find(R"("status":"ok","outcome":null,)") != std::string::npos);
}
