// `shiftsim merge OUTDIR... --out FILE`: the shard outputs of a fleet run
// (simulate|plan|montecarlo --fleet) merged into what one unsharded run gives
// (shiftsim/fleet_merge.hpp), and the fleet report. Missing, duplicate, unfinished or foreign
// shards: exit 2, listing which. --out is the merged rows here (the spelling), not the
// report as on other commands: the report goes to stdout in the --output format, and to
// --report FILE.html.
#include "atomic_write.hpp"
#include "commands.hpp"
#include "input_files.hpp"
#include "options/option_set.hpp"
#include "output/output.hpp"
#include "report/fleet_report.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/fleet_merge.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

constexpr CommandInfo kInfo{
    "merge",
    "merge the shard outputs of a fleet run exactly; the fleet report",
    "shiftsim merge OUTDIR... [--out FILE] [--report FILE.html] [--output FORMAT]",
    "Merges the output directories of a fleet's shards (`shiftsim simulate|plan|montecarlo\n"
    "--fleet F --out OUTDIR --shard I/N`, one per task; docs/fleet.md). --out FILE gets every\n"
    "endpoint's summary row in endpoint-name order: the same bytes as OUTDIR/summary.jsonl of one\n"
    "unsharded run. The report, on stdout in the --output format: each endpoint's pick, duration, P95, cost, extra cost and findings, and the\n"
    "fleet's totals (endpoints by status, the cost of every update, the peak instances per type\n"
    "if every endpoint were updated at once). Shards missing, given twice, unfinished (rerun the\n"
    "task with --resume) or of another fleet, command or settings are refused, all listed.",
    "shiftsim merge run/shard-0 run/shard-1 run/shard-2 --out run/fleet.jsonl\n"
    "shiftsim merge run/shard-* --report run/fleet.html --output json",
    "0 ok, 2 missing, duplicate, unfinished or foreign shards, 3 output not writable",
};

class Merge final : public Command {
 public:
  void declare(OptionSet& options) override {
    options.positional("OUTDIR", repeated(dirs_), "the shards' output directories");
    options.group("merge").add("out", output_file(out_), "FILE",
                               "the merged summary rows (JSON Lines), written atomically: the "
                               "unsharded run's summary.jsonl byte for byte (`-`: on stdout, "
                               "in place of the report)");
    declare_output_flags(options, output_,
                         {"every endpoint and the fleet's totals", "one row per endpoint", false,
                          "the fleet report: totals, peak instances per type, every endpoint"});
  }

  int run(Diagnostics errors) override {
    if (dirs_.empty())
      errors.push_back(error_diagnostic(error_code::required, "OUTDIR", "at least one", "[]",
                                        "merge: give the shards' output directories"));
    throw_if_any(std::move(errors));
    std::vector<std::filesystem::path> dirs;
    for (const auto& d : dirs_) dirs.emplace_back(strip_file_scheme(d));
    const MergedFleet fleet = merge_fleet_outputs(dirs);
    const FleetTotals totals = fleet_totals(fleet.rows);
    if (out_ && *out_ == "-") {  // the rows on stdout, in place of the report
      write_output(OutputFlags{}, fleet.jsonl);
    } else if (out_) {
      write_file_atomically(strip_file_scheme(*out_), fleet.jsonl);
    }
    if (output_.report) {
      HtmlReportContext ctx;
      ctx.title = "shiftsim fleet report";
      ctx.source = fleet.fleet;
      ctx.generated_by = fmt::format("shiftsim {} merge", kVersion);
      write_file_atomically(strip_file_scheme(*output_.report),
                            render_fleet_html(fleet, totals, ctx));
    }
    if (out_ && *out_ == "-") return kExitOk;
    std::string text;
    switch (output_.format) {
      case OutputFormat::table: text = render_fleet_table(fleet, totals); break;
      case OutputFormat::csv: text = fleet_rows_csv(fleet); break;
      default: text = render_document(fleet_report_json(fleet, totals), output_.format);
    }
    write_output(output_, text);
    return kExitOk;
  }

 private:
  std::vector<std::string> dirs_;
  std::optional<std::string> out_;  ///< --out FILE: the merged rows
  OutputFlags output_;
};

}  // namespace

CommandEntry merge_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Merge>(); }};
}

}  // namespace shiftsim::cli
