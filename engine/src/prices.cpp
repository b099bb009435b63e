#include "shiftsim/prices.hpp"

#include "price_tables.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <set>
#include <system_error>

namespace shiftsim {

namespace {

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;  ///< 1-based line where the record starts
};

/// Splits RFC 4180 text into records. Reports an unterminated quote or text after a closing
/// quote into `errors`.
std::vector<CsvRecord> split_csv(std::string_view text, std::string_view origin,
                                 Diagnostics& errors) {
  std::vector<CsvRecord> records;
  std::size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < text.size()) {
          const char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field.push_back('"');
              ++i;
            } else {
              closed = true;
              break;
            }
          } else {
            if (c == '\n') ++line;
            field.push_back(c);
          }
        }
        if (!closed) {
          errors.push_back({Severity::error, error_code::csv, fmt::format("{}:{}", origin, rec.line),
                            "quoted field must end with a quote", "",
                            fmt::format("{}:{}: a quoted field is never closed", origin, rec.line)});
          return records;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          errors.push_back(
              {Severity::error, error_code::csv, fmt::format("{}:{}", origin, line),
               "a closing quote must end the field", "",
               fmt::format("{}:{}: text after the closing quote of a field", origin, line)});
          while (i < text.size() && text[i] != ',' && text[i] != '\n') ++i;
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
          field.push_back(text[i++]);
      }
      rec.fields.push_back(field);
      if (i >= text.size()) {
        end_of_record = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        end_of_record = true;
      }
    }
    const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) records.push_back(std::move(rec));
  }
  return records;
}

}  // namespace

std::vector<PriceRow> parse_price_csv(std::string_view csv, std::string_view origin) {
  Diagnostics errors;
  const auto records = split_csv(csv, origin, errors);
  std::vector<PriceRow> rows;
  const std::vector<std::string> header{"instance_type", "usd_per_hour", "source", "source_date"};
  if (records.empty() || records.front().fields != header) {
    errors.push_back({Severity::error, error_code::csv, fmt::format("{}:1", origin),
                      "header must be instance_type,usd_per_hour,source,source_date", "",
                      fmt::format("{}:1: the header must be "
                                  "'instance_type,usd_per_hour,source,source_date'",
                                  origin)});
    throw InputError(std::move(errors));
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const std::string where = fmt::format("{}:{}", origin, rec.line);
    if (rec.fields.size() != 4) {
      errors.push_back({Severity::error, error_code::csv, where, "a row has 4 fields",
                        std::to_string(rec.fields.size()),
                        fmt::format("{}: expected 4 fields, found {}", where, rec.fields.size())});
      continue;
    }
    PriceRow row{rec.fields[0], 0.0, rec.fields[2], rec.fields[3]};
    const std::string& p = rec.fields[1];
    const auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), row.usd_per_hour);
    if (ec != std::errc() || ptr != p.data() + p.size() || p.empty()) {
      errors.push_back({Severity::error, error_code::type, where, "usd_per_hour must be a number", p,
                        fmt::format("{}: usd_per_hour '{}' is not a number", where, p)});
      continue;
    }
    if (!std::isfinite(row.usd_per_hour) || row.usd_per_hour < 0.0) {
      errors.push_back({Severity::error, error_code::range, where, "usd_per_hour must be >= 0", p,
                        fmt::format("{}: usd_per_hour {} must be a finite number >= 0", where, p)});
      continue;
    }
    if (row.instance_type.empty()) {
      errors.push_back({Severity::error, error_code::required, where, "instance_type must not be empty",
                        "", fmt::format("{}: instance_type is empty", where)});
      continue;
    }
    if (!seen.insert(row.instance_type).second) {
      errors.push_back({Severity::error, error_code::duplicate, where, "one row per instance type",
                        row.instance_type,
                        fmt::format("{}: {} is listed twice", where, row.instance_type)});
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (has_errors(errors)) throw InputError(std::move(errors));
  return rows;
}

std::vector<std::string> shipped_price_regions() {
  std::vector<std::string> out;
  for (const auto& t : detail::embedded_price_tables()) out.emplace_back(t.region);
  return out;
}

std::string shipped_price_file(std::string_view region) {
  for (const auto& t : detail::embedded_price_tables())
    if (t.region == region) return fmt::format("prices-{}.csv", region);
  return {};
}

std::vector<PriceRow> shipped_price_rows(std::string_view region) {
  for (const auto& t : detail::embedded_price_tables())
    if (t.region == region) return parse_price_csv(t.text(), shipped_price_file(region));
  return {};
}

std::vector<PriceRow> default_price_rows() { return shipped_price_rows("us-east-1"); }

PriceTable to_price_table(const std::vector<PriceRow>& rows) {
  PriceTable t;
  for (const auto& r : rows) t.emplace(r.instance_type, r.usd_per_hour);
  return t;
}

PriceTable default_prices() { return to_price_table(default_price_rows()); }

}  // namespace shiftsim

namespace shiftsim::detail {

std::string_view embedded_price_table() noexcept {
  for (const auto& t : embedded_price_tables())
    if (t.region == "us-east-1") return t.text();
  return {};
}

}  // namespace shiftsim::detail
