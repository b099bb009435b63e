// libFuzzer target: the IaC readers (a Terraform plan, a CloudFormation template in JSON or YAML)
// and the check's quota reader. Any input must give a document or an InputError: never a crash,
// a hang or runaway memory. The first byte picks the reader.
#include "shiftsim/check.hpp"
#include "shiftsim/iac/cloudformation.hpp"
#include "shiftsim/iac/terraform_plan.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: (void)shiftsim::iac::read_terraform_plan(text, "plan.json"); break;
      case 1: (void)shiftsim::iac::read_cloudformation(text, "template", {{"Env", "prod"}}); break;
      default: (void)shiftsim::check::parse_service_quotas(text, "quotas.json"); break;
    }
  } catch (const shiftsim::InputError&) {
  }
  return 0;
}
