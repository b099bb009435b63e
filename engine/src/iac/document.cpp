// Names of the IaC enums (document.hpp).
#include "shiftsim/iac/document.hpp"

namespace shiftsim::iac {

const char* to_string(Tool t) noexcept {
  return t == Tool::terraform ? "terraform" : "cloudformation";
}

const char* to_string(Action a) noexcept {
  switch (a) {
    case Action::no_op: return "no-op";
    case Action::create: return "create";
    case Action::update: return "update";
    case Action::replace: return "replace";
    case Action::remove: return "delete";
    case Action::read: return "read";
  }
  return "?";
}

const char* to_string(Level l) noexcept {
  switch (l) {
    case Level::error: return "error";
    case Level::warning: return "warning";
    case Level::note: return "note";
  }
  return "?";
}

}  // namespace shiftsim::iac
