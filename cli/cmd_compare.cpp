// `shiftsim compare`: two or more configs of one endpoint side by side. The configs are the base
// request (a scenario's request:, --request, --cli-input-json or the AWS CLI's flags), every
// REQUEST file named after the flags, and every --with "FLAGS" (the base request amended by
// emit's DeploymentConfig flags). Each runs as `simulate` runs it (the median trial) and as
// `montecarlo` runs it (--trials seeded trials), on the same endpoint, timing and prices.
#include "commands.hpp"
#include "input_files.hpp"
#include "input_flags.hpp"
#include "output/output.hpp"
#include "policy_flags.hpp"
#include "report/compare_report.hpp"
#include "simulation_run.hpp"
#include "terminal.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/aws_write.hpp"
#include "shiftsim/code_traits.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <limits>

namespace shiftsim::cli {

namespace {

constexpr CommandInfo kInfo{
    "compare",
    "compare two or more configs of one endpoint side by side: duration, P95, cost, rollback",
    "shiftsim compare [inputs as simulate] [REQUEST...] [--with FLAGS]... [--trials N] [--seed S]",
    "Runs each config on the same endpoint, timing and prices, as `simulate` runs it (the median\n"
    "trial: outcome, duration, peak, cost, extra cost, what a trip at each bake would cost) and\n"
    "as `montecarlo` runs it (P50/P95/P99 completion, P(timeout), P(rollback)), and shows them\n"
    "side by side: figures in rows, configs in columns. The configs: the base request (the\n"
    "scenario's request:, --request, --cli-input-json/yaml or the AWS CLI's own flags), each\n"
    "REQUEST file (an UpdateEndpointInput, JSON or YAML; - is stdin), and each --with FLAGS: the\n"
    "base request amended by `emit`'s DeploymentConfig flags. At least two are needed.",
    "shiftsim compare --scenario scenarios/gpu-llm-canary.yaml \\\n"
    "    --with '--strategy linear --linear-step 20% --wait 300' --with '--strategy all-at-once'\n"
    "shiftsim compare --scenario endpoint.yaml canary.json rolling.yaml --output csv\n"
    "shiftsim compare --scenario s.yaml --with '--wait 300' --report compare.html",
    "0 ok, 2 invalid input (fewer than two configs, a bad request or flag), 3 output not writable",
};

/// One config before it runs.
struct Config {
  std::string label, source;
  std::string request_json;
};

class Compare final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_input_flags(options, inputs_);
    options.group("configs")
        .add("with", repeated(variants_), "FLAGS",
             "a config: the base request amended by emit's DeploymentConfig flags, e.g. "
             "'--strategy rolling --batch-size 10% --wait 300' (repeatable)")
        .add("trials", integer(trials_, 1, 10'000'000), "N",
             "Monte Carlo trials per config (default 10000)")
        .add("seed", integer(seed_, 0, std::numeric_limits<std::uint64_t>::max()), "S",
             "their seed (default 1; every config gets the same)")
        .add("threads", integer(threads_, 1, 1024), "T", "worker threads (default: all cores)");
    options.positional("REQUEST", repeated(files_, Completion::file),
                       "a config: an UpdateEndpointInput file (JSON or YAML), - for stdin");
    declare_output_flags(options, output_,
                         {"figures in rows, configs in columns", "one row per figure", true,
                          "the same table, the best value of each figure marked, each request"});
  }

  int run(Diagnostics errors) override {
    RunSources base = read_run_sources(inputs_, errors, true);
    std::vector<Config> configs = collect_configs(base, errors);
    if (configs.size() < 2 && errors.empty())
      errors.push_back(error_diagnostic(
          error_code::required, "REQUEST", "two or more configs", fmt::format("{}", configs.size()),
          fmt::format("compare: {} config(s) given; compare needs two or more: a base request "
                      "(--scenario's request:, --request, --cli-input-json) and REQUEST files or "
                      "--with FLAGS",
                      configs.size())));
    throw_if_any(std::move(errors));
    CompareReport report;
    report.trials = trials_;
    report.seed = seed_;
    if (inputs_.scenario) report.source = input_name(*inputs_.scenario);
    for (auto& c : configs) report.columns.push_back(run_config(base, c, report));
    return render(report);
  }

