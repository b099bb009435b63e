#!/usr/bin/env python3
"""Writes the Terraform plan fixtures of tests/data/iac/ in the format `terraform show -json`
prints (Terraform's JSON Output Format, format_version 1.2) for the AWS provider's SageMaker
resources (attribute names of terraform-provider-aws internal/service/sagemaker/endpoint.go and
endpoint_configuration.go). Each check has a plan built to trigger it; plan-canary-update.json
is the twin on which every check stays silent. Run from anywhere:
    /usr/bin/python3 tests/data/iac/make_fixtures.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PROVIDER = "registry.terraform.io/hashicorp/aws"


def variant(name, itype, count, model):
    return {"accelerator_type": "", "container_startup_health_check_timeout_in_seconds": 0,
            "core_dump_config": [], "enable_ssm_access": False, "initial_instance_count": count,
            "initial_variant_weight": 1, "instance_type": itype,
            "model_data_download_timeout_in_seconds": 0, "model_name": model,
            "serverless_config": [], "variant_name": name, "volume_size_in_gb": 0}


def config(name, itype, count, model):
    return {"arn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/{name}",
            "async_inference_config": [], "data_capture_config": [], "id": name,
            "kms_key_arn": "", "name": name, "name_prefix": "",
            "production_variants": [variant("AllTraffic", itype, count, model)],
            "shadow_production_variants": [], "tags": None, "tags_all": {}}


def size(t, v):
    return [{"type": t, "value": v}]


def canary_dc(alarms=("llm-chat-prod-p99-latency",), timeout=3600, wait=600, pct=25):
    return [{"auto_rollback_configuration": [{"alarms": [{"alarm_name": a} for a in alarms]}],
             "blue_green_update_policy": [{
                 "maximum_execution_timeout_in_seconds": timeout,
                 "termination_wait_in_seconds": 300,
                 "traffic_routing_configuration": [{
                     "canary_size": size("CAPACITY_PERCENT", pct), "linear_step_size": [],
                     "type": "CANARY", "wait_interval_in_seconds": wait}]}],
             "rolling_update_policy": []}]


def rolling_dc(batch=1, wait=300, timeout=14400, alarms=("ep-5xx",)):
    return [{"auto_rollback_configuration": [{"alarms": [{"alarm_name": a} for a in alarms]}],
             "blue_green_update_policy": [],
             "rolling_update_policy": [{
                 "maximum_batch_size": size("INSTANCE_COUNT", batch),
                 "maximum_execution_timeout_in_seconds": timeout,
                 "rollback_maximum_batch_size": [], "wait_interval_in_seconds": wait}]}]


def endpoint(name, config_name, dc):
    return {"arn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{name}",
            "deployment_config": dc, "endpoint_config_name": config_name, "id": name,
            "name": name, "tags": None, "tags_all": {}}


def rc(address, actions, before, after, after_unknown=None, replace_paths=None):
    rtype, name = address.split(".")[-2:]
    out = {"address": address, "mode": "managed", "type": rtype, "name": name,
           "provider_name": PROVIDER,
           "change": {"actions": actions, "before": before, "after": after,
                      "after_unknown": after_unknown or {}, "before_sensitive": {} if before else False,
                      "after_sensitive": {} if after else False}}
    if replace_paths:
        out["change"]["replace_paths"] = replace_paths
        out["action_reason"] = "replace_because_cannot_update"
    return out


def config_ref(endpoint_address, config_address):
    return {"address": endpoint_address, "mode": "managed", "type": "aws_sagemaker_endpoint",
            "name": endpoint_address.split(".")[-1], "provider_config_key": "aws",
            "expressions": {"endpoint_config_name": {"references": [
                f"{config_address}.name", config_address]}},
            "schema_version": 0}


def plan(changes, refs=()):
    return {"format_version": "1.2", "terraform_version": "1.9.5",
            "planned_values": {"root_module": {}},
            "resource_changes": changes,
            "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": PROVIDER}},
                              "root_module": {"resources": list(refs)}}}


def update_plan(ep_name, itype, count, dc_before, dc_after, new_count=None, extra=()):
    """The usual Terraform flow: a new config (new name), the endpoint updated to it, the old
    config deleted."""
    old, new = f"{ep_name}-v1", f"{ep_name}-v2"
    n_new = count if new_count is None else new_count
    return [
        rc(f"aws_sagemaker_endpoint.{ep_name.replace('-', '_')}", ["update"],
           endpoint(ep_name, old, dc_before), endpoint(ep_name, new, dc_after)),
        rc(f"aws_sagemaker_endpoint_configuration.{ep_name.replace('-', '_')}_v1", ["delete"],
           config(old, itype, count, f"{ep_name}-model-1"), None),
        rc(f"aws_sagemaker_endpoint_configuration.{ep_name.replace('-', '_')}_v2", ["create"], None,
           config(new, itype, n_new, f"{ep_name}-model-2"),
           {"arn": True, "id": True, "production_variants": [{}], "tags_all": True}),
        *extra]


def write(name, doc):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def main():
    ep = "llm-chat-prod"
    base = update_plan(ep, "ml.g5.2xlarge", 4, canary_dc(), canary_dc())
    write("plan-canary-update.json", plan(base))

    # E_TF_WAITER: 8 x ml.g5.12xlarge one at a time, 300 s bakes: hours, not minutes.
    write("plan-long-rolling.json", plan(update_plan(
        "rank-prod", "ml.g5.12xlarge", 8, rolling_dc(), rolling_dc())))

    # E_TF_TIMEOUT_CAP: 20000 s (an older provider, or a plan edited by hand).
    write("plan-timeout-cap.json", plan(update_plan(
        ep, "ml.g5.2xlarge", 4, canary_dc(), canary_dc(timeout=20000))))

    # W_NO_DEPLOYMENT_CONFIG.
    write("plan-no-deployment-config.json", plan(update_plan(ep, "ml.g5.2xlarge", 4, [], [])))

    # E_TF_ROLLBACK_REPLACES: an alarm renamed; the config unchanged.
    ep_before = endpoint(ep, f"{ep}-v1", canary_dc())
    ep_after = endpoint(ep, f"{ep}-v1", canary_dc(alarms=("llm-chat-prod-p99-latency-v2",)))
    ep_after["arn"] = None
    ep_after["id"] = None
    write("plan-rollback-replace.json", plan([
        rc("aws_sagemaker_endpoint.llm_chat_prod", ["delete", "create"], ep_before, ep_after,
           {"arn": True, "id": True},
           [["deployment_config", 0, "auto_rollback_configuration"]]),
        rc("aws_sagemaker_endpoint_configuration.llm_chat_prod_v1", ["no-op"],
           config(f"{ep}-v1", "ml.g5.2xlarge", 4, f"{ep}-model-1"),
           config(f"{ep}-v1", "ml.g5.2xlarge", 4, f"{ep}-model-1"))]))

    # E_CONFIG_REPLACED_SAME_NAME: the config's model changes under a fixed name; the endpoint
    # still names it, so Terraform shows it unchanged.
    same = f"{ep}-config"
    write("plan-config-same-name.json", plan([
        rc("aws_sagemaker_endpoint.llm_chat_prod", ["no-op"], endpoint(ep, same, canary_dc()),
           endpoint(ep, same, canary_dc())),
        rc("aws_sagemaker_endpoint_configuration.llm_chat_prod", ["delete", "create"],
           config(same, "ml.g5.2xlarge", 4, f"{ep}-model-1"),
           config(same, "ml.g5.2xlarge", 4, f"{ep}-model-2"),
           {"arn": True, "id": True},
           [["production_variants", 0, "model_name"]])],
        [config_ref("aws_sagemaker_endpoint.llm_chat_prod",
                    "aws_sagemaker_endpoint_configuration.llm_chat_prod")]))

    # W_CAPACITY_RESET: the same update with an autoscaling target on the variant.
    target = {"arn": None, "id": f"endpoint/{ep}/variant/AllTraffic", "max_capacity": 12,
              "min_capacity": 4, "resource_id": f"endpoint/{ep}/variant/AllTraffic",
              "role_arn": "arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
              "scalable_dimension": "sagemaker:variant:DesiredInstanceCount",
              "service_namespace": "sagemaker", "suspended_state": [], "tags": None, "tags_all": {}}
    write("plan-autoscaled.json", plan(base + [
        rc("aws_appautoscaling_target.llm_chat_prod", ["no-op"], target, copy.deepcopy(target))]))

    # The config name is known only after apply (name_prefix): linked through the references.
    unknown = copy.deepcopy(base)
    unknown[0]["change"]["after"]["endpoint_config_name"] = None
    unknown[0]["change"]["after_unknown"] = {"endpoint_config_name": True}
    unknown[2]["change"]["after"]["name"] = None
    unknown[2]["change"]["after"]["name_prefix"] = f"{ep}-"
    unknown[2]["change"]["after_unknown"]["name"] = True
    write("plan-config-name-unknown.json", plan(unknown, [config_ref(
        "aws_sagemaker_endpoint.llm_chat_prod", "aws_sagemaker_endpoint_configuration.llm_chat_prod_v2")]))

    # No SageMaker resources at all.
    write("plan-no-sagemaker.json", plan([rc("aws_s3_bucket.logs", ["create"], None,
                                             {"bucket": "logs", "force_destroy": False},
                                             {"arn": True, "id": True})]))

    # 200 endpoints (the speed target of `check`): a mix of strategies and sizes.
    changes = []
    types = ["ml.m5.xlarge", "ml.c5.2xlarge", "ml.g5.xlarge", "ml.g5.2xlarge", "ml.r5.large"]
    for i in range(200):
        name = f"svc-{i:03d}"
        n = 2 + i % 9
        dc = (canary_dc(alarms=(f"{name}-5xx",), pct=20) if i % 3 == 0
              else rolling_dc(batch=1 + i % 2, wait=120, alarms=(f"{name}-5xx",)) if i % 3 == 1
              else [])
        changes += update_plan(name, types[i % len(types)], n, dc, dc)
    write("plan-200-endpoints.json", plan(changes))

    quotas = lambda v: {"Quotas": [
        {"ServiceCode": "sagemaker", "ServiceName": "Amazon SageMaker",
         "QuotaArn": "arn:aws:servicequotas:us-east-1:123456789012:sagemaker/L-0100B823",
         "QuotaCode": "L-0100B823", "QuotaName": "ml.g5.2xlarge for endpoint usage", "Value": v,
         "Unit": "None", "Adjustable": True, "GlobalQuota": False},
        {"ServiceCode": "sagemaker", "ServiceName": "Amazon SageMaker",
         "QuotaArn": "arn:aws:servicequotas:us-east-1:123456789012:sagemaker/L-2F737F8D",
         "QuotaCode": "L-2F737F8D", "QuotaName": "ml.g5.2xlarge for training job usage",
         "Value": 2.0, "Unit": "None", "Adjustable": True, "GlobalQuota": False}]}
    write("quotas-tight.json", quotas(6.0))
    write("quotas-ample.json", quotas(20.0))


if __name__ == "__main__":
    main()
