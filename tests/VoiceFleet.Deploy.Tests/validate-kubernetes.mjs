// Validates Kubernetes objects against the API's JSON schemas, offline, with the npm packages
// kubernetes-models and @kubernetes-models/prometheus-operator (installed by ./fleet setup).
// Usage: node validate-kubernetes.mjs MODELS_DIR < objects.json   (a JSON array of objects)
// Prints one line per invalid object and exits 1 when there is any; exits 2 when a kind is unknown.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = join(process.argv[2], 'node_modules');
const objects = JSON.parse(readFileSync(0, 'utf8'));
let invalid = 0;
let unknown = 0;

for (const object of objects) {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const base = group === 'monitoring.coreos.com'
    ? join(modules, '@kubernetes-models', 'prometheus-operator', group, version)
    : join(modules, 'kubernetes-models', group, version);
  const file = join(base, `${object.kind}.js`);
  const id = `${object.apiVersion} ${object.kind}/${object.metadata?.name}`;
  if (!existsSync(file)) {
    console.log(`${id}: no schema (${file})`);
    unknown++;
    continue;
  }
  const Model = (await import(pathToFileURL(file).href))[object.kind];
  try {
    new Model(object).validate();
  } catch (error) {
    console.log(`${id}: ${error.message}`);
    invalid++;
  }
}
console.log(`checked ${objects.length} objects, ${invalid} invalid, ${unknown} unknown`);
process.exit(unknown > 0 ? 2 : invalid > 0 ? 1 : 0);
