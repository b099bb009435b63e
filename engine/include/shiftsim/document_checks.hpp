#pragma once
// Documents that disagree are refused, not simulated (engine contract amendments A6 and A7).
//
//   if (auto d = wrong_document(text, format, DocumentKind::describe_endpoint, name, places))
//     errors.push_back(*d);                                   // E_WRONG_DOCUMENT
//   append(errors_and_warnings, check_documents(named));     // E_MISMATCH, E_ENDPOINT_STATUS, ...
//
// - E_WRONG_DOCUMENT: a document of the wrong kind (describe-endpoint-config output given where
//   describe-endpoint output goes, describe-endpoint output given as the request, ...). The
//   message says what the document looks like, the members that show it, and where that kind of
//   document is given (DocumentPlaces: the caller's own words, e.g. its flags or scenario keys:
//   the engine knows no flag).
// - E_MISMATCH: the request's EndpointName differs from describe-endpoint's; the request's
//   EndpointConfigName from the new config's; describe-endpoint's EndpointConfigName from the
//   current config's. The message names both values and where each came from.
// - EndpointStatus (describe-endpoint): InService is updatable; Failed, Deleting, OutOfService:
//   E_ENDPOINT_STATUS (SageMaker allows only DeleteEndpoint on a failed endpoint); Creating,
//   Updating, SystemUpdating, RollingBack, UpdateRollbackFailed: W_ENDPOINT_NOT_IN_SERVICE
//   (SageMaker refuses UpdateEndpoint until the endpoint is InService; simulated as if it were).
#include "shiftsim/aws.hpp"
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace shiftsim {

/// What an AWS document looks like, from its top-level members (and its variants' members).
enum class DocumentKind {
  unknown,                   ///< no clear sign (or not an object, or not parseable)
  update_endpoint_request,   ///< UpdateEndpointInput (`update-endpoint --cli-input-json`)
  describe_endpoint,         ///< `aws sagemaker describe-endpoint` output
  describe_endpoint_config,  ///< `aws sagemaker describe-endpoint-config` output
};

/// "an UpdateEndpoint request", "`aws sagemaker describe-endpoint` output", ...
[[nodiscard]] const char* to_string(DocumentKind kind) noexcept;

/// The kind `text` looks like, and the members that show it (at most three, e.g.
/// "EndpointConfigArn, ProductionVariants[].InstanceType"). Each member that only one kind has
/// counts one point for it; the kind with the most points wins; a tie or no point is unknown.
/// A syntax error gives unknown (the caller's own parse reports it).
struct DocumentSigns {
  DocumentKind kind = DocumentKind::unknown;
  std::string evidence;
};
[[nodiscard]] DocumentSigns document_kind(std::string_view text, aws::Format format);

/// Where the caller takes each kind of document, in its user's words (for messages).
struct DocumentPlaces {
  std::string request;          ///< e.g. "--request (or --cli-input-json)"
  std::string endpoint;         ///< e.g. "--endpoint"
  std::string endpoint_config;  ///< e.g. "--current-config or --new-config"
};

/// E_WRONG_DOCUMENT when `text` (named `doc_name`, given where `expected` goes) looks like
/// another kind of document; nullopt when it looks right or unknown.
[[nodiscard]] std::optional<Diagnostic> wrong_document(std::string_view text, aws::Format format,
                                                       DocumentKind expected,
                                                       std::string_view doc_name,
                                                       const DocumentPlaces& places);

/// The documents of one update (null: not given) and where each came from (for messages).
struct NamedDocuments {
  const aws::UpdateEndpointRequest* request = nullptr;
  std::string request_source;
  const aws::DescribeEndpoint* endpoint = nullptr;
  std::string endpoint_source;
  const aws::DescribeEndpointConfig* current_config = nullptr;
  std::string current_config_source;
  const aws::DescribeEndpointConfig* new_config = nullptr;
  std::string new_config_source;
};

/// A6 and A7 on the documents given: E_MISMATCH and E_ENDPOINT_STATUS errors, then
/// W_ENDPOINT_NOT_IN_SERVICE. A name or status that is empty (not given) is not compared.
[[nodiscard]] Diagnostics check_documents(const NamedDocuments& docs);

}  // namespace shiftsim
