// The output flags and documents (output.hpp).
#include "output/output.hpp"

#include "atomic_write.hpp"
#include "diagnostics_output.hpp"
#include "input_files.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <cctype>
#include <cstdio>

namespace shiftsim::cli {

namespace {

const Choices<OutputFormat> kAllFormats = {
    {"table", OutputFormat::table}, {"json", OutputFormat::json}, {"yaml", OutputFormat::yaml},
    {"yaml-stream", OutputFormat::yaml}, {"text", OutputFormat::text}, {"csv", OutputFormat::csv},
    {"sarif", OutputFormat::sarif}};

bool ends_with_folded(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

/// --report writes HTML: a name that says otherwise (r.pdf) is refused rather than mislabelled.
std::string report_path(std::string_view value, std::string_view flag) {
  const std::string path = strip_file_scheme(value);
  if (!ends_with_folded(path, ".html") && !ends_with_folded(path, ".htm"))
    throw_input_error(error_code::pattern, std::string(flag), "a file name ending in .html",
                      fmt::format("\"{}\"", value),
                      fmt::format("{}: writes an HTML page, so the file name must end in .html "
                                  "(or .htm), got '{}'",
                                  flag, value));
  return path;
}

}  // namespace

std::string_view to_string(OutputFormat f) noexcept {
  switch (f) {
    case OutputFormat::table: return "table";
    case OutputFormat::json: return "json";
    case OutputFormat::yaml: return "yaml";
    case OutputFormat::text: return "text";
    case OutputFormat::csv: return "csv";
    case OutputFormat::sarif: return "sarif";
  }
  return "table";
}

void declare_output_flags(OptionSet& options, OutputFlags& f, const OutputSpec& spec,
                          std::string_view sarif) {
  Choices<OutputFormat> formats;
  for (const auto& c : kAllFormats)
    if ((c.second != OutputFormat::csv || !spec.csv.empty()) &&
        (c.second != OutputFormat::sarif || !sarif.empty()))
      formats.push_back(c);
  std::string help = fmt::format(
      "table: {} (default); json: the document; yaml: the same as YAML; text: the same as the "
      "AWS CLI's tab-separated text",
      spec.table);
  if (!spec.csv.empty()) help += "; csv: " + spec.csv;
  if (!sarif.empty()) help += fmt::format("; sarif: {}", sarif);
  auto& g = options.group("output");
  Value format = choice(f.format, formats);
  format.bind = [&f, bind = std::move(format.bind)](std::string_view flag, const auto& words,
                                                    Diagnostics& errors) {
    f.format_given = true;
    bind(flag, words, errors);
  };
  std::erase(format.choices, "yaml-stream");  // accepted (the AWS CLI's), not offered
  g.add("output,o", std::move(format), "FORMAT", help);
  if (spec.out)
    g.add("out", output_file(f.out), "FILE", "write the output to FILE (atomically) instead of "
                                            "stdout");
  if (!spec.report.empty()) {
    Value report = parsed<std::string>(f.report, report_path);
    report.completion = Completion::file;
    g.add("report", std::move(report), "FILE.html",
          "also write a self-contained HTML page: " + spec.report);
  }
  g.add("color", choice(f.color, Choices<ColorMode>{{"auto", ColorMode::automatic},
                                                    {"on", ColorMode::on},
                                                    {"off", ColorMode::off}}),
        "WHEN", "colour in tables: auto (on a terminal, unless NO_COLOR is set), on or off");
}

OutputFormat prescan_output(const Args& args) {
  std::vector<std::string> names;
  for (const auto& c : kAllFormats) names.push_back(c.first);
  OutputFormat f = OutputFormat::table;
  auto take = [&](std::string_view v) {
    if (const auto i = match_choice(v, names)) f = kAllFormats[*i].second;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if ((a == "--output" || a == "-o") && i + 1 < args.size()) take(args[i + 1]);
    else if (a.starts_with("--output=")) take(std::string_view(a).substr(9));
    else if (a.starts_with("-o") && a.size() > 2 && a[2] != '-')
      take(std::string_view(a).substr(2));
  }
  return f;
}

void write_output(const OutputFlags& flags, std::string_view text) {
  if (flags.out && *flags.out != "-") {
    write_file_atomically(strip_file_scheme(*flags.out), text);
    return;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (std::fflush(stdout) != 0) throw OutputError("cannot write to standard output");
}

std::string render_document(const nlohmann::ordered_json& doc, OutputFormat format) {
  switch (format) {
    case OutputFormat::yaml: return to_yaml(doc);
    case OutputFormat::text: return to_aws_text(doc);
    default:
      return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
}

std::string render_json_text(std::string_view json_text, OutputFormat format) {
  if (format == OutputFormat::json) {
    std::string s(json_text);
    if (s.empty() || s.back() != '\n') s += '\n';
    return s;
  }
  return render_document(nlohmann::ordered_json::parse(json_text), format);
}

nlohmann::ordered_json error_document(std::string_view command, int exit_code,
                                      const Diagnostics& diagnostics) {
  std::size_t errors = 0;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) ++errors;
  nlohmann::ordered_json j;
  j["schema"] = "shiftsim.error/v1";
  j["command"] = command;
  j["exit_code"] = exit_code;
  j["errors"] = errors;
  j["warnings"] = diagnostics.size() - errors;
  j["diagnostics"] = nlohmann::ordered_json::parse(diagnostics_json(diagnostics));
  return j;
}

}  // namespace shiftsim::cli
