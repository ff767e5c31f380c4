// Validates data files against JSON Schemas with ajv (draft 2020-12), for test_schema.
// Usage: node ajv-validate.js AJV_DIR MANIFEST
// MANIFEST is a JSON array of {"name", "schema", "data"} (paths of JSON files); prints one
// line per entry: NAME, a tab, "valid" or "invalid", and for an invalid one a tab and
// the first error.  A schema ajv refuses to compile is an error of its own (exit 2).
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv2020 = require(path.join(process.argv[2], 'node_modules', 'ajv', 'dist', '2020')).default;

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: false });
const compiled = new Map();
const entries = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
for (const e of entries) {
  let validate = compiled.get(e.schema);
  if (!validate) {
    try {
      validate = ajv.compile(JSON.parse(fs.readFileSync(e.schema, 'utf8')));
    } catch (err) {
      console.error(`${e.schema}: ${err.message}`);
      process.exit(2);
    }
    compiled.set(e.schema, validate);
  }
  const ok = validate(JSON.parse(fs.readFileSync(e.data, 'utf8')));
  const first = ok ? '' : `\t${validate.errors[0].instancePath} ${validate.errors[0].message}`;
  console.log(`${e.name}\t${ok ? 'valid' : 'invalid'}${first}`);
}
