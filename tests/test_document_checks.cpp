// Contract amendments A6 (EndpointStatus) and A7 (documents must agree; a document of the wrong
// kind is named as what it looks like, with the place that takes it), on the AWS fixtures of
// tests/data/aws and hand-written variations.
#include "step_rows.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/document_checks.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

const DocumentPlaces kPlaces{"REQUEST-PLACE", "ENDPOINT-PLACE", "CONFIG-PLACE"};

aws::DescribeEndpoint endpoint_with(const std::string& name, const std::string& config,
                                    const std::string& status) {
  return aws::parse_describe_endpoint(
      R"({"EndpointName":")" + name + R"(","EndpointConfigName":")" + config +
          R"(","EndpointStatus":")" + status +
          R"(","ProductionVariants":[{"VariantName":"AllTraffic","CurrentInstanceCount":4}]})",
      "describe-endpoint");
}

}  // namespace

TEST_CASE("A7: each AWS document is recognised by the members only its kind has",
          "[documents][A7]") {
  using K = DocumentKind;
  CHECK(document_kind(aws_fixture("describe-endpoint.json"), aws::Format::json).kind == K::describe_endpoint);
  CHECK(document_kind(aws_fixture("describe-endpoint-config-current.json"), aws::Format::json).kind ==
        K::describe_endpoint_config);
  CHECK(document_kind(aws_fixture("describe-endpoint-config-serverless.json"), aws::Format::json).kind ==
        K::describe_endpoint_config);
  CHECK(document_kind(aws_fixture("request-canary.json"), aws::Format::json).kind ==
        K::update_endpoint_request);
  CHECK(document_kind(aws_fixture("request-linear.yaml"), aws::Format::yaml).kind ==
        K::update_endpoint_request);
  // Minimal documents: the variants' members decide.
  CHECK(document_kind(R"({"EndpointName":"e","EndpointConfigName":"c"})", aws::Format::json).kind ==
        K::update_endpoint_request);
  CHECK(document_kind(R"({"EndpointConfigName":"c","ProductionVariants":[{"VariantName":"v",
                          "InstanceType":"ml.m5.xlarge","InitialInstanceCount":1}]})",
                      aws::Format::json)
            .kind == K::describe_endpoint_config);
  CHECK(document_kind(R"({"EndpointName":"e","ProductionVariants":[{"VariantName":"v",
                          "CurrentInstanceCount":1}]})",
                      aws::Format::json)
            .kind == K::describe_endpoint);
  // No sign, a tie, not an object, not parseable: unknown.
  CHECK(document_kind("{}", aws::Format::json).kind == K::unknown);
  CHECK(document_kind(R"({"EndpointArn":"a","EndpointConfigArn":"b"})", aws::Format::json).kind ==
        K::unknown);
  CHECK(document_kind("[1, 2]", aws::Format::json).kind == K::unknown);
  CHECK(document_kind("{\"EndpointArn\": ", aws::Format::json).kind == K::unknown);
}

TEST_CASE("A7: a document of the wrong kind says what it looks like and where it goes",
          "[documents][A7]") {
  // The issue's case: describe-endpoint-config output given where describe-endpoint goes.
  const auto d = wrong_document(aws_fixture("describe-endpoint-config-current.json"), aws::Format::json,
                                DocumentKind::describe_endpoint, "current.json", kPlaces);
  REQUIRE(d);
  CHECK(d->code == "E_WRONG_DOCUMENT");
  CHECK(d->severity == Severity::error);
  CHECK(d->message ==
        "current.json looks like `aws sagemaker describe-endpoint-config` output (it has "
        "EndpointConfigArn, EnableNetworkIsolation, ProductionVariants[].InstanceType), not "
        "`aws sagemaker describe-endpoint` output: give it with CONFIG-PLACE");
  // describe-endpoint given as the request; a request given as a config.
  const auto as_request = wrong_document(aws_fixture("describe-endpoint.json"), aws::Format::json,
                                         DocumentKind::update_endpoint_request, "ep.json", kPlaces);
  REQUIRE(as_request);
  CHECK(as_request->message.find("looks like `aws sagemaker describe-endpoint` output (it has "
                                 "EndpointArn, EndpointStatus, LastDeploymentConfig)") !=
        std::string::npos);
  CHECK(as_request->message.find("give it with ENDPOINT-PLACE") != std::string::npos);
  const auto as_config = wrong_document(aws_fixture("request-canary.json"), aws::Format::json,
                                        DocumentKind::describe_endpoint_config, "r.json", kPlaces);
  REQUIRE(as_config);
  CHECK(as_config->message.find("give it with REQUEST-PLACE") != std::string::npos);
  // The right kind, or no clear sign: no problem here (the reader checks the rest).
  CHECK(!wrong_document(aws_fixture("describe-endpoint.json"), aws::Format::json,
                        DocumentKind::describe_endpoint, "ep.json", kPlaces));
  CHECK(!wrong_document("{}", aws::Format::json, DocumentKind::describe_endpoint, "x", kPlaces));
}

