// Bounded reading of input files and the document size check (input_limits.hpp).
#include "shiftsim/input_limits.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"

#include <fmt/core.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace shiftsim {

namespace {

[[noreturn]] void too_large(std::string_view subject, std::string_view size_text,
                            std::size_t max_bytes = kMaxDocumentBytes) {
  const std::string rule = fmt::format("at most {} bytes ({} MiB)", max_bytes, max_bytes >> 20);
  throw_input_error(error_code::size, "", rule, std::string(size_text),
                    fmt::format("{}: {}; a document has {}", subject, size_text, rule));
}

}  // namespace

void check_document_size(std::string_view text, std::string_view doc_name) {
  if (text.size() > kMaxDocumentBytes)
    too_large(doc_name.empty() ? std::string_view("the document") : doc_name,
              fmt::format("{} bytes", text.size()));
}

std::string read_input_text(const std::string& path, std::string_view what,
                            std::size_t max_bytes) {
  namespace fs = std::filesystem;
  const auto fail = [&](std::string_view reason) {
    const std::string m = fmt::format("{}: cannot read {}: {}", what, path, reason);
    throw_input_error(error_code::file, "", m, "", m);
  };
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) fail("no such file");
  if (fs::is_directory(status)) fail("is a directory, not a file");
  const std::string subject = fmt::format("{} {}", what, path);
  // A regular file's size is known: refuse it unread. Pipes and devices are read up to the limit.
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) too_large(subject, fmt::format("{} bytes", size), max_bytes);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot be opened for reading");
  std::string text;
  std::array<char, 64 * 1024> chunk{};
  while (text.size() <= max_bytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (in.bad()) fail("cannot be read");
    if (!in) break;  // end of file
  }
  if (text.size() > max_bytes) too_large(subject, fmt::format("over {} bytes", max_bytes), max_bytes);
  return text;
}

}  // namespace shiftsim
