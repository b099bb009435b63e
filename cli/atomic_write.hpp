#pragma once
// Writing an output file whole or not at all.
#include <filesystem>
#include <string_view>

namespace shiftsim::cli {

/// Writes `content` to a temp file beside `path`, then renames it over `path`. On any failure
/// (missing folder, a directory at `path`, a full disk) removes the temp file and throws
/// OutputError (exit 3): an existing file is never left half-written and nothing partial remains.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace shiftsim::cli
