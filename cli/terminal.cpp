// Terminal width and colour (terminal.hpp).
#include "terminal.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cstdlib>
#include <optional>
#include <sys/ioctl.h>
#include <unistd.h>

namespace shiftsim::cli {

namespace {

std::optional<std::size_t> columns_env() {
  const char* v = std::getenv("COLUMNS");
  if (!v || !*v) return std::nullopt;
  std::size_t n = 0;
  const std::string_view s(v);
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size() || n == 0) return std::nullopt;
  return n;
}

std::optional<std::size_t> tty_columns(int fd) {
  if (::isatty(fd) != 1) return std::nullopt;
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) return std::nullopt;
  return ws.ws_col;
}

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

}  // namespace

Terminal terminal_for(std::FILE* stream, ColorMode mode, bool to_file) {
  Terminal t;
  if (to_file) return t;
  const int fd = ::fileno(stream);
  t.width = columns_env().value_or(tty_columns(fd).value_or(0));
  const char* term = std::getenv("TERM");
  const bool dumb = term && std::string_view(term) == "dumb";
  t.color = mode == ColorMode::on ||
            (mode == ColorMode::automatic && ::isatty(fd) == 1 && !env_set("NO_COLOR") && !dumb);
  return t;
}

std::size_t help_width() {
  return columns_env().value_or(tty_columns(STDOUT_FILENO).value_or(100));
}

std::string paint(std::string_view text, Tone tone, bool on) {
  if (!on) return std::string(text);
  const char* code = "1";
  switch (tone) {
    case Tone::heading: code = "1"; break;
    case Tone::good: code = "32"; break;
    case Tone::warn: code = "33"; break;
    case Tone::bad: code = "31"; break;
    case Tone::dim: code = "2"; break;
  }
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

}  // namespace shiftsim::cli
