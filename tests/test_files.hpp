#pragma once
// Reading the repository's own files in tests: data under tests/data, shipped tables, sources.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace shiftsim::test {

/// The bytes of `relative` (a path under the source tree, e.g. "tests/data/aws/x.json").
/// Fails the test case, naming the path, when the file cannot be opened: a missing fixture is
/// never read as an empty document.
inline std::string read_source_file(const std::string& relative) {
  const std::string path = std::string(SHIFTSIM_SOURCE_DIR "/") + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("cannot open " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace shiftsim::test
