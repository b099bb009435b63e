// Listing, hashing and streaming a fleet's records (shiftsim/fleet_input.hpp).
#include "shiftsim/fleet_input.hpp"

#include "json_depth.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/fleet_shard.hpp"
#include "shiftsim/input_limits.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <regex>

namespace shiftsim {

namespace fs = std::filesystem;

namespace {

/// The files of a directory record, in the order they are hashed.
struct RecordFile {
  const char* file;
  std::optional<std::string> FleetRecord::*member;
};
const std::array<RecordFile, 6> kRecordFiles{{
    {"endpoint.json", &FleetRecord::endpoint},
    {"current-config.json", &FleetRecord::current_config},
    {"new-config.json", &FleetRecord::new_config},
    {"request.json", &FleetRecord::request},
    {"scenario.json", &FleetRecord::scenario},
    {"scenario.yaml", &FleetRecord::scenario},
}};

/// The JSON Lines members holding documents, as (member, record field).
const std::array<std::pair<const char*, std::optional<std::string> FleetRecord::*>, 5> kLineMembers{{
    {"endpoint", &FleetRecord::endpoint},
    {"current_config", &FleetRecord::current_config},
    {"new_config", &FleetRecord::new_config},
    {"request", &FleetRecord::request},
    {"scenario", &FleetRecord::scenario},
}};

bool valid_endpoint_name(const std::string& name) {
  static const std::regex re("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");
  return std::regex_match(name, re);
}

bool is_jsonl(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".jsonl" || ext == ".ndjson";
}

/// Reads at most `budget` + 1 bytes of `p`; nullopt when it cannot be opened.
std::optional<std::string> read_bounded(const fs::path& p, std::size_t budget) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return std::nullopt;
  std::string s(budget + 1, '\0');
  f.read(s.data(), static_cast<std::streamsize>(s.size()));
  s.resize(static_cast<std::size_t>(f.gcount()));
  return s;
}

/// Reads one line of at most `budget` bytes (the rest of a longer line is skipped; `too_long`
/// says so). False at the end of the file.
bool read_line(std::istream& in, std::string& line, std::size_t budget, bool& too_long) {
  line.clear();
  too_long = false;
  char c = 0;
  bool any = false;
  while (in.get(c)) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < budget) line.push_back(c);
    else too_long = true;
  }
  return any;
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

Diagnostic fleet_error(const char* code, std::string path, std::string rule, std::string value,
                       std::string message) {
  return error_diagnostic(code, std::move(path), std::move(rule), std::move(value),
                          std::move(message));
}

void check_name(const std::string& name, const std::string& where, Diagnostics& errors) {
  if (!valid_endpoint_name(name))
    errors.push_back(fleet_error(error_code::pattern, where, "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$",
                                 nlohmann::json(name).dump(),
                                 fmt::format("{}: '{}' is not a SageMaker endpoint name", where,
                                             name)));
}

/// (name, record hash) pairs sorted, checked for duplicates; the fleet hash over them.
void finish_index(FleetIndex& index, std::vector<std::pair<std::string, std::uint64_t>>& records,
                  Diagnostics& errors) {
  std::sort(records.begin(), records.end());
  std::uint64_t h = fnv1a64("shiftsim.fleet/v1");
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i > 0 && records[i].first == records[i - 1].first) {
      errors.push_back(fleet_error(error_code::duplicate, index.path.string(),
                                   "each endpoint name once", nlohmann::json(records[i].first).dump(),
                                   fmt::format("{}: endpoint '{}' appears more than once",
                                               index.path.string(), records[i].first)));
      continue;
    }
    index.names.push_back(records[i].first);
    h = fnv1a64(records[i].first, h);
    h = fnv1a64(std::string_view(reinterpret_cast<const char*>(&records[i].second), 8), h);
  }
  index.hash = h;
  if (records.empty() && errors.empty())
    errors.push_back(fleet_error(error_code::required, index.path.string(), "at least one endpoint",
                                 "0", fmt::format("{}: the fleet has no endpoint",
                                                  index.path.string())));
}

void index_directory(FleetIndex& index, Diagnostics& errors) {
  std::vector<std::pair<std::string, std::uint64_t>> records;
  for (const auto& entry : fs::directory_iterator(index.path)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.empty() || name[0] == '.') continue;
    check_name(name, entry.path().string(), errors);
    std::uint64_t h = fnv1a64(name);
    for (const auto& f : kRecordFiles) {
      const auto text = read_bounded(entry.path() / f.file, kMaxFleetRecordBytes);
      if (!text) continue;
      h = fnv1a64(f.file, h);
      h = fnv1a64(*text, h);
    }
    records.emplace_back(name, h);
  }
  finish_index(index, records, errors);
}

/// The "name" of a JSON Lines record, or an error.
/// The levels a JSON Lines record may nest: the record's object, then its documents' own
/// kMaxNesting (parse_tree() holds each document to that when the endpoint runs).
constexpr int kMaxLineLevels = static_cast<int>(kMaxNesting) + 1;

