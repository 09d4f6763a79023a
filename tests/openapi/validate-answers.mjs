// Validates real answers of a running server against the response schemas of its own OpenAPI
// document, strictly: a property the schema does not list, or a required one missing, fails.
//
//   node validate-answers.mjs openapi.json answers.json
//
// answers.json: [{ "operation": "GetVideo", "status": 200, "content_type": "application/json", "body": {...} }, ...]
// Prints one line per answer; exits 1 if any answer has no schema or does not match it.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const [documentPath, answersPath] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentPath, 'utf8'));
const answers = JSON.parse(readFileSync(answersPath, 'utf8'));

/** The generator never writes additionalProperties: false; every answer we write is closed. */
function closeObjects(node) {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (node === null || typeof node !== 'object') return;
  if (node.properties && !('additionalProperties' in node)) node.additionalProperties = false;
  Object.values(node).forEach(closeObjects);
}
const components = structuredClone(document.components ?? {});
closeObjects(components);

const operations = new Map();
for (const item of Object.values(document.paths ?? {}))
  for (const op of Object.values(item)) if (op?.operationId) operations.set(op.operationId, op);

// Formats such as int32 or binary are OpenAPI's, not JSON Schema's: types are checked, not formats.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
let failed = 0;
answers.forEach((answer, i) => {
  const label = `${answer.operation} ${answer.status}`;
  const response = operations.get(answer.operation)?.responses?.[String(answer.status)];
  const mediaType = (answer.content_type ?? 'application/json').split(';')[0].trim();
  const schema = response?.content?.[mediaType]?.schema;
  if (!schema) {
    failed++;
    console.log(`not ok - ${label}: the document has no ${mediaType} schema for this answer`);
    return;
  }
  const closed = structuredClone(schema);
  closeObjects(closed);
  const validate = ajv.compile({ $id: `urn:reelgate:answer:${i}`, ...closed, components });
  if (validate(answer.body)) console.log(`ok - ${label}`);
  else {
    failed++;
    const errors = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`);
    console.log(`not ok - ${label}: ${[...new Set(errors)].join('; ')}`);
  }
});
console.log(failed === 0 ? `validate-answers: all ${answers.length} answers match` : `validate-answers: ${failed} of ${answers.length} answers do not match`);
process.exit(failed === 0 ? 0 : 1);
