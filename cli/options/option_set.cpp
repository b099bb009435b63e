// OptionSet: Boost.Program_options underneath (option_set.hpp).
#include "options/option_set.hpp"

#include "report/text_grid.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/nearest.hpp"
#include "shiftsim/utf8.hpp"

#include <boost/program_options.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <map>

namespace shiftsim::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kPositional = "positional words";
using Words = std::vector<std::string>;

/// Every valued flag collects its words in order (a repeated single-valued flag keeps the last,
/// as the AWS CLI does); switches take none.
po::value_semantic* semantic(const FlagInfo& f, const Value& v) {
  auto* s = po::value<Words>()->composing();
  switch (v.arity) {
    case Value::Arity::none: return s->zero_tokens();
    case Value::Arity::optional: return s->implicit_value(Words{v.implicit}, v.implicit)
                                        ->value_name(f.arg);
    case Value::Arity::words: return s->multitoken()->value_name(f.arg);
    case Value::Arity::one:
    case Value::Arity::repeated: return s->value_name(f.arg);
  }
  return s;
}

std::string po_name(const FlagInfo& f) {
  return f.short_name ? fmt::format("{},{}", f.name, f.short_name) : f.name;
}

/// The flag as typed: "--name" of "--name=value".
std::string typed_flag(const po::option& o) {
  const std::string& w = o.original_tokens.empty() ? o.string_key : o.original_tokens.front();
  return w.substr(0, w.find('='));
}

Diagnostic syntax_error(std::string path, std::string rule, std::string message) {
  return error_diagnostic(error_code::flag_syntax, std::move(path), std::move(rule), "",
                          std::move(message));
}

/// Boost's own syntax errors, in our words.
Diagnostic po_error(const po::error& e, const std::string& command) {
  if (const auto* s = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    const std::string flag = s->get_option_name();
    if (s->kind() == po::invalid_command_line_syntax::missing_parameter)
      return syntax_error(flag, "needs a value",
                          fmt::format("{}: {} needs a value", command, flag));
    if (s->kind() == po::invalid_command_line_syntax::extra_parameter)
      return syntax_error(flag, "takes no value",
                          fmt::format("{}: {} takes no value", command, flag));
  }
  return syntax_error("", "a well-formed command line", fmt::format("{}: {}", command, e.what()));
}

}  // namespace

OptionGroup& OptionGroup::add(std::string_view name, Value value, std::string_view arg,
                              std::string_view help) {
  set_->add(*this, name, std::move(value), arg, help);
  return *this;
}

OptionGroup& OptionGroup::add(std::string_view name, Value value, std::string_view help) {
  set_->add(*this, name, std::move(value), "", help);
  return *this;
}

OptionSet::OptionSet(std::string command) : command_(std::move(command)) {}

OptionGroup& OptionSet::group(const std::string& caption, bool hidden) {
  for (auto& g : groups_)
    if (g->caption_ == caption) return *g;
  groups_.push_back(std::unique_ptr<OptionGroup>(new OptionGroup(*this, caption, hidden)));
  return *groups_.back();
}

std::vector<std::string> OptionSet::groups() const {
  std::vector<std::string> out;
  for (const auto& g : groups_) out.push_back(g->caption_);
  return out;
}

void OptionSet::add(const OptionGroup& group, std::string_view name, Value value,
                    std::string_view arg, std::string_view help) {
  FlagInfo f;
  const auto comma = name.find(',');
  f.name = std::string(name.substr(0, comma));
  if (comma != std::string_view::npos) f.short_name = name[comma + 1];
  f.arg = arg;
  f.help = help;
  f.arity = value.arity;
  f.completion = value.completion;
  f.choices = value.choices;
  f.group = group.caption_;
  f.hidden = group.hidden_;
  flags_.push_back(std::move(f));
  values_.push_back(std::move(value));
}

void OptionSet::positional(std::string_view arg, Value value, std::string_view help) {
  FlagInfo f;
  f.name = kPositional;
  f.arg = arg;
  f.help = help;
  f.arity = Value::Arity::repeated;
  f.completion = value.completion;
  f.choices = value.choices;
  positional_ = std::move(f);
  positional_value_ = std::move(value);
}

po::options_description OptionSet::descriptions() const {
  po::options_description all;
  all.add_options()("help,h", po::value<Words>()->zero_tokens()->composing(), "");
  for (std::size_t i = 0; i < flags_.size(); ++i)
    all.add_options()(po_name(flags_[i]).c_str(), semantic(flags_[i], values_[i]), "");
  if (positional_) all.add_options()(kPositional, po::value<Words>()->composing(), "");
  return all;
}