std::optional<nlohmann::json> parse_line(const std::string& line, detail::JsonDepthResult& how) {
  return detail::parse_json_within_depth<nlohmann::json>(line, kMaxLineLevels, how);
}

std::optional<std::string> line_name(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("name") || !j["name"].is_string()) return std::nullopt;
  return j["name"].get<std::string>();
}

void index_jsonl(FleetIndex& index, Diagnostics& errors) {
  std::ifstream in(index.path, std::ios::binary);
  std::vector<std::pair<std::string, std::uint64_t>> records;
  std::string line;
  bool too_long = false;
  for (std::size_t n = 1; read_line(in, line, kMaxFleetRecordBytes, too_long); ++n) {
    const std::string where = fmt::format("{}:{}", index.path.string(), n);
    if (too_long) {
      errors.push_back(fleet_error(error_code::size, where,
                                   fmt::format("at most {} bytes a record", kMaxFleetRecordBytes),
                                   "null", where + ": the record is too large"));
      continue;
    }
    if (blank(line)) continue;
    detail::JsonDepthResult how{};
    const auto j = parse_line(line, how);
    if (how == detail::JsonDepthResult::too_deep) {
      const std::string rule = fmt::format(
          "a record nests at most {} levels (its object, then its documents' {})", kMaxLineLevels,
          kMaxNesting);
      errors.push_back(fleet_error(error_code::depth, where, rule, "null",
                                   "nested too deep: " + rule));
      continue;
    }
    const auto name = j ? line_name(*j) : std::nullopt;
    if (!name) {
      errors.push_back(fleet_error(error_code::json, where, "an object with a string \"name\"",
                                   "null",
                                   where + ": not a JSON object with a string \"name\""));
      continue;
    }
    check_name(*name, where + ".name", errors);
    records.emplace_back(*name, fnv1a64(line));
  }
  finish_index(index, records, errors);
}

FleetRecord directory_record(const FleetIndex& index, const std::string& name) {
  FleetRecord r;
  r.name = name;
  const fs::path dir = index.path / name;
  r.source = dir.string();
  std::size_t total = 0;
  for (const auto& f : kRecordFiles) {
    auto text = read_bounded(dir / f.file, kMaxFleetRecordBytes);
    if (!text) continue;
    total += text->size();
    if (f.member == &FleetRecord::scenario) r.scenario_name = (dir / f.file).string();
    r.*f.member = std::move(*text);
  }
  if (total > kMaxFleetRecordBytes)
    r.errors.push_back(fleet_error(error_code::size, r.source,
                                   fmt::format("at most {} bytes a record", kMaxFleetRecordBytes),
                                   std::to_string(total),
                                   fmt::format("{}: the record's files hold {} bytes", r.source,
                                               total)));
  return r;
}

FleetRecord line_record(const nlohmann::json& j, const std::string& where) {
  FleetRecord r;
  r.name = j["name"].get<std::string>();
  r.source = where;
  for (const auto& [member, field] : kLineMembers)
    if (j.contains(member) && !j[member].is_null()) r.*field = j[member].dump();
  r.scenario_name = where + ".scenario";
  return r;
}

}  // namespace

FleetIndex index_fleet(const fs::path& path) {
  FleetIndex index;
  index.path = path;
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw_input_error(error_code::file, path.string(), "must exist", "null",
                      fmt::format("fleet: cannot read {}: no such file or directory",
                                  path.string()));
  Diagnostics errors;
  if (fs::is_directory(path, ec)) {
    index_directory(index, errors);
  } else {
    index.jsonl = true;
    if (!is_jsonl(path))
      throw_input_error(error_code::file, path.string(), "a directory or a .jsonl file",
                        nlohmann::json(path.string()).dump(),
                        fmt::format("fleet: {} is neither a directory nor a .jsonl file",
                                    path.string()));
    index_jsonl(index, errors);
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  return index;
}

void for_each_fleet_record(const FleetIndex& index,
                           const std::function<bool(const std::string&)>& wanted,
                           const std::function<void(const FleetRecord&)>& fn) {
  if (!index.jsonl) {
    for (const auto& name : index.names)
      if (wanted(name)) fn(directory_record(index, name));
    return;
  }
  std::ifstream in(index.path, std::ios::binary);
  std::string line;
  bool too_long = false;
  for (std::size_t n = 1; read_line(in, line, kMaxFleetRecordBytes, too_long); ++n) {
    if (too_long || blank(line)) continue;  // index_fleet() refused the first
    detail::JsonDepthResult how{};
    const auto j = parse_line(line, how);
    const auto name = j ? line_name(*j) : std::nullopt;
    if (!name || !wanted(*name)) continue;
    fn(line_record(*j, fmt::format("{}:{}", index.path.string(), n)));
  }
}

}  // namespace shiftsim
