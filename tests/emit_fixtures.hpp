#pragma once
// Shared inputs and helpers of the emit tests (test_emit.cpp: options -> request;
// test_emit_renderers.cpp: the renderers, checked by running bash and reading them back).
#include "shiftsim/aws_write.hpp"
#include "shiftsim/emit.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace emit_fixtures {

// Runs `script` with bash and returns its stdout.
inline std::string run_bash(const std::string& script) {
  char path[] = "/tmp/shiftsim_test_emit_XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  ::close(fd);
  {
    std::ofstream out(path, std::ios::binary);
    out << script;
  }
  std::string output;
  FILE* p = ::popen((std::string("bash ") + path).c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, n);
  const int status = ::pclose(p);
  std::remove(path);
  REQUIRE(status == 0);
  return output;
}

inline std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\0') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// The argv a shell passes to `aws` for this command line.
inline std::vector<std::string> argv_of_line(const std::string& line) {
  return split_nul(run_bash("aws() { printf '%s\\0' \"$@\"; }\n" + line));
}

template <typename F>
shiftsim::Diagnostics errors_of(F&& f) {
  try {
    f();
  } catch (const shiftsim::InputError& e) {
    return e.diagnostics();
  }
  FAIL("no InputError thrown");
  return {};
}

inline shiftsim::emit::EmitOptions base(shiftsim::Strategy s) {
  shiftsim::emit::EmitOptions o;
  o.strategy = s;
  o.endpoint_name = "ep";
  o.endpoint_config_name = "ep-v2";
  o.wait = 600;
  return o;
}


}  // namespace emit_fixtures