std::vector<po::option> OptionSet::known_options(const std::vector<po::option>& parsed,
                                                 Diagnostics& errors) const {
  // Unknown flags (with the nearest names) and stray words; the word right after an unknown
  // flag is taken as its value, not reported again.
  std::vector<std::string> names;
  for (const auto& f : flags_)
    if (!f.hidden) names.push_back("--" + f.name);
  std::vector<po::option> kept;
  bool after_unknown = false;
  for (const auto& o : parsed) {
    if (o.unregistered) {
      const std::string flag = typed_flag(o);
      std::string hint = did_you_mean(nearest_names(flag, names));
      if (hint.empty() && elsewhere)
        if (const std::string other = elsewhere(flag); !other.empty())
          hint = fmt::format(" ({} is a flag of {})", flag, other);
      errors.push_back(error_diagnostic(
          error_code::unknown_flag, flag, fmt::format("a flag of shiftsim {}", command_), "",
          fmt::format("{}: unknown flag {}{}; see 'shiftsim {} --help'", command_, flag, hint,
                      command_)));
      after_unknown = o.value.empty();
      continue;
    }
    const bool word = o.position_key >= 0;
    if (word && after_unknown) {
      after_unknown = false;
      continue;
    }
    after_unknown = false;
    if (word && !positional_) {
      const std::string& w = o.original_tokens.empty() ? o.value.front() : o.original_tokens[0];
      errors.push_back(syntax_error(w, "a flag", fmt::format(
          "{}: unexpected argument '{}'; see 'shiftsim {} --help'", command_, w, command_)));
      continue;
    }
    kept.push_back(o);
  }
  return kept;
}

void OptionSet::bind(const po::variables_map& vm, Diagnostics& errors) {
  std::vector<std::string> from_stdin;  // the flags given `-`: standard input is read once
  for (std::size_t i = 0; i < flags_.size(); ++i)
    if (const auto it = vm.find(flags_[i].name); it != vm.end()) {
      const auto& words = it->second.as<Words>();
      // A repeatable flag reads every word it is given; any other flag its last.
      const bool every = values_[i].arity == Value::Arity::repeated;
      if (values_[i].reads_stdin && !words.empty())
        for (std::size_t k = every ? 0 : words.size() - 1; k < words.size(); ++k)
          if (words[k] == "-") from_stdin.push_back("--" + flags_[i].name);
      values_[i].bind("--" + flags_[i].name, words, errors);
    }
  if (positional_)
    if (const auto it = vm.find(kPositional); it != vm.end()) {
      for (const auto& w : it->second.as<Words>())
        if (w == "-") from_stdin.push_back(positional_->arg);
      positional_value_->bind(positional_->arg, it->second.as<Words>(), errors);
    }
  if (from_stdin.size() < 2) return;
  std::string list;
  for (std::size_t i = 0; i < from_stdin.size(); ++i)
    list.append(i == 0 ? "" : i + 1 == from_stdin.size() ? " and " : ", ").append(from_stdin[i]);
  errors.push_back(error_diagnostic(
      error_code::flag_conflict, from_stdin[1], "one flag reads standard input", "\"-\"",
      fmt::format("{}: {} {} read standard input (-): give all but one of them a file",
                  command_, list, from_stdin.size() == 2 ? "both" : "all")));
}

Diagnostics OptionSet::parse(const Args& args) {
  Diagnostics errors;
  for (std::size_t i = 0; i < args.size(); ++i)
    if (auto bad = utf8_problem(args[i], "", fmt::format("argument {}", i + 1)))
      errors.push_back(std::move(*bad));
  if (!errors.empty()) return errors;
  const po::options_description all = descriptions();
  po::positional_options_description pos;
  if (positional_) pos.add(kPositional, -1);
  po::parsed_options parsed(&all);
  try {
    po::command_line_parser parser(args);
    parser.options(all)
        .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
        .allow_unregistered();
    if (positional_) parser.positional(pos);  // else stray words stay words, reported below
    parsed = parser.run();
  } catch (const po::error& e) {
    errors.push_back(po_error(e, command_));
    return errors;
  }
  po::parsed_options kept(&all);
  kept.options = known_options(parsed.options, errors);
  po::variables_map vm;
  try {
    po::store(kept, vm);
  } catch (const po::error& e) {
    errors.push_back(po_error(e, command_));
    return errors;
  }
  help_ = vm.count("help") > 0;
  bind(vm, errors);
  return errors;
}

std::string OptionSet::help(std::size_t width) const {
  width = std::clamp<std::size_t>(width, 60, 160);
  // One name column for every group: "  -o, --output FORMAT", at most a third of the width
  // (longer names put their description on the next line).
  auto name_of = [](const FlagInfo& f) {
    std::string n = f.short_name ? fmt::format("-{}, --{}", f.short_name, f.name)
                                 : fmt::format("    --{}", f.name);
    if (f.arity == Value::Arity::optional) n += fmt::format(" [{}]", f.arg);
    else if (!f.arg.empty()) n += " " + f.arg;
    return n;
  };
  std::size_t column = 0;
  for (const auto& f : flags_)
    if (!f.hidden) column = std::max(column, name_of(f).size());
  column = std::min(column + 4, width / 3);
  std::string out;
  for (const auto& g : groups_) {
    if (g->hidden_) continue;
    out += g->caption_ + ":\n";
    for (const auto& f : flags_) {
      if (f.group != g->caption_) continue;
      std::string line = "  " + name_of(f);
      std::string rest(column, ' ');
      if (line.size() + 2 > column) {
        out += line + "\n";
        line = rest;
      } else {
        line.resize(column, ' ');
      }
      out += hanging(line, f.help, rest, width);
    }
    out += "\n";
  }
  return out;
}

}  // namespace shiftsim::cli
