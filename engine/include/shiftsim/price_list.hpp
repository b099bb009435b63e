#pragma once
// Reading the AWS Price List API's answer for SageMaker: what
//
//   aws pricing get-products --region us-east-1 --service-code AmazonSageMaker
//     --filters Type=TERM_MATCH,Field=regionCode,Value=eu-central-1
//               Type=TERM_MATCH,Field=component,Value=Hosting
//
// prints (GetProducts, API version 2017-10-15): `{"FormatVersion": "aws_v1", "PriceList": [...],
// "NextToken": ...}`, where each PriceList entry is one product (SKU) with its terms, as a JSON
// string (the API's and the AWS CLI's form) or as an object (SDKs that decode it; YAML output):
//
//   {"product": {"productFamily": "ML Instance", "sku": "JDZQJFUVUR8SUWHS",
//                "attributes": {"regionCode": "us-east-1", "location": "US East (N. Virginia)",
//                               "instanceName": "ml.m5.xlarge",
//                               "instanceType": "ml.m5.xlarge-Hosting", "component": "Hosting",
//                               "usagetype": "USE1-Host:ml.m5.xlarge",
//                               "operation": "RunInstance", "servicecode": "AmazonSageMaker",
//                               ...}},
//    "serviceCode": "AmazonSageMaker",
//    "terms": {"OnDemand": {"SKU.OFFER": {"priceDimensions": {"SKU.OFFER.RATE": {
//                 "unit": "Hrs", "pricePerUnit": {"USD": "0.2300000000"},
//                 "beginRange": "0", "endRange": "Inf",
//                 "description": "$0.23 per Hosting ml.m5.xlarge hour in US East (N. Virginia)"
//             }}}}},
//    "version": "...", "publicationDate": "..."}
//
// Sources for this shape (docs/prices.md cites them in full): the AWS CLI reference of
// `pricing get-products` (PriceList: "a list of JSON strings", FormatVersion aws_v1); Amazon's
// own lookups of SageMaker hosting prices, which filter on component=Hosting, instanceName and
// regionCode and read terms.OnDemand.*.priceDimensions.* with unit "Hrs" (awslabs/llmeter
// llmeter/callbacks/cost/providers/sagemaker.py), and on productFamily "ML Instance", whose
// instanceType reads "ml.p3.2xlarge-Hosting"; and published get-products output for SageMaker
// hosting ("USE2-Host:ml.g6.xlarge 1.1267000000 Hrs | $1.1267 per Hosting ml.g6.xlarge hour in
// US East (Ohio)", xbill9/sagemaker-gemma, 2026-09-25).
//
// Which entries count: SageMaker real-time hosting only, i.e. entries whose usage type is
// `<region prefix>-Host:<instance type>` (the usage type SageMaker bills endpoint instance-hours
// under; asynchronous inference endpoints bill the same one). Training (`Train:`), notebooks
// (`Notebk:`), processing (`Processing:`), batch transform (`Tsform:`), Studio, serverless
// inference and storage entries are other prices, skipped and counted. When present,
// `component` must be "Hosting", `operation` "RunInstance" and `instanceName` the usage type's
// instance type; otherwise the entry is skipped as not hosting (never guessed). The price is the
// OnDemand term's dimension with unit "Hrs" and a USD price (of several tiers, the one that ends
// at "Inf"); an entry with no OnDemand term is skipped (Reserved or Savings Plans only).
//
// Budget: the document is read by parse_tree() within input_limits.hpp's budget (1 MiB, ...), and
// each PriceList string is parsed again within the same budget; one region's hosting prices,
// filtered as above, fit it (about 1.5 KB per entry). Give one file per region for more.
#include "shiftsim/diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// One SageMaker hosting price of a Price List.
struct PriceListEntry {
  std::string region;         ///< regionCode (or the region of `location`), e.g. "eu-central-1"
  std::string instance_type;  ///< "ml.m5.xlarge"
  double usd_per_hour = 0.0;  ///< >= 0
  std::string usage_type;     ///< "EUC1-Host:ml.m5.xlarge"
  std::string sku;            ///< product.sku, when given
  std::string path;           ///< where in the document: "PriceList[3]"
};

struct PriceList {
  std::string origin;                     ///< the file's name, for messages and listings
  std::vector<PriceListEntry> entries;    ///< hosting prices, in document order, one per
                                          ///< (region, instance type)
  std::size_t skipped = 0;                ///< entries that are not SageMaker hosting prices
  std::optional<std::string> publication_date;  ///< the latest publicationDate of the entries
};

/// Reads get-products output (JSON or YAML). Throws InputError listing every problem, each with
/// its path (`PriceList[3].terms.OnDemand`): the document's syntax and budget (parse_tree()'s
/// codes); E_REQUIRED for a missing member (no PriceList: not get-products output; an entry with
/// no product, attributes, terms, region, priceDimensions or hourly USD price; no hosting entry
/// at all, naming the filter that gives them); E_TYPE for a member of the wrong kind; E_RANGE
/// for a price that is not a decimal number of USD in [0, 100000]; E_DUPLICATE for an entry with
/// several different hourly prices, or two entries giving different prices to one (region,
/// instance type).
[[nodiscard]] PriceList parse_price_list(std::string_view text, std::string_view origin);

/// The region code of a Price List `location` name ("EU (Frankfurt)" -> "eu-central-1"); absent
/// for a name it does not know.
[[nodiscard]] std::optional<std::string> region_of_location(std::string_view location);

}  // namespace shiftsim
