// FlagCursor: see flag_cursor.hpp.
#include "flag_cursor.hpp"

#include <fmt/core.h>

#include <utility>

namespace shiftsim::cli {

FlagCursor::FlagCursor(const Args& args, std::string prefix)
    : args_(args), prefix_(std::move(prefix)) {}

bool FlagCursor::next() {
  if (next_ >= args_.size()) return false;
  cur_ = next_++;
  flag_ = args_[cur_];
  inline_.reset();
  if (flag_.starts_with("--"))
    if (const auto eq = flag_.find('='); eq != std::string::npos) {
      inline_ = flag_.substr(eq + 1);
      flag_.resize(eq);
    }
  return true;
}

const std::string& FlagCursor::word() const { return args_.at(cur_); }

std::string FlagCursor::value() {
  if (inline_) return *inline_;
  if (next_ >= args_.size()) throw CliUsageError(fmt::format("{}{} needs a value", prefix_, flag_));
  return args_[next_++];
}

void FlagCursor::no_value() const {
  if (inline_) throw CliUsageError(fmt::format("{}{} takes no value", prefix_, flag_));
}

std::optional<std::string> FlagCursor::take_next_if(
    const std::function<bool(std::string_view)>& accept) {
  if (next_ >= args_.size() || !accept(args_[next_])) return std::nullopt;
  return args_[next_++];
}

}  // namespace shiftsim::cli