 private:
  /// The base request, the files and the variants, each as the request JSON the AWS CLI would
  /// send; problems appended to `errors`.
  std::vector<Config> collect_configs(const RunSources& base, Diagnostics& errors) const {
    std::vector<Config> out;
    std::string base_json;
    std::string base_name = "base";
    if (base.given.request_given) base_json = base.given.request_json;
    else if (base.scenario && base.scenario->request_json) base_json = *base.scenario->request_json;
    if (inputs_.request.request) base_name = input_name(*inputs_.request.request);
    if (!base_json.empty()) out.push_back({base_name, base_name, base_json});
    for (const auto& f : files_) {
      try {
        const std::string text = read_input(f, "REQUEST");
        const std::string name = input_name(f);
        const auto request = aws::parse_update_endpoint(text, name, aws::detect_format(text, name));
        out.push_back({std::filesystem::path(name).filename().string(), name,
                       aws::write_update_endpoint_json(request)});
      } catch (const InputError& e) {
        append_diagnostics(errors, e.diagnostics());
      }
    }
    for (const auto& v : variants_) {
      try {
        if (base_json.empty())
          throw_input_error(error_code::required, "--with", "a base request", "",
                            "--with amends the base request: give one (--request, "
                            "--cli-input-json, the scenario's request:)");
        out.push_back({v, "--with " + v, variant_json(base_json, v)});
      } catch (const InputError& e) {
        append_diagnostics(errors, e.diagnostics());
      }
    }
    return out;
  }

  /// The base request amended by one --with's flags, validated as `emit` validates.
  static std::string variant_json(const std::string& base_json, const std::string& flags) {
    PolicyFlags policy;
    OptionSet options("compare --with");
    declare_policy_flags(options, policy);
    throw_if_any(options.parse(split_words(flags, "--with")));
    const auto request =
        emit::build_request(overlay(request_options(base_json, ""), policy), flag_namer());
    try {
      return aws::write_update_endpoint_json(
          aws::parse_update_endpoint(emit::render_validated(request, emit::Format::cli_input_json)
                                         .text,
                                     "--with", aws::Format::json));
    } catch (const InputError& e) {
      throw InputError(with_flags(e.diagnostics()));
    }
  }

  CompareColumn run_config(const RunSources& base, const Config& c, CompareReport& report) const {
    RunSources sources = base;
    sources.given.request_given = true;
    sources.given.request_json = c.request_json;
    const SimulationRun sim = run_simulation(std::move(sources), {}, std::nullopt, c.source);
    if (report.endpoint_name.empty()) report.endpoint_name = sim.context.endpoint_name;
    if (report.question.empty()) report.question = sim.context.question;
    MonteCarloOptions mo;
    mo.trials = trials_;
    mo.seed = seed_;
    mo.threads = threads_;
    CompareColumn col;
    col.label = c.label;
    col.source = c.source;
    col.request = sim.run.built.request;
    col.request_json = aws::write_update_endpoint_json(col.request);
    col.result = sim.result;
    // Replacing the scenario's request is what compare does: not worth a warning per config.
    std::erase_if(col.result.warnings, [](const Diagnostic& w) {
      return has_trait(w.code, CodeTrait::request_replaced);
    });
    col.risk = run_montecarlo(sim.run.built.input, sim.run.model, mo).summary;
    return col;
  }

  int render(const CompareReport& report) {
    std::string text;
    switch (output_.format) {
      case OutputFormat::csv: text = render_compare_csv(report); break;
      case OutputFormat::table: {
        const Terminal term =
            terminal_for(stdout, output_.color, output_.out && *output_.out != "-");
        text = render_compare_table(report, {term.width, term.color});
        break;
      }
      default: text = render_json_text(render_compare_json(report), output_.format);
    }
    if (output_.report) {
      HtmlReportContext ctx;
      ctx.title = fmt::format("shiftsim compare: {}", report.endpoint_name.empty()
                                                          ? std::string("UpdateEndpoint")
                                                          : report.endpoint_name);
      ctx.endpoint_name = report.endpoint_name;
      ctx.question = report.question;
      ctx.source = report.source;
      ctx.generated_by = fmt::format("shiftsim {} compare", kVersion);
      write_file_atomically(strip_file_scheme(*output_.report), render_compare_html(report, ctx));
    }
    write_output(output_, text);
    return kExitOk;
  }

  InputFlags inputs_;
  std::vector<std::string> variants_;
  std::vector<std::string> files_;
  std::uint64_t trials_ = 10'000;
  std::uint64_t seed_ = 1;
  int threads_ = 0;
  OutputFlags output_;
};

}  // namespace

CommandEntry compare_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Compare>(); }};
}

}  // namespace shiftsim::cli
