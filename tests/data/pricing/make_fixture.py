#!/usr/bin/env python3
"""Writes get-products-hosting.json: `aws pricing get-products --service-code AmazonSageMaker
--filters Type=TERM_MATCH,Field=component,Value=Hosting` output as the AWS CLI prints it (a
PriceList of JSON strings), for two regions, with the documented prices that docs/prices.md cites.

Run from this directory: python3 make_fixture.py
"""
import json

# (region, location, prefix, instance, usd, sku) -- every price documented (docs/prices.md).
HOSTING = [
    ("us-east-1", "US East (N. Virginia)", "USE1", "ml.m5.xlarge", "0.2300000000", "JDZQJFUVUR8SUWHS"),
    ("us-east-1", "US East (N. Virginia)", "USE1", "ml.m5.large", "0.1150000000", "SHIFTSIMFIXTURE1"),
    ("us-east-1", "US East (N. Virginia)", "USE1", "ml.m5.2xlarge", "0.4610000000", "SHIFTSIMFIXTURE2"),
    ("us-east-2", "US East (Ohio)", "USE2", "ml.g6.xlarge", "1.1267000000", "SHIFTSIMFIXTURE3"),
    ("us-east-2", "US East (Ohio)", "USE2", "ml.p5en.48xlarge", "72.7950000000", "SHIFTSIMFIXTURE4"),
]
# Not hosting: Model Monitor / processing instance-hours (USE1-Processing:ml.m5.large, $0.115).
OTHER = [
    ("us-east-1", "US East (N. Virginia)", "USE1", "ml.m5.large", "0.1150000000", "SHIFTSIMFIXTURE5",
     "Processing", "Processing"),
]


def product(region, location, prefix, instance, usd, sku, kind="Host", component="Hosting"):
    offer = "JRTCKXETXF"
    rate = "6YS6EN2CT7"
    money = usd.rstrip("0").rstrip(".")
    return {
        "product": {
            "productFamily": "ML Instance",
            "attributes": {
                "regionCode": region,
                "servicecode": "AmazonSageMaker",
                "usagetype": f"{prefix}-{kind}:{instance}",
                "locationType": "AWS Region",
                "location": location,
                "servicename": "Amazon SageMaker",
                "instanceName": instance,
                "component": component,
                "instanceType": f"{instance}-{component}",
                "operation": "RunInstance",
            },
            "sku": sku,
        },
        "serviceCode": "AmazonSageMaker",
        "terms": {
            "OnDemand": {
                f"{sku}.{offer}": {
                    "priceDimensions": {
                        f"{sku}.{offer}.{rate}": {
                            "unit": "Hrs",
                            "endRange": "Inf",
                            "description": f"${money} per {component} {instance} hour in {location}",
                            "appliesTo": [],
                            "rateCode": f"{sku}.{offer}.{rate}",
                            "beginRange": "0",
                            "pricePerUnit": {"USD": usd},
                        }
                    },
                    "sku": sku,
                    "effectiveDate": "2026-11-01T00:00:00Z",
                    "offerTermCode": offer,
                    "termAttributes": {},
                }
            }
        },
        "version": "20261101000000",
        "publicationDate": "2026-11-01T00:00:00Z",
    }


entries = [product(*h) for h in HOSTING] + [
    product(r, l, p, i, u, s, kind, comp) for (r, l, p, i, u, s, kind, comp) in OTHER
]
doc = {
    "FormatVersion": "aws_v1",
    "PriceList": [json.dumps(e, separators=(",", ":")) for e in entries],
}
with open("get-products-hosting.json", "w") as f:
    json.dump(doc, f, indent=4)
    f.write("\n")
