// Validates a stream of Kubernetes manifests (multi-document YAML, as `helm template` prints) against the API's
// schemas of kubernetes-models, offline: node validate.mjs manifests.yaml (or the stream on standard input)
// Prints "<kind>/<name>: valid" per document, or each document's errors; exits 1 when any is invalid or of a kind
// it has no schema for.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const documents = parseAllDocuments(readFileSync(process.argv[2] ?? 0, "utf8")).map((d) => d.toJS()).filter((d) => d);
let failed = false;
for (const manifest of documents) {
  const name = `${manifest.kind}/${manifest.metadata?.name}`;
  try {
    // "apps/v1" is kubernetes-models/apps/v1, the core "v1" is kubernetes-models/v1.
    const models = await import(`kubernetes-models/${manifest.apiVersion}`);
    const Model = models[manifest.kind];
    if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
    new Model(manifest).validate();
    console.log(`${name}: valid`);
  } catch (error) {
    failed = true;
    console.log(`${name}: INVALID ${error.message}${error.errors ? "\n" + JSON.stringify(error.errors, null, 2) : ""}`);
  }
}
process.exit(failed || documents.length === 0 ? 1 : 0);
