// Terraform plan JSON -> endpoint updates (terraform_plan.hpp).
#include "shiftsim/codes.hpp"
#include "shiftsim/iac/terraform_plan.hpp"

#include "api_shapes.hpp"
#include "located_tree.hpp"

#include <fmt/core.h>

#include <map>
#include <utility>

namespace shiftsim::iac {

using detail::Json;

namespace {

struct Change {
  std::string address;
  std::string type;
  Action action = Action::no_op;
  Json before, after, after_unknown;
  std::vector<std::string> replace_paths;  ///< each path joined with '.'
  SourceLocation where;
  std::string path;  ///< /resource_changes/i
};

[[noreturn]] void not_a_plan(std::string path, std::string rule, std::string_view file) {
  std::string msg = fmt::format("{}: {} (at {})", file, rule, path.empty() ? "the root" : path);
  throw InputError({error_diagnostic(error_code::tf_plan, std::move(path), std::move(rule), "", msg)});
}

Action action_of(const Json& actions) {
  std::vector<std::string> a;
  if (actions.is_array())
    for (const auto& x : actions)
      if (x.is_string()) a.push_back(x.get<std::string>());
  if (a.size() == 2) return Action::replace;  // ["delete","create"] or ["create","delete"]
  if (a.size() != 1) return Action::no_op;
  if (a[0] == "create") return Action::create;
  if (a[0] == "update") return Action::update;
  if (a[0] == "delete") return Action::remove;
  if (a[0] == "read") return Action::read;
  return Action::no_op;
}

const Json* get(const Json& o, std::string_view key) {
  if (!o.is_object()) return nullptr;
  const auto it = o.find(key);
  return it == o.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> str(const Json& o, std::string_view key) {
  const Json* v = get(o, key);
  if (v && v->is_string()) return v->get<std::string>();
  return std::nullopt;
}

bool unknown(const Json& after_unknown, std::string_view key) {
  const Json* v = get(after_unknown, key);
  if (!v) return false;
  if (v->is_boolean()) return v->get<bool>();
  return !v->empty();  // some nested value unknown
}

/// `aws_x.y[0]` -> `aws_x.y`: configuration addresses have no instance keys.
std::string strip_index(std::string a) {
  if (const auto b = a.rfind('['); b != std::string::npos && !a.empty() && a.back() == ']')
    a.resize(b);
  return a;
}

/// configuration: resource address -> attribute -> referenced resource addresses.
using References = std::map<std::string, std::map<std::string, std::vector<std::string>>>;

void collect_references(const Json& module, const std::string& prefix, References& out,
                        int depth) {
  if (depth > 16 || !module.is_object()) return;
  if (const Json* rs = get(module, "resources"); rs && rs->is_array())
    for (const auto& r : *rs) {
      const auto addr = str(r, "address");
      const Json* ex = get(r, "expressions");
      if (!addr || !ex || !ex->is_object()) continue;
      for (auto it = ex->begin(); it != ex->end(); ++it)
        if (const Json* refs = get(it.value(), "references"); refs && refs->is_array())
          for (const auto& ref : *refs)
            if (ref.is_string()) out[prefix + *addr][it.key()].push_back(prefix + ref.get<std::string>());
    }
  if (const Json* calls = get(module, "module_calls"); calls && calls->is_object())
    for (auto it = calls->begin(); it != calls->end(); ++it)
      if (const Json* m = get(it.value(), "module"))
        collect_references(*m, prefix + "module." + it.key() + ".", out, depth + 1);
}

/// The resource (of `type`) an attribute refers to: `aws_x.y.name` -> `aws_x.y`.
std::optional<std::string> referenced(const References& refs, const std::string& address,
                                      const std::string& attribute, std::string_view type) {
  const auto r = refs.find(strip_index(address));
  if (r == refs.end()) return std::nullopt;
  const auto a = r->second.find(attribute);
  if (a == r->second.end()) return std::nullopt;
  for (auto target : a->second) {
    if (target.find(std::string(type) + ".") == std::string::npos) continue;
    // keep `type.name` (plus any module prefix), drop a trailing attribute
    const auto pos = target.find(std::string(type) + ".");
    const auto name_end = target.find('.', pos + type.size() + 1);
    if (name_end != std::string::npos) target.resize(name_end);
    return strip_index(target);
  }
  return std::nullopt;
}

struct Plan {
  std::string file;
  std::vector<Change> endpoints, configs, targets;
  References refs;
};

const Change* config_named(const Plan& p, const std::string& name, bool before) {
  for (const auto& c : p.configs)
    if (str(before ? c.before : c.after, "name") == name) return &c;
  return nullptr;
}

const Change* config_at(const Plan& p, const std::string& address) {
  for (const auto& c : p.configs)
    if (strip_index(c.address) == address) return &c;
  return nullptr;
}

aws::DescribeEndpointConfig to_config(const Change& c, const Json& side, const std::string& name,
                                      const std::string& attr_path, std::vector<Finding>& findings) {
  Json variants = Json::array();
  if (const Json* pv = get(side, "production_variants"); pv && pv->is_array())
    for (const auto& v : *pv) {
      Json api = detail::terraform_block_to_api(v);
      // The provider sends initial_instance_count only when > 0 (expandProductionVariants).
      if (api.value("InitialInstanceCount", Json()) == Json(0)) api.erase("InitialInstanceCount");
      variants.push_back(std::move(api));
    }
  detail::coerce_api_scalars(variants);
  return detail::config_from_api(name, variants, c.where, attr_path + ".production_variants",
                                 findings);
}

std::vector<ScalableTarget> targets_of(const Plan& p, const Change& ep,
                                       const std::optional<std::string>& name) {
  std::vector<ScalableTarget> out;
  for (const auto& t : p.targets) {
    std::string variant;
    bool ours = false;
    if (const auto rid = str(t.after, "resource_id")) {
      // endpoint/NAME/variant/VARIANT
      const std::string prefix = "endpoint/";
      const auto v = rid->find("/variant/");
      if (rid->rfind(prefix, 0) == 0 && v != std::string::npos) {
        ours = name && rid->substr(prefix.size(), v - prefix.size()) == *name;
        variant = rid->substr(v + 9);
      }
    } else if (referenced(p.refs, t.address, "resource_id", "aws_sagemaker_endpoint") ==
               strip_index(ep.address)) {
      ours = true;
      variant = "(unknown until apply)";
    }
    if (!ours) continue;
    ScalableTarget st{t.where, variant, std::nullopt, std::nullopt};
    st.min_capacity = detail::count_of(t.after, "min_capacity");
    st.max_capacity = detail::count_of(t.after, "max_capacity");
    out.push_back(std::move(st));
  }
  return out;
}

/// The config the endpoint names after the change (by name, else through the configuration's
/// references) and its name; a name known only after apply stands as a placeholder.
const Change* link_new_config(const Plan& p, const Change& ep, const Json& after,
                              std::optional<std::string>& config_name, EndpointUpdate& u) {
  config_name = str(after, "endpoint_config_name");
  const Change* cfg = config_name ? config_named(p, *config_name, false) : nullptr;
  if (!cfg)
    if (const auto a = referenced(p.refs, ep.address, "endpoint_config_name",
                                  "aws_sagemaker_endpoint_configuration"))
      cfg = config_at(p, *a);
  if (!config_name && cfg) {
    config_name = str(cfg->after, "name");
    if (!config_name) {
      config_name = detail::placeholder_name(cfg->address);
      u.findings.push_back({Level::note, note_code::name_at_apply,
                            fmt::format("the endpoint config's name is known only after apply; "
                                        "it stands here as {}",
                                        *config_name),
                            ep.where, "endpoint_config_name"});
    }
  }
  if (cfg && cfg->action != Action::remove) {
    u.new_config = to_config(*cfg, cfg->after, *config_name, cfg->address, u.findings);
    u.new_config_where = cfg->where;
  }
  return cfg;
}

/// The running state: the config the endpoint named before, and describe-endpoint as far as the
/// plan knows it.
void read_running(const Plan& p, const Change& ep, EndpointUpdate& u) {
  const auto before_name = str(ep.before, "endpoint_config_name");
  if (!before_name) return;
  if (const Change* cur = config_named(p, *before_name, true))
    u.current_config = to_config(*cur, cur->before, *before_name, cur->address, u.findings);
  const auto before_ep = str(ep.before, "name");
  if (!before_ep) return;
  aws::DescribeEndpoint d;
  d.endpoint_name = *before_ep;
  d.endpoint_config_name = *before_name;
  d.endpoint_status = "InService";
  if (u.current_config)
    for (const auto& v : u.current_config->production_variants)
      d.production_variants.push_back({v.variant_name, std::nullopt, std::nullopt, std::nullopt,
                                       std::nullopt});
  u.endpoint = std::move(d);
}

/// What replaces instead of updating: a replaced endpoint whose auto_rollback_configuration
/// changed (ForceNew), or a config replaced under its own name behind an unchanged endpoint.
void read_replacements(const Change& ep, const Change* cfg, EndpointUpdate& u) {
  if (ep.action == Action::no_op && cfg && cfg->action == Action::replace &&
      str(cfg->before, "name") && str(cfg->before, "name") == str(cfg->after, "name"))
    u.config_replaced_same_name = cfg->where;
  if (ep.action != Action::replace) return;
  for (const auto& rp : ep.replace_paths)
    if (rp.rfind("deployment_config.0.auto_rollback_configuration", 0) == 0)
      u.rollback_change_replaces = true;
  const auto rollback = [](const Json& side) {
    const Json* dc = get(side, "deployment_config");
    if (!dc || !dc->is_array() || dc->empty()) return Json();
    const Json* a = get(dc->front(), "auto_rollback_configuration");
    return a ? *a : Json();
  };
  // Plans of Terraform before 1.2 carry no replace_paths: compare the two sides.
  if (ep.replace_paths.empty() && rollback(ep.before) != rollback(ep.after))
    u.rollback_change_replaces = true;
}

/// The request the provider sends (resourceEndpointUpdate): names and DeploymentConfig only.
void read_request(const Change& ep, const Json& after, const std::optional<std::string>& name,
                  const std::optional<std::string>& config_name, EndpointUpdate& u) {
  const char* unknown_member = unknown(ep.after_unknown, "deployment_config") ? "deployment_config"
                               : !config_name ? "endpoint_config_name"
                                              : nullptr;
  if (unknown_member) {
    u.findings.push_back({Level::warning, warning_code::iac_unresolved,
                          fmt::format("{} is known only after apply and is not linked to a "
                                      "resource of the plan: the update is not simulated",
                                      unknown_member),
                          ep.where, unknown_member});
    return;
  }
  Json req = Json::object();
  req["EndpointName"] = name ? *name : detail::placeholder_name(ep.address);
  req["EndpointConfigName"] = *config_name;
  if (const Json* dc = get(after, "deployment_config"); dc && dc->is_array() && !dc->empty()) {
    Json api = detail::terraform_block_to_api(dc->front());
    detail::coerce_api_scalars(api);
    if (!api.empty()) {
      req["DeploymentConfig"] = std::move(api);
      u.has_deployment_config = true;
    }
  }
  u.request_json = detail::dump(req);
}

EndpointUpdate read_endpoint(const Plan& p, const Change& ep) {
  EndpointUpdate u;
  u.tool = Tool::terraform;
  u.action = ep.action;
  u.where = ep.where;
  const Json& after = ep.action == Action::remove ? ep.before : ep.after;
  const auto name = str(after, "name");
  u.label = name.value_or(ep.address);
  std::optional<std::string> config_name;
  const Change* cfg = link_new_config(p, ep, after, config_name, u);
  read_running(p, ep, u);
  read_replacements(ep, cfg, u);
  read_request(ep, after, name, config_name, u);
  u.scalable_targets = targets_of(p, ep, name);
  return u;
}

}  // namespace

IacDocument read_terraform_plan(std::string_view text, std::string_view file) {
  const detail::LocatedTree tree = detail::parse_located_json(text, file);
  const Json& root = tree.root;
  if (!root.is_object()) not_a_plan("", "a plan is a JSON object", file);
  const auto version = str(root, "format_version");
  if (!version) not_a_plan("format_version", "no format_version: not `terraform show -json` output", file);
  if (version->substr(0, version->find('.')) != "1")
    not_a_plan("format_version",
               fmt::format("format_version {} is not supported (major version 1 is)", *version),
               file);
  if (!root.contains("resource_changes") && !root.contains("planned_values") &&
      root.contains("values"))
    not_a_plan("values", "this is a state (terraform show -json of a state), not a plan", file);

  Plan p;
  p.file = std::string(file);
  if (const Json* c = get(root, "configuration"))
    if (const Json* m = get(*c, "root_module")) collect_references(*m, "", p.refs, 0);

  IacDocument doc;
  doc.tool = Tool::terraform;
  doc.file = p.file;
  const Json* rcs = get(root, "resource_changes");
  if (rcs && !rcs->is_array()) not_a_plan("resource_changes", "resource_changes must be a list", file);
  if (rcs)
    for (std::size_t i = 0; i < rcs->size(); ++i) {
      const Json& rc = (*rcs)[i];
      const auto type = str(rc, "type");
      if (!type || str(rc, "mode").value_or("managed") != "managed") continue;
      const bool ep = *type == "aws_sagemaker_endpoint";
      const bool cfg = *type == "aws_sagemaker_endpoint_configuration";
      const bool tgt = *type == "aws_appautoscaling_target";
      if (!ep && !cfg && !tgt) continue;
      Change c;
      c.address = str(rc, "address").value_or(*type);
      c.type = *type;
      c.path = detail::child_path("/resource_changes", i);
      c.where = SourceLocation{p.file, tree.line_of(c.path), c.address};
      if (const Json* ch = get(rc, "change")) {
        c.action = action_of(ch->value("actions", Json()));
        c.before = ch->value("before", Json());
        c.after = ch->value("after", Json());
        c.after_unknown = ch->value("after_unknown", Json());
        if (const Json* rp = get(*ch, "replace_paths"); rp && rp->is_array())
          for (const auto& path : *rp) {
            std::string joined;
            if (path.is_array())
              for (const auto& step : path)
                joined += (joined.empty() ? "" : ".") + (step.is_string() ? step.get<std::string>() : step.dump());
            c.replace_paths.push_back(joined);
          }
      }
      if (tgt) {
        const Json& side = c.after.is_null() ? c.before : c.after;
        if (str(side, "service_namespace") != "sagemaker" ||
            str(side, "scalable_dimension") != "sagemaker:variant:DesiredInstanceCount")
          continue;
        p.targets.push_back(std::move(c));
      } else {
        (ep ? p.endpoints : p.configs).push_back(std::move(c));
      }
      ++doc.sagemaker_resources;
    }
  for (const auto& ep : p.endpoints) doc.endpoints.push_back(read_endpoint(p, ep));
  return doc;
}

}  // namespace shiftsim::iac
