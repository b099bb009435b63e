// A shard's manifest (fleet/manifest.hpp).
#include "fleet/manifest.hpp"

#include "shiftsim/fleet_run.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace shiftsim::detail {

namespace {

using Json = nlohmann::ordered_json;

}  // namespace

std::string ShardManifest::run_key() const {
  return fmt::format("{} fleet {} settings {} shards {}", command, fleet_hash, settings_hash,
                     shards);
}

bool ShardManifest::same_shard(const ShardManifest& o) const {
  return run_key() == o.run_key() && shard == o.shard;
}

std::string shard_manifest_json(const ShardManifest& m) {
  Json j;
  j["schema"] = kFleetShardSchema;
  j["shiftsim"] = m.shiftsim;
  j["command"] = m.command;
  j["fleet"] = m.fleet;
  j["fleet_hash"] = m.fleet_hash;
  j["fleet_endpoints"] = m.fleet_endpoints;
  j["settings_hash"] = m.settings_hash;
  j["shard"] = m.shard;
  j["shards"] = m.shards;
  j["endpoints"] = m.endpoints;
  j["complete"] = m.complete;
  j["errors"] = m.errors ? Json(*m.errors) : Json();
  return j.dump(2) + "\n";
}

ManifestFile read_shard_manifest(const std::filesystem::path& dir) {
  ManifestFile f;
  std::ifstream in(dir / "shard.json", std::ios::binary);
  if (!in) return f;
  f.present = true;
  f.text.resize(kMaxManifestBytes + 1);
  in.read(f.text.data(), static_cast<std::streamsize>(f.text.size()));
  f.text.resize(static_cast<std::size_t>(in.gcount()));
  if (f.text.size() > kMaxManifestBytes) return f;
  const Json j = Json::parse(f.text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("schema", "") != kFleetShardSchema) return f;
  try {
    ShardManifest m;
    m.shiftsim = j.at("shiftsim").get<std::string>();
    m.command = j.at("command").get<std::string>();
    m.fleet = j.at("fleet").get<std::string>();
    m.fleet_hash = j.at("fleet_hash").get<std::string>();
    m.fleet_endpoints = j.at("fleet_endpoints").get<std::size_t>();
    m.settings_hash = j.at("settings_hash").get<std::string>();
    m.shard = j.at("shard").get<std::uint32_t>();
    m.shards = j.at("shards").get<std::uint32_t>();
    m.endpoints = j.at("endpoints").get<std::size_t>();
    m.complete = j.at("complete").get<bool>();
    if (!j.at("errors").is_null()) m.errors = j.at("errors").get<std::size_t>();
    f.manifest = std::move(m);
  } catch (const Json::exception&) {
    // a member missing or mistyped: not a manifest
  }
  return f;
}

}  // namespace shiftsim::detail
