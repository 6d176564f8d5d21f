import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import notEbpfSchema from '../../catalog/not-ebpf.schema.json';
import entrySchema from '../../catalog/schema.json';
import { PACKAGE_ROOT } from '../paths';

/**
 * The catalog's schemas as validation code written ahead of time (Ajv's standalone code), so that the
 * bot does not compile them at start-up: compiling both took about 16 MB of resident memory for good.
 * `npm run schemas` writes the file; a test keeps it in step with the schemas and this code.
 */
export const SCHEMA_VALIDATORS_FILE = path.join(PACKAGE_ROOT, 'src/catalog/schema-validators.js');

export function schemaValidatorsSource(): string {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    code: { source: true },
  });
  ajv.addSchema(entrySchema, 'entry');
  ajv.addSchema(notEbpfSchema, 'notEbpf');
  const code = standaloneCode(ajv, { entry: 'entry', notEbpf: 'notEbpf' });
  return `// Written by \`npm run schemas\` from catalog/schema.json and catalog/not-ebpf.schema.json: do not edit.\n${code}\n`;
}

if (require.main === module) fs.writeFileSync(SCHEMA_VALIDATORS_FILE, schemaValidatorsSource());
