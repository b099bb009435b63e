#pragma once
// Walks a command's words, flag by flag:
//
//   for (FlagCursor c(args); c.next();) {
//     if (c.flag() == "--seed") seed = c.value();   // `--seed 7` or `--seed=7`
//     else rest.push_back(c.word());                 // not ours: passed on as given
//   }
//
// Only words starting with `--` are split at their first '='; `-o`, values and other words are
// taken whole. A missing value is a CliUsageError "<prefix><flag> needs a value" (exit 2).
#include "commands.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::cli {

class FlagCursor {
 public:
  /// `prefix` starts usage messages, e.g. "emit: ". `args` must outlive the cursor.
  explicit FlagCursor(const Args& args, std::string prefix = {});

  /// Moves to the next word; false when none is left.
  bool next();
  /// The flag: the word, or its part before '=' for `--name=value`.
  [[nodiscard]] const std::string& flag() const noexcept { return flag_; }
  /// The word as given (`--name=value` whole).
  [[nodiscard]] const std::string& word() const;
  /// The value given after '=' in this word, if any.
  [[nodiscard]] const std::optional<std::string>& inline_value() const noexcept {
    return inline_;
  }
  /// The flag's value: the inline one, else the next word (consumed).
  [[nodiscard]] std::string value();
  /// For flags without a value: CliUsageError "<prefix><flag> takes no value" on `--flag=x`.
  void no_value() const;
  /// Consumes and returns the next word when there is one and `accept` approves it (optional
  /// values, shorthand lists spread over several words).
  [[nodiscard]] std::optional<std::string> take_next_if(
      const std::function<bool(std::string_view)>& accept);

 private:
  const Args& args_;
  std::string prefix_;
  std::size_t next_ = 0;  ///< index of the word after the current one
  std::size_t cur_ = 0;
  std::string flag_;
  std::optional<std::string> inline_;
};

}  // namespace shiftsim::cli
