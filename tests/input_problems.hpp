#pragma once
// Test helpers for input that must be refused: the diagnostics of the InputError a call throws (or
// only the first one's code), whether they hold a code at a path, and a listing of them for
// failure messages.
#include "shiftsim/diagnostic.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace shiftsim::test {

/// The diagnostics of the InputError `f()` throws. Fails the test case when `f` returns; any
/// other exception propagates (and fails it too).
template <class F>
Diagnostics problems(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  FAIL("no InputError thrown");
  return {};
}

/// The code of the first diagnostic of the InputError `f()` throws, or "none" when `f` returns:
/// for CHECK(first_code(...) == code), which lets the test case go on.
template <class F>
std::string first_code(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.diagnostics().at(0).code;
  }
  return "none";
}

/// Whether `ds` holds a diagnostic with `code` at `path`.
inline bool has(const Diagnostics& ds, const std::string& code, const std::string& path) {
  for (const auto& d : ds)
    if (d.code == code && d.path == path) return true;
  return false;
}

/// One line per diagnostic, "<severity> <code> <path>: <message>", for INFO().
inline std::string dump(const Diagnostics& ds) {
  std::string s;
  for (const auto& d : ds)
    s += (d.severity == Severity::error ? "error " : "warning ") + d.code + " " + d.path + ": " +
         d.message + "\n";
  return s;
}

}  // namespace shiftsim::test
