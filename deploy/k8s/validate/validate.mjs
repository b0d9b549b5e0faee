// Validates Kubernetes objects (multi-document YAML files, e.g. `kubectl kustomize` output) offline against the
// Kubernetes OpenAPI schema, in two parts:
//  * kubernetes-models: each kind's schema from the OpenAPI spec compiled to a validator (types, formats, enums,
//    required fields). It allows fields the schema does not name, as the API's own schema does;
//  * strict fields: every field must be one the OpenAPI spec names for its type, found by walking the object with the
//    type map @kubernetes/client-node generates from the same spec (kubeconform's -strict). The API server would drop
//    an unknown field silently, so a misspelt `imagePullPolicyy` would otherwise pass unnoticed.
// Only built-in kinds are known: an object of any other kind (a CRD's) is an error.
//
//   node validate.mjs FILE...                 every object of every file; exit 1 on any error
//   node validate.mjs --self-test FILE        the first workload of FILE, broken in known ways, must be rejected
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import * as models from "@kubernetes/client-node/dist/gen/models/all.js";

async function schemaErrors(object) {
  const { apiVersion, kind } = object;
  let module;
  try {
    module = await import(`kubernetes-models/${apiVersion}/${kind}`);
  } catch {
    return [`no schema for ${apiVersion} ${kind} (only built-in kinds are validated)`];
  }
  const Model = module[kind] ?? module.default;
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [error.message];
  }
}

// "apps/v1" + "StatefulSet" -> V1StatefulSet, "v1" + "Service" -> V1Service, as client-node names its models.
function modelName({ apiVersion, kind }) {
  const version = apiVersion.split("/").pop();
  return version[0].toUpperCase() + version.slice(1) + kind;
}

function unknownFields(value, type, path, errors) {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, array[1], `${path}[${i}]`, errors));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value === "object") for (const [key, item] of Object.entries(value)) unknownFields(item, map[1], `${path}.${key}`, errors);
    return;
  }
  const attributes = models[type]?.attributeTypeMap;
  if (!attributes || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const attribute = attributes.find((a) => a.baseName === key);
    if (!attribute) errors.push(`${path}.${key}: unknown field (${type} has no such field)`);
    else unknownFields(item, attribute.type, `${path}.${key}`, errors);
  }
}

async function errorsOf(object) {
  if (!object?.apiVersion || !object?.kind) return ["not a Kubernetes object: apiVersion and kind are required"];
  const errors = await schemaErrors(object);
  const type = modelName(object);
  if (!models[type]?.attributeTypeMap) errors.push(`no field list for ${type}`);
  else unknownFields(object, type, "", errors);
  return errors;
}

function objectsOf(file) {
  return parseAllDocuments(readFileSync(file, "utf8"))
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
      return document.toJS();
    })
    .filter((object) => object !== null);
}

const label = (object) => `${object?.kind ?? "?"}/${object?.metadata?.name ?? "?"}`;

async function validate(files) {
  let count = 0, failed = 0;
  for (const file of files) {
    for (const object of objectsOf(file)) {
      count++;
      const errors = await errorsOf(object);
      if (errors.length > 0) {
        failed++;
        for (const error of errors) console.error(`${file}: ${label(object)}: ${error}`);
      }
    }
  }
  console.log(`${count} objects in ${files.length} files: ${count - failed} valid, ${failed} invalid`);
  return failed === 0 && count > 0;
}

// Each way of breaking a workload must be caught, or the validation proves nothing.
async function selfTest(file) {
  const workload = objectsOf(file).find((object) => ["Deployment", "StatefulSet"].includes(object.kind));
  if (!workload) throw new Error(`${file} has no Deployment or StatefulSet to break`);
  const breakages = {
    "a misspelt container field": (o) => { o.spec.template.spec.containers[0].imagePullPolicyy = "Always"; },
    "an unknown field in a probe": (o) => { o.spec.template.spec.containers[0].livenessProbe = { httpGet: { path: "/healthz", port: 80, host_name: "x" } }; },
    "a string for an integer": (o) => { o.spec.replicas = "two"; },
    "a value outside an enum": (o) => { o.spec.template.spec.containers[0].imagePullPolicy = "Sometimes"; },
    "a missing required field": (o) => { delete o.spec.selector; },
  };
  let missed = 0;
  for (const [what, breakIt] of Object.entries(breakages)) {
    const broken = structuredClone(workload);
    breakIt(broken);
    const errors = await errorsOf(broken);
    console.log(`${errors.length > 0 ? "rejected" : "MISSED  "} ${what}${errors.length > 0 ? `: ${errors[0]}` : ""}`);
    if (errors.length === 0) missed++;
  }
  const clean = await errorsOf(workload);
  if (clean.length > 0) {
    console.error(`the unbroken ${label(workload)} is itself invalid: ${clean.join("; ")}`);
    missed++;
  }
  return missed === 0;
}

const args = process.argv.slice(2);
const ok = args[0] === "--self-test" ? await selfTest(args[1]) : await validate(args);
process.exit(ok ? 0 : 1);
