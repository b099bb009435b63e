// What an AWS document looks like (document_checks.hpp, amendment A7).
#include "shiftsim/document_checks.hpp"

#include "aws_tree.hpp"
#include "json_tree.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <array>
#include <string_view>
#include <vector>

namespace shiftsim {

namespace {

using detail::Json;
using detail::member;

constexpr std::size_t kKinds = 4;

/// Members only one kind has (DescribeEndpointOutput, DescribeEndpointConfigOutput and
/// UpdateEndpointInput of the SageMaker model).
struct Sign {
  std::string_view key;
  DocumentKind kind;
};
constexpr std::array<Sign, 14> kTopSigns{{
    {"EndpointArn", DocumentKind::describe_endpoint},
    {"EndpointStatus", DocumentKind::describe_endpoint},
    {"LastDeploymentConfig", DocumentKind::describe_endpoint},
    {"PendingDeploymentSummary", DocumentKind::describe_endpoint},
    {"FailureReason", DocumentKind::describe_endpoint},
    {"LastModifiedTime", DocumentKind::describe_endpoint},
    {"EndpointConfigArn", DocumentKind::describe_endpoint_config},
    {"KmsKeyId", DocumentKind::describe_endpoint_config},
    {"ExecutionRoleArn", DocumentKind::describe_endpoint_config},
    {"EnableNetworkIsolation", DocumentKind::describe_endpoint_config},
    {"DeploymentConfig", DocumentKind::update_endpoint_request},
    {"RetainAllVariantProperties", DocumentKind::update_endpoint_request},
    {"ExcludeRetainedVariantProperties", DocumentKind::update_endpoint_request},
    {"RetainDeploymentConfig", DocumentKind::update_endpoint_request},
}};
/// Members of ProductionVariants[] items: ProductionVariantSummary vs ProductionVariant.
constexpr std::array<Sign, 9> kVariantSigns{{
    {"CurrentInstanceCount", DocumentKind::describe_endpoint},
    {"DesiredInstanceCount", DocumentKind::describe_endpoint},
    {"CurrentWeight", DocumentKind::describe_endpoint},
    {"DeployedImages", DocumentKind::describe_endpoint},
    {"CurrentServerlessConfig", DocumentKind::describe_endpoint},
    {"InstanceType", DocumentKind::describe_endpoint_config},
    {"InitialInstanceCount", DocumentKind::describe_endpoint_config},
    {"ModelName", DocumentKind::describe_endpoint_config},
    {"ServerlessConfig", DocumentKind::describe_endpoint_config},
}};

}  // namespace

const char* to_string(DocumentKind kind) noexcept {
  switch (kind) {
    case DocumentKind::unknown: return "an unknown document";
    case DocumentKind::update_endpoint_request:
      return "an UpdateEndpoint request (update-endpoint --cli-input-json)";
    case DocumentKind::describe_endpoint: return "`aws sagemaker describe-endpoint` output";
    case DocumentKind::describe_endpoint_config:
      return "`aws sagemaker describe-endpoint-config` output";
  }
  return "?";
}

DocumentSigns document_kind(std::string_view text, aws::Format format) {
  Diagnostics ignored;
  const auto tree = detail::parse_tree(text, format, "", ignored);
  if (!tree || !tree->is_object()) return {};
  std::array<int, kKinds> points{};
  std::array<std::vector<std::string>, kKinds> shown;
  const auto score = [&](DocumentKind k, std::string what) {
    const auto i = static_cast<std::size_t>(k);
    ++points[i];
    shown[i].push_back(std::move(what));
  };
  for (const auto& s : kTopSigns)
    if (member(*tree, s.key) != nullptr) score(s.kind, std::string(s.key));
  const Json* pvs = member(*tree, "ProductionVariants");
  if (pvs != nullptr && pvs->is_array())
    for (const auto& s : kVariantSigns)
      for (const auto& v : *pvs)
        if (member(v, s.key) != nullptr) {
          score(s.kind, fmt::format("ProductionVariants[].{}", s.key));
          break;
        }
  // A request names the endpoint and its config and lists no variants.
  if (pvs == nullptr && member(*tree, "EndpointName") != nullptr &&
      member(*tree, "EndpointConfigName") != nullptr)
    score(DocumentKind::update_endpoint_request, "EndpointName and EndpointConfigName only");
  std::size_t best = 0;
  bool tie = false;
  for (std::size_t i = 1; i < kKinds; ++i) {
    if (points[i] > points[best]) {
      best = i;
      tie = false;
    } else if (points[i] == points[best]) {
      tie = true;
    }
  }
  if (best == 0 || tie) return {};
  std::string evidence;
  for (std::size_t i = 0; i < shown[best].size() && i < 3; ++i)
    evidence += (i == 0 ? "" : ", ") + shown[best][i];
  return DocumentSigns{static_cast<DocumentKind>(best), evidence};
}

std::optional<Diagnostic> wrong_document(std::string_view text, aws::Format format,
                                         DocumentKind expected, std::string_view doc_name,
                                         const DocumentPlaces& places) {
  const DocumentSigns got = document_kind(text, format);
  if (got.kind == DocumentKind::unknown || got.kind == expected) return std::nullopt;
  const std::string& place = got.kind == DocumentKind::update_endpoint_request ? places.request
                             : got.kind == DocumentKind::describe_endpoint    ? places.endpoint
                                                                               : places.endpoint_config;
  const std::string name = doc_name.empty() ? std::string("the document") : std::string(doc_name);
  return Diagnostic{
      Severity::error, error_code::wrong_document, "",
      fmt::format("must be {}", to_string(expected)), std::string(to_string(got.kind)),
      fmt::format("{} looks like {} (it has {}), not {}: give it with {}", name,
                  to_string(got.kind), got.evidence, to_string(expected), place)};
}

}  // namespace shiftsim
