#!/usr/bin/env node
// Checks Terraform files the way the real consumers see them:
//  1. HashiCorp's HCL parser (@cdktf/hcl2json, the Go hcl library compiled to WebAssembly) must
//     parse each file;
//  2. every `resource "aws_sagemaker_endpoint"` must match the AWS provider's schema as
//     @cdktf/provider-aws carries it: block and attribute names, block vs attribute, value types
//     and required arguments. The schema is read from the package's generated code
//     (lib/sagemaker-endpoint/index.js: the *ToHclTerraform functions list each argument with
//     isBlock, type and storageClassType; index.d.ts marks optional arguments with `?`).
// usage: node check_terraform.js FILE.tf...   (exit 1 on any problem, printing each)
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('@cdktf/hcl2json');

const pkg = path.dirname(require.resolve('@cdktf/provider-aws/package.json'));
const js = fs.readFileSync(path.join(pkg, 'lib/sagemaker-endpoint/index.js'), 'utf8');
const dts = fs.readFileSync(path.join(pkg, 'lib/sagemaker-endpoint/index.d.ts'), 'utf8');

// One `const attrs = { ... }` body per function (or the resource's synthesizeHclAttributes).
function attrsOf(body) {
  const out = {};
  const re = /(\w+): \{\s*value: ([^\n]*),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;
  for (let m; (m = re.exec(body));) {
    const nested = /(\w+)ToHclTerraform/.exec(m[2].replace(/cdktf\.\w+ToHclTerraform/g, ''));
    out[m[1]] = { isBlock: m[3] === 'true', type: m[4], storage: m[5], fn: nested ? nested[1] : null };
  }
  return out;
}
function functionBody(name) {
  const start = js.indexOf(`function ${name}ToHclTerraform(struct) {`);
  if (start < 0) throw new Error(`schema: no function ${name}ToHclTerraform in ${pkg}`);
  return js.slice(start, js.indexOf('\n}\n', start));
}
// Required arguments: the interface's members without `?`, in snake_case via the ToTerraform map.
function requiredOf(iface, fnName) {
  const start = dts.indexOf(`export interface ${iface} `);
  if (start < 0) return [];
  const body = dts.slice(start, dts.indexOf('\n}\n', start));
  const camel = [...body.matchAll(/readonly (\w+): /g)].map(m => m[1]);
  const toTf = fnName ? js.slice(js.indexOf(`function ${fnName}ToTerraform(struct)`)) : js;
  return camel.map(c => {
    const m = new RegExp(`(\\w+): [^\\n]*struct\\.${c}\\b`).exec(toTf) ||
              new RegExp(`(\\w+): [^\\n]*this\\._${c}\\b`).exec(toTf);
    return m ? m[1] : c;
  });
}
function schemaOf(fnName) {
  const attrs = attrsOf(functionBody(fnName));
  const iface = fnName[0].toUpperCase() + fnName.slice(1);
  const node = { attrs, required: requiredOf(iface, fnName) };
  for (const a of Object.values(attrs)) if (a.isBlock && a.fn) a.schema = schemaOf(a.fn);
  return node;
}
const rootStart = js.indexOf('synthesizeHclAttributes() {', js.indexOf('class SagemakerEndpoint extends'));
const root = { attrs: attrsOf(js.slice(rootStart, js.indexOf('\n    }\n', rootStart))),
               required: requiredOf('SagemakerEndpointConfig', null) };
for (const a of Object.values(root.attrs)) if (a.isBlock && a.fn) a.schema = schemaOf(a.fn);
if (!root.attrs.deployment_config || !root.attrs.endpoint_config_name)
  throw new Error('schema: aws_sagemaker_endpoint arguments not found: the package layout changed');

function typeOk(value, storage) {
  switch (storage) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'stringMap': return value && typeof value === 'object' && !Array.isArray(value);
    case 'stringList': return Array.isArray(value) && value.every(v => typeof v === 'string');
    default: return true;
  }
}
function check(obj, schema, where, problems) {
  for (const [k, v] of Object.entries(obj)) {
    const a = schema.attrs[k];
    if (!a) { problems.push(`${where}.${k}: no such argument in aws_sagemaker_endpoint`); continue; }
    if (a.isBlock) {
      // hcl2json gives every block as a list of objects; an attribute `x = {...}` is an object.
      if (!Array.isArray(v) || !v.every(e => e && typeof e === 'object' && !Array.isArray(e))) {
        problems.push(`${where}.${k}: must be a block`); continue;
      }
      v.forEach((e, i) => check(e, a.schema, `${where}.${k}[${i}]`, problems));
    } else if (!typeOk(v, a.storage)) {
      problems.push(`${where}.${k}: must be a ${a.storage}, got ${JSON.stringify(v)}`);
    }
  }
  for (const r of schema.required)
    if (!(r in obj) && schema.attrs[r]) problems.push(`${where}: required argument ${r} is missing`);
}

(async () => {
  let bad = 0, resources = 0;
  for (const file of process.argv.slice(2)) {
    const problems = [];
    let doc;
    try {
      doc = await parse(path.basename(file), fs.readFileSync(file, 'utf8'));
    } catch (e) {
      console.log(`FAIL ${file}: HCL parse error: ${e}`); bad++; continue;
    }
    const eps = (doc.resource || {}).aws_sagemaker_endpoint || {};
    for (const [name, bodies] of Object.entries(eps))
      for (const b of bodies) { resources++; check(b, root, `aws_sagemaker_endpoint.${name}`, problems); }
    // A deployment_config fragment alone: checked against that block's schema.
    if (doc.deployment_config)
      doc.deployment_config.forEach((b, i) =>
        check(b, root.attrs.deployment_config.schema, `deployment_config[${i}]`, problems));
    for (const p of problems) console.log(`FAIL ${file}: ${p}`);
    bad += problems.length > 0;
  }
  console.log(`${process.argv.length - 2} files parsed, ${resources} aws_sagemaker_endpoint resources checked, ${bad} with problems`);
  process.exit(bad ? 1 : 0);
})().catch(e => { console.error(e); process.exit(1); });