TEST_CASE("A7: documents that agree pass, each disagreement names both values and their sources",
          "[documents][A7]") {
  const auto req = aws::parse_update_endpoint(aws_fixture("request-canary.json"), "r");  // churn-prod -> churn-config-v2
  const auto ep = aws::parse_describe_endpoint(aws_fixture("describe-endpoint.json"), "e");  // churn-config-v1
  const auto cur = aws::parse_describe_endpoint_config(aws_fixture("describe-endpoint-config-current.json"), "c");
  const auto nxt = aws::parse_describe_endpoint_config(aws_fixture("describe-endpoint-config-new.json"), "n");
  CHECK(check_documents({&req, "req.json", &ep, "ep.json", &cur, "cur.json", &nxt, "new.json"})
            .empty());

  const auto other_ep = endpoint_with("churn-staging", "churn-config-v0", "InService");
  const auto inf1 = aws::parse_describe_endpoint_config(aws_fixture("describe-endpoint-config-inf1.json"), "i");
  const auto ds =
      check_documents({&req, "req.json", &other_ep, "ep.json", &cur, "cur.json", &inf1, "new.json"});
  REQUIRE(ds.size() == 3);
  for (const auto& d : ds) {
    CHECK(d.code == "E_MISMATCH");
    CHECK(d.severity == Severity::error);
  }
  CHECK(ds[0].path == "EndpointName");
  CHECK(ds[0].message ==
        "EndpointName is \"churn-prod\" in the request (req.json) but \"churn-staging\" in "
        "describe-endpoint (ep.json): the request updates another endpoint than the one described");
  CHECK(ds[1].path == "EndpointConfigName");
  CHECK(ds[1].message.find("\"churn-config-v2\" in the request (req.json) but "
                           "\"churn-config-inf1\" in the new config's describe-endpoint-config "
                           "(new.json)") != std::string::npos);
  CHECK(ds[2].message.find("\"churn-config-v0\" in describe-endpoint (ep.json) but "
                           "\"churn-config-v1\" in the current config's describe-endpoint-config "
                           "(cur.json)") != std::string::npos);
  // A document not given is not compared.
  CHECK(check_documents({&req, "req.json", nullptr, "", nullptr, "", &nxt, "new.json"}).empty());
}

TEST_CASE("A6: EndpointStatus decides whether the endpoint can be updated", "[documents][A6]") {
  struct Case {
    const char* status;
    const char* code;  // nullptr: no diagnostic
  };
  const Case cases[] = {
      {"InService", nullptr},
      {"Failed", "E_ENDPOINT_STATUS"},
      {"Deleting", "E_ENDPOINT_STATUS"},
      {"OutOfService", "E_ENDPOINT_STATUS"},
      {"Creating", "W_ENDPOINT_NOT_IN_SERVICE"},
      {"Updating", "W_ENDPOINT_NOT_IN_SERVICE"},
      {"SystemUpdating", "W_ENDPOINT_NOT_IN_SERVICE"},
      {"RollingBack", "W_ENDPOINT_NOT_IN_SERVICE"},
      {"UpdateRollbackFailed", "W_ENDPOINT_NOT_IN_SERVICE"},
  };
  for (const auto& c : cases) {
    INFO(c.status);
    const auto ep = endpoint_with("ep", "cfg", c.status);
    const auto ds = check_documents({nullptr, "", &ep, "ep.json", nullptr, "", nullptr, ""});
    if (c.code == nullptr) {
      CHECK(ds.empty());
      continue;
    }
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].code == c.code);
    CHECK(ds[0].path == "EndpointStatus");
    CHECK(ds[0].severity == (c.code[0] == 'E' ? Severity::error : Severity::warning));
    CHECK(ds[0].message.find(c.status) != std::string::npos);
    CHECK(ds[0].message.find("ep.json") != std::string::npos);
  }
}
